package dev.faultline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed mix of 50 search queries of the search benchmark: single terms, phrases and
 * multi-term queries over the synthetic corpus's vocabulary, 20 of them with one or two filters.
 * Each is run the same way against Faultline (HTTP) and the PostgreSQL full-text peer (JDBC).
 */
record SearchQueries(String q, Map<String, String> filters) {

    static List<SearchQueries> mix() {
        List<SearchQueries> mix = new ArrayList<>();
        for (String term : new String[]{"dns", "bgp", "certificate", "backtracking", "failover", "quota", "webhooks",
                "payments", "snapshot", "throttled"}) {
            mix.add(new SearchQueries(term, Map.of()));
        }
        for (String phrase : new String[]{"feature file", "race condition", "connection pool", "kill switch",
                "control plane", "staged rollout", "power loss", "null pointer", "backup failure", "load balancer"}) {
            mix.add(new SearchQueries("\"" + phrase + "\"", Map.of()));
        }
        String[] multi = {"latent bug parser configuration", "regex backtracking cpu", "dns answers empty",
                "database permissions change", "certificate rotation logins fail", "bgp announcement change",
                "retry loop queues back up", "maintenance command capacity", "traffic surge throttled",
                "third-party provider failure storage"};
        for (String q : multi) {
            mix.add(new SearchQueries(q, Map.of()));
        }
        String[][] filtered = {
                {"dns", "organization", "Cloudflare"}, {"configuration change", "severity", "SEV1"},
                {"race condition", "label", "defect:race-condition"}, {"certificate", "organization", "AWS"},
                {"\"feature file\"", "severity", "SEV2"}, {"failover region", "organization", "Azure"},
                {"latent bug", "label", "trigger:config-change"}, {"bgp", "severity", "SEV1"},
                {"database", "label", "component:database"}, {"queue backs up", "organization", "Slack"}};
        for (String[] f : filtered) {
            mix.add(new SearchQueries(f[0], Map.of(f[1], f[2])));
        }
        String[][] twoFilters = {
                {"dns", "organization", "AWS", "severity", "SEV1"},
                {"outage", "label", "defect:latent-bug", "organization", "Fastly"},
                {"rolled back", "severity", "SEV2", "label", "trigger:code-deploy"},
                {"\"control plane\"", "organization", "Google Cloud", "from", "2020-01-01"},
                {"power", "label", "trigger:power-hardware", "from", "2022-01-01"},
                {"quota policy", "organization", "Okta", "severity", "SEV3"},
                {"timeout", "from", "2019-01-01", "to", "2021-01-01"},
                {"snapshot restore", "label", "defect:backup-failure", "severity", "SEV1"},
                {"webhooks", "organization", "Stripe", "label", "component:cdn-proxy"},
                {"health checks flap", "severity", "SEV4", "from", "2024-01-01"}};
        for (String[] f : twoFilters) {
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put(f[1], f[2]);
            filters.put(f[3], f[4]);
            mix.add(new SearchQueries(f[0], filters));
        }
        return mix;
    }
}
