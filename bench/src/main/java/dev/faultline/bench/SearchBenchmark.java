package dev.faultline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Search benchmark (issue 4): the same 50 queries ({@link SearchQueries}), facets and highlights on,
 * page size 10 (the API default), against Faultline over HTTP and against the PostgreSQL full-text peer over JDBC
 * (no HTTP: an advantage for the peer). One client for latency percentiles, then 4 clients for
 * throughput; plus the top-10 overlap between the two engines.
 * Usage: SearchBenchmark peer-load jdbcUrl corpus.ndjson
 *        SearchBenchmark measure baseUrl jdbcUrl rounds seconds
 *        SearchBenchmark probe baseUrl rounds   (Faultline only: each query's median latency and hit count)
 */
public final class SearchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 10;
    private static final int WARM_UP_ROUNDS = 40;
    private static final int PEER_WARM_UP_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "peer-load" -> System.out.printf(Locale.ROOT, "PEER_LOAD_SECONDS %.1f%n",
                    PostgresPeer.load(args[1], Path.of(args[2])));
            case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "engines" -> engines(args[1], args[2], Integer.parseInt(args[3]));
            case "probe" -> probe(args[1], Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 3);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    interface Engine {
        List<String> search(SearchQueries query, int size) throws Exception;
    }

    static Engine faultline(String baseUrl) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return (query, size) -> {
            StringBuilder uri = new StringBuilder(baseUrl).append("/api/search?size=").append(size)
                    .append("&q=").append(URLEncoder.encode(query.q(), StandardCharsets.UTF_8));
            query.filters().forEach((k, v) -> uri.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpResponse<byte[]> response = http.send(Latencies.request(URI.create(uri.toString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " for " + uri + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode body = JSON.readTree(response.body());
            List<String> ids = new ArrayList<>();
            body.get("hits").forEach(h -> ids.add(h.get("id").asText()));
            return ids;
        };
    }

    /** Faultline alone, query by query: where the time goes, for tuning; not a reported figure. */
    static void probe(String baseUrl, int rounds, int warmUpRounds) throws Exception {
        List<SearchQueries> mix = SearchQueries.mix();
        Engine ours = faultline(baseUrl);
        for (int i = 0; i < warmUpRounds; i++) {
            for (SearchQueries q : mix) {
                ours.search(q, PAGE);
            }
        }
        Latencies all = new Latencies();
        for (SearchQueries q : mix) {
            Latencies one = new Latencies();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                ours.search(q, PAGE);
                one.add(System.nanoTime() - t0);
            }
            all = Latencies.merge(List.of(all, one));
            System.out.printf(Locale.ROOT, "%8.2f ms  %-45s %s%n", one.percentileMs(50), q.q(), q.filters());
        }
        System.out.printf(Locale.ROOT, "p50 %.2f ms  p99 %.2f ms  (%d requests)%n", all.percentileMs(50),
                all.percentileMs(99), all.count());
    }

    /**
     * Two Faultline nodes on one store, one per search engine (Lucene, OpenSearch): the same query
     * mix, one client, the engines taking turns round by round so the machine's noise falls on both;
     * then each engine's p50/p99 and how much their first ten hits overlap.
     */
    static void engines(String luceneUrl, String openSearchUrl, int rounds) throws Exception {
        List<SearchQueries> mix = SearchQueries.mix();
        Engine lucene = faultline(luceneUrl);
        Engine openSearch = faultline(openSearchUrl);
        double overlap = 0;
        for (SearchQueries q : mix) {
            Set<String> a = new HashSet<>(lucene.search(q, 10));
            Set<String> b = new HashSet<>(openSearch.search(q, 10));
            Set<String> common = new HashSet<>(a);
            common.retainAll(b);
            overlap += a.isEmpty() && b.isEmpty() ? 1 : common.size() / (double) Math.max(a.size(), b.size());
        }
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            for (SearchQueries q : mix) {
                lucene.search(q, PAGE);
                openSearch.search(q, PAGE);
            }
        }
        Latencies onLucene = new Latencies();
        Latencies onOpenSearch = new Latencies();
        for (int r = 0; r < rounds; r++) {
            boolean luceneFirst = r % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean isLucene = (side == 0) == luceneFirst;
                Engine engine = isLucene ? lucene : openSearch;
                Latencies into = isLucene ? onLucene : onOpenSearch;
                for (SearchQueries q : mix) {
                    long t0 = System.nanoTime();
                    engine.search(q, PAGE);
                    into.add(System.nanoTime() - t0);
                }
            }
        }
        onLucene = Latencies.merge(List.of(onLucene)); // sorted, for percentiles
        onOpenSearch = Latencies.merge(List.of(onOpenSearch));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("queries", mix.size());
        report.put("rounds", rounds);
        report.put("top10Overlap", round(overlap / mix.size()));
        report.put("luceneP50Ms", round(onLucene.percentileMs(50)));
        report.put("luceneP99Ms", round(onLucene.percentileMs(99)));
        report.put("openSearchP50Ms", round(onOpenSearch.percentileMs(50)));
        report.put("openSearchP99Ms", round(onOpenSearch.percentileMs(99)));
        System.out.println("ENGINES_JSON " + JSON.writeValueAsString(report));
    }

    static Engine postgres(String jdbcUrl) throws Exception {
        Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        return (query, size) -> PostgresPeer.search(connection, query, size);
    }

    static void measure(String baseUrl, String jdbcUrl, int rounds, int seconds) throws Exception {
        List<SearchQueries> mix = SearchQueries.mix();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("queries", mix.size());
        report.put("pageSize", PAGE);

        Engine ours = faultline(baseUrl);
        Engine peer = postgres(jdbcUrl);
        double overlap = 0;
        int emptyBoth = 0;
        for (SearchQueries q : mix) {
            Set<String> a = new HashSet<>(ours.search(q, 10));
            Set<String> b = new HashSet<>(peer.search(q, 10));
            if (a.isEmpty() && b.isEmpty()) {
                emptyBoth++;
                overlap += 1;
                continue;
            }
            Set<String> common = new HashSet<>(a);
            common.retainAll(b);
            overlap += common.size() / (double) Math.max(1, Math.max(a.size(), b.size()));
        }
        report.put("top10Overlap", round(overlap / mix.size()));
        report.put("queriesEmptyOnBoth", emptyBoth);

        for (String name : List.of("faultline", "postgres")) {
            Engine engine = name.equals("faultline") ? ours : peer;
            // warm-up, not measured: on two cores the JVM's JIT needs a couple of thousand searches to
            // settle; PostgreSQL (native code) only needs its caches filled
            for (int i = 0; i < (name.equals("faultline") ? WARM_UP_ROUNDS : PEER_WARM_UP_ROUNDS); i++) {
                for (SearchQueries q : mix) {
                    engine.search(q, PAGE);
                }
            }
            Latencies one = new Latencies();
            for (int r = 0; r < rounds; r++) {
                for (SearchQueries q : mix) {
                    long t0 = System.nanoTime();
                    engine.search(q, PAGE);
                    one.add(System.nanoTime() - t0);
                }
            }
            Latencies single = Latencies.merge(List.of(one));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("oneClientP50Ms", round(single.percentileMs(50)));
            figures.put("oneClientP99Ms", round(single.percentileMs(99)));
            figures.put("oneClientRequests", single.count());
            figures.putAll(throughput(name.equals("faultline") ? () -> faultline(baseUrl) : () -> postgres(jdbcUrl), mix, 4, seconds));
            report.put(name, figures);
            System.out.println(name + " " + figures);
        }
        System.out.println("SEARCH_JSON " + JSON.writeValueAsString(report));
    }

    private static Map<String, Object> throughput(Callable<Engine> engines, List<SearchQueries> mix, int clients, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Latencies>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 13;
            parts.add(pool.submit(() -> {
                Engine engine = engines.call();
                Latencies latencies = new Latencies();
                for (int i = offset; System.nanoTime() < end; i++) {
                    long t0 = System.nanoTime();
                    engine.search(mix.get(i % mix.size()), PAGE);
                    latencies.add(System.nanoTime() - t0);
                }
                return latencies;
            }));
        }
        List<Latencies> all = new ArrayList<>();
        for (Future<Latencies> part : parts) {
            all.add(part.get());
        }
        pool.shutdown();
        Latencies merged = Latencies.merge(all);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("fourClientsPerSecond", round(merged.count() / (double) seconds));
        figures.put("fourClientsP50Ms", round(merged.percentileMs(50)));
        figures.put("fourClientsP99Ms", round(merged.percentileMs(99)));
        return figures;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
