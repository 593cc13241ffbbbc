package dev.faultline.query.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Templates written to exhaust the server stop at a named limit, well within the time bound (issue 20). */
class TemplateBombTest {

    /** A model list of 300 items: three nested loops over it would run 27 million times. */
    static final Map<String, Object> MODEL = Map.of("items", Collections.nCopies(300, "x"));

    @ParameterizedTest
    @ValueSource(strings = {
            "{#for i in 10000}{#for j in 10000}{/for}{/for}",                      // silent nested loops: no output limit helps
            "{#for i in 10000}{#for j in 10000}x{/for}{/for}",                     // loud nested loops
            "{#each items}{#each items}{#each items}{/each}{/each}{/each}",        // loops over the model
            "{#for a in items}{#for b in items}{#for c in items}{a}{/for}{/for}{/for}",
            "{#for i in 10000}{#for j in 10000}{#if j > 5}{/if}{/for}{/for}"})
    void a_template_bomb_stops_at_a_named_limit(String bomb) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> TemplateSandbox.render(TemplateSandbox.parse(bomb), MODEL))
                        .isInstanceOf(TemplateSandbox.InvalidTemplate.class)
                        .hasMessageContaining("(limit)"));
    }

    @Test
    void an_ordinary_loop_renders() {
        String out = TemplateSandbox.render(TemplateSandbox.parse("{#for i in 3}{i}{/for}|{#each items}.{/each}"),
                Map.of("items", List.of(1, 2)));
        assertThat(out).isEqualTo("123|..");
    }

    @Test
    void a_loop_past_the_range_limit_is_refused_when_parsed() {
        assertThatThrownBy(() -> TemplateSandbox.parse("{#for i in 100000}x{/for}"))
                .isInstanceOf(TemplateSandbox.InvalidTemplate.class).hasMessageContaining("10000");
    }
}
