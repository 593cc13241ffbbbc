package dev.faultline.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Test profile: the knowledge base starts with the 60 bundled seed incidents. */
public class Seeded implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("faultline.seed.enabled", "true");
    }
}
