package dev.faultline.search;

import dev.faultline.support.OpenSearchSeeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every search test of {@link SearchTest}, with OpenSearch as the search engine. */
@QuarkusTest
@TestProfile(OpenSearchSeeded.class)
class OpenSearchSearchTest extends SearchTest {
}
