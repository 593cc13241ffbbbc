package dev.faultline.query.semantic;

import dev.faultline.support.Seeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector cache in front of the model: what it encodes once it keeps, and a request's encoding is bounded. */
@QuarkusTest
@TestProfile(Seeded.class)
class SentenceVectorsTest {

    @Inject
    SentenceVectors vectors;

    @Test
    void at_most_the_bound_is_encoded_and_what_was_encoded_is_not_encoded_again() {
        String run = Long.toHexString(System.nanoTime());
        List<String> sentences = IntStream.range(0, 40)
                .mapToObj(i -> "A sentence no one has written before, " + run + " number " + i + ".").toList();
        long before = vectors.encoded();

        Map<String, float[]> bounded = vectors.of(sentences, 8);
        assertThat(bounded).hasSize(8);
        assertThat(vectors.encoded() - before).isEqualTo(8);

        Map<String, float[]> all = vectors.of(sentences);
        assertThat(all).hasSize(40);
        assertThat(vectors.encoded() - before).as("the first 8 came from the cache").isEqualTo(40);
        bounded.forEach((sentence, vector) -> assertThat(all.get(sentence)).isEqualTo(vector));
    }
}
