package dev.faultline.search;

import dev.faultline.query.search.SearchIndexes;
import dev.faultline.support.OpenSearchNode;
import dev.faultline.support.OpenSearchSeeded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@link RebuildTest} with OpenSearch as the search engine: the rebuild fills a new index, the
 * serving alias moves to it, and the old index is deleted once retired.
 */
@QuarkusTest
@TestProfile(OpenSearchSeeded.class)
class OpenSearchRebuildTest extends RebuildTest {

    @Override
    boolean exists(SearchIndexes.Generation generation) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://" + OpenSearchNode.hosts() + "/" + generation.name()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
