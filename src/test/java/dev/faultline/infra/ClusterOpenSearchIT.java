package dev.faultline.infra;

import dev.faultline.support.OpenSearchNode;
import java.time.Duration;
import java.util.Map;

/**
 * {@link ClusterIT} with OpenSearch as the search engine (a real OpenSearch 2.19 node started in
 * this JVM): the packaged nodes share one index and one search processor, and every write is
 * searchable on every node.
 */
class ClusterOpenSearchIT extends ClusterIT {

    @Override
    boolean searchPerNode() {
        return false;
    }

    @Override
    Duration searchTakeover() {
        return Duration.ofSeconds(30);
    }

    @Override
    Map<String, String> searchEnvironment() {
        return Map.of("FAULTLINE_SEARCH_BACKEND", "opensearch",
                "FAULTLINE_SEARCH_HOSTS", OpenSearchNode.hosts(),
                "FAULTLINE_SEARCH_INDEX_PREFIX", database);
    }
}
