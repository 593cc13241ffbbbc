package dev.faultline.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Test profile: the 60 seed incidents, searched through a real OpenSearch ({@link OpenSearchNode},
 * in this JVM) instead of Lucene; each test application's indexes carry its database's name
 * ({@link FreshDatabase}).
 */
public class OpenSearchSeeded implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("faultline.seed.enabled", "true",
                "faultline.search.backend", "opensearch",
                "faultline.search.hosts", OpenSearchNode.hosts());
    }
}
