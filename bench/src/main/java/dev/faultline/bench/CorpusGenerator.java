package dev.faultline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic corpus: N incident documents (NDJSON) shaped like the real seed
 * incidents — about 20 events each (declaration, a dozen timeline entries, statements, a ruled-out
 * hypothesis and a root cause, contributing factors, impact, remediations, resolution), labels
 * drawn from the taxonomy, text from postmortem vocabulary. The same seed gives the same bytes.
 * Usage: CorpusGenerator count out.ndjson [seed]
 */
public final class CorpusGenerator {

    static final String[] ORGS = {"Cloudflare", "AWS", "Google Cloud", "Fastly", "Azure", "GitHub", "GitLab", "Slack",
            "Atlassian", "Roblox", "Meta", "CrowdStrike", "Akamai", "Datadog", "Stripe", "Shopify", "Twilio", "Heroku",
            "DigitalOcean", "Fly.io", "Vercel", "Netlify", "PagerDuty", "Okta", "Zoom"};
    static final String[] SERVICES = {"CDN", "DNS", "API gateway", "object storage", "database", "authentication",
            "dashboard", "load balancer", "queue", "search", "payments", "email delivery", "container platform",
            "control plane", "edge proxy", "status page", "CI runners", "webhooks"};
    static final String[] TRIGGERS = {"a configuration change", "a routine deployment", "an automated update of a feature file",
            "a database permissions change", "a certificate rotation", "a quota policy change", "a maintenance command",
            "a BGP announcement change", "a traffic surge", "a power loss in one facility", "a third-party provider failure"};
    static final String[] DEFECTS = {"a latent bug in the parser", "a race condition between two workers",
            "a hard limit on the number of entries", "missing validation of generated configuration",
            "a null pointer on blank fields", "catastrophic regex backtracking", "connection pool exhaustion",
            "an unchecked retry loop", "a silent backup failure", "dead code re-enabled by a flag"};
    static final String[] EFFECTS = {"HTTP 5xx errors spike", "latency rises sharply", "requests time out",
            "logins fail", "writes are rejected", "health checks flap", "queues back up", "caches go cold",
            "the control plane stops responding", "DNS answers are empty"};
    static final String[] ACTIONS = {"rolled back the change", "disabled the feature flag", "restarted the proxies",
            "failed over to the secondary region", "throttled incoming traffic", "restored the last known good file",
            "drained the affected nodes", "scaled out the fleet", "paused the automation", "restored from snapshot"};
    static final String[] LABELS = {"trigger:config-change", "trigger:data-change", "trigger:code-deploy",
            "trigger:ops-command", "trigger:automated-update", "trigger:traffic-surge", "trigger:power-hardware",
            "trigger:third-party", "trigger:quota-change", "trigger:maintenance", "defect:latent-bug",
            "defect:race-condition", "defect:unchecked-limit", "defect:missing-validation", "defect:null-handling",
            "defect:regex-backtracking", "defect:resource-exhaustion", "defect:dead-code", "defect:unsafe-tooling",
            "defect:backup-failure", "spread:global-instant-push", "spread:no-staged-rollout",
            "spread:cascading-dependency", "spread:congestive-collapse", "spread:circular-dependency",
            "spread:single-point-of-failure", "component:config-pipeline", "component:dns", "component:bgp-routing",
            "component:cdn-proxy", "component:database", "component:control-plane", "component:identity",
            "component:storage", "component:kubernetes", "component:backbone"};
    static final String[] KINDS = {"DETECTION", "ESCALATION", "HYPOTHESIS", "MITIGATION", "COMMUNICATION", "RECOVERY", "OTHER"};

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20251118L;
        SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                w.write(document(i, random));
                w.write('\n');
            }
        }
    }

    static String document(int n, SplittableRandom r) {
        String org = pick(r, ORGS);
        Instant start = Instant.parse("2015-01-01T00:00:00Z").plus(r.nextLong(11L * 365 * 24 * 60), ChronoUnit.MINUTES);
        String trigger = pick(r, TRIGGERS);
        String defect = pick(r, DEFECTS);
        String service = pick(r, SERVICES);
        String id = "synthetic-" + n;
        StringBuilder d = new StringBuilder(4096);
        d.append("{\"id\":\"").append(id).append("\",\"title\":\"").append(org).append(' ').append(service)
                .append(" outage after ").append(trigger).append("\",\"organization\":\"").append(org)
                .append("\",\"severity\":\"SEV").append(1 + r.nextInt(4)).append("\",\"startedAt\":\"").append(start)
                .append("\",\"startPrecision\":\"MINUTE\",\"summary\":\"").append(trigger).append(" exposed ").append(defect)
                .append(" in the ").append(service).append("; ").append(pick(r, EFFECTS)).append(" across regions.\"")
                .append(",\"affectedServices\":[\"").append(service).append("\",\"").append(pick(r, SERVICES)).append("\"]")
                .append(",\"sources\":[\"https://status.example.com/incidents/").append(n).append("\"],\"timeline\":[");
        Instant t = start.minus(5 + r.nextInt(30), ChronoUnit.MINUTES);
        d.append(entry("trigger", t, "TRIGGER", trigger + " is rolled out"));
        int entries = 9 + r.nextInt(5);
        Instant detected = null;
        for (int i = 1; i < entries; i++) {
            t = t.plus(2 + r.nextInt(25), ChronoUnit.MINUTES);
            String kind = i == 1 ? "DETECTION" : pick(r, KINDS);
            String text = switch (kind) {
                case "DETECTION" -> "Monitoring alerts: " + pick(r, EFFECTS);
                case "MITIGATION" -> "Responders " + pick(r, ACTIONS);
                case "HYPOTHESIS" -> "Team suspects " + pick(r, DEFECTS);
                case "COMMUNICATION" -> "Status page updated: investigating " + service + " degradation";
                default -> pick(r, EFFECTS) + " in " + pick(r, SERVICES);
            };
            d.append(',').append(entry("entry-" + i, t, kind, text));
        }
        Instant end = t.plus(10 + r.nextInt(120), ChronoUnit.MINUTES);
        d.append(',').append(entry("resolved", end, "RESOLUTION", "All services recovered")).append(']');
        d.append(",\"statements\":[{\"id\":\"ceo\",\"speaker\":\"").append(org).append(" CEO\",\"role\":\"CEO\",\"channel\":\"BLOG\",\"quote\":\"We let our customers down today; ")
                .append(defect).append(" should never reach production.\",\"confidence\":\"CONFIRMED\"},")
                .append("{\"id\":\"status\",\"speaker\":\"").append(org).append("\",\"role\":\"Company\",\"channel\":\"STATUS_PAGE\",\"quote\":\"We are investigating elevated errors on ")
                .append(service).append(".\",\"confidence\":\"SECONDARY\"}]");
        Instant hypothesisAt = start.plus(10, ChronoUnit.MINUTES);
        d.append(",\"rootCauses\":[{\"id\":\"attack-hypothesis\",\"summary\":\"A DDoS attack was suspected\",\"labels\":[\"response:misleading-hypothesis\"],\"identifiedAt\":\"")
                .append(hypothesisAt).append("\",\"confidence\":\"CONFIRMED\",\"ruledOut\":{\"at\":\"").append(hypothesisAt.plus(30, ChronoUnit.MINUTES))
                .append("\",\"reason\":\"Traffic was legitimate\"}},{\"id\":\"cause\",\"summary\":\"").append(trigger).append(" triggered ").append(defect)
                .append("\",\"labels\":[\"").append(label(r, "trigger")).append("\",\"").append(label(r, "defect")).append("\",\"")
                .append(label(r, "component")).append("\"],\"confidence\":\"CONFIRMED\"}]");
        d.append(",\"contributingFactors\":[{\"id\":\"factor-1\",\"text\":\"No staged rollout: the change reached every region at once\",\"labels\":[\"")
                .append(label(r, "spread")).append("\"]},{\"id\":\"factor-2\",\"text\":\"Recovery needed manual steps\",\"labels\":[\"response:manual-recovery\"]}]");
        d.append(",\"impact\":{\"description\":\"").append(pick(r, EFFECTS)).append(" for customers of the ").append(service)
                .append("\",\"figures\":[{\"name\":\"error rate\",\"value\":\"").append(5 + r.nextInt(90)).append("%\"}]}");
        d.append(",\"remediations\":[{\"id\":\"action-1\",\"description\":\"Validate generated configuration like user input\",\"type\":\"PREVENT\",\"owner\":\"team-")
                .append(n % 40).append("\",\"dueDate\":\"")
                // due 1 to 6 months after the start, from n: drawing it would change every later document
                .append(start.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(30 + n % 150)).append("\",\"status\":\"")
                .append(r.nextBoolean() ? "DONE" : "PROPOSED").append("\"},{\"id\":\"action-2\",\"description\":\"Add a global kill switch\",\"type\":\"MITIGATE\"}]");
        d.append(",\"resolution\":{\"resolvedAt\":\"").append(end).append("\",\"how\":\"Responders ").append(pick(r, ACTIONS)).append("\"}}");
        return d.toString();
    }

    static String entry(String id, Instant at, String kind, String text) {
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"at\":\"%s\",\"kind\":\"%s\",\"text\":\"%s\",\"confidence\":\"CONFIRMED\"}",
                id, at, kind, text);
    }

    static String label(SplittableRandom r, String dimension) {
        List<String> matching = new ArrayList<>();
        for (String l : LABELS) {
            if (l.startsWith(dimension + ":")) {
                matching.add(l);
            }
        }
        return matching.get(r.nextInt(matching.size()));
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
