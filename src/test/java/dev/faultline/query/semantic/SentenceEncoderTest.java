package dev.faultline.query.semantic;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model shipped in the jar, run in process: unit vectors, and meaning beats shared words. */
class SentenceEncoderTest {

    @Test
    void sentences_alike_in_meaning_are_closer_than_sentences_sharing_words() {
        float[][] v = new SentenceEncoder().encode(List.of(
                "The leap second made the system clock step backwards and a duration went negative.",
                "Time went back by one second at midnight, so an elapsed time computed from the wall clock was below zero.",
                "The clock page of the dashboard went down after a second deployment."));
        assertThat(v).hasNumberOfRows(3);
        assertThat(v[0]).hasSize(SentenceEncoder.DIMENSIONS);
        assertThat(Vectors.dot(v[0], v[0])).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(Vectors.dot(v[0], v[1])).isGreaterThan(Vectors.dot(v[0], v[2]) + 0.1f);
    }

    @Test
    void a_centroid_is_a_unit_vector_between_its_members() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        float[] c = Vectors.centroid(List.of(a, b));
        assertThat(Vectors.dot(c, c)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Vectors.dot(c, a)).isCloseTo(Vectors.dot(c, b), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Vectors.centroid(List.of())).isNull();
    }
}
