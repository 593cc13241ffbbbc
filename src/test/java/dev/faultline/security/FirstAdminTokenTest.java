package dev.faultline.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A chosen admin secret that could be guessed stops the start, before anything is stored. */
class FirstAdminTokenTest {

    @Test
    void a_short_configured_token_is_refused() {
        FirstAdminToken first = new FirstAdminToken(null, Optional.of("too-short-secret"), false);
        assertThatThrownBy(() -> first.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAULTLINE_ADMIN_TOKEN must be at least 20 characters");
    }
}
