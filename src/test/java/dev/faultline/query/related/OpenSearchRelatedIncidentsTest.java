package dev.faultline.query.related;

import dev.faultline.support.OpenSearchSeeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link RelatedIncidentsTest}, with OpenSearch (and its k-NN vector search) as the search engine. */
@QuarkusTest
@TestProfile(OpenSearchSeeded.class)
class OpenSearchRelatedIncidentsTest extends RelatedIncidentsTest {
}
