package dev.faultline.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Postmortem export benchmark (issue 5): single exports of a seed incident in each format, warm,
 * one client over HTTP (p50/p99); then the bulk Markdown zip of every incident, read as a stream.
 * Usage: PostmortemBenchmark baseUrl incidentId requestsPerFormat
 */
public final class PostmortemBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String id = args[1];
        int requests = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Object> report = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) { // warm every path before measuring any
            for (String format : List.of("markdown", "html", "json", "pdf")) {
                HttpRequest request = Latencies.request(URI.create(base + "/api/incidents/" + id
                        + "/postmortem?template=google-sre&format=" + format)).build();
                for (int i = 0; i < (format.equals("pdf") ? 30 : 200); i++) {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
            }
        }
        for (String format : List.of("markdown", "html", "json", "pdf")) {
            URI uri = URI.create(base + "/api/incidents/" + id + "/postmortem?template=google-sre&format=" + format);
            HttpRequest request = Latencies.request(uri).build();
            Latencies latencies = new Latencies();
            long bytes = 0;
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                latencies.add(System.nanoTime() - t0);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(format + ": " + response.statusCode());
                }
                bytes = response.body().length;
            }
            Latencies sorted = Latencies.merge(List.of(latencies));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("p50Ms", round(sorted.percentileMs(50)));
            figures.put("p99Ms", round(sorted.percentileMs(99)));
            figures.put("bytes", bytes);
            report.put(format, figures);
            System.out.println(format + " " + figures);
        }
        System.out.println("BULK_START " + System.currentTimeMillis() / 1000);
        long t0 = System.nanoTime();
        HttpResponse<InputStream> zip = http.send(Latencies.request(URI.create(base + "/api/export/postmortems?format=markdown")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int entries = 0;
        long bytes = 0;
        try (ZipInputStream in = new ZipInputStream(zip.body())) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                bytes += in.readAllBytes().length;
                entries++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("BULK_END " + (System.currentTimeMillis() / 1000 + 1));
        Map<String, Object> bulk = new LinkedHashMap<>();
        bulk.put("documents", entries);
        bulk.put("seconds", round(seconds));
        bulk.put("documentsPerSecond", round(entries / seconds));
        bulk.put("uncompressedBytes", bytes);
        report.put("bulkMarkdownZip", bulk);
        System.out.println("bulk " + bulk);
        StringBuilder json = new StringBuilder("{");
        report.forEach((k, v) -> json.append('"').append(k).append("\":").append(toJson(v)).append(','));
        json.setLength(json.length() - 1);
        System.out.println("POSTMORTEM_JSON " + json.append('}'));
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add("\"" + k + "\":" + toJson(v)));
            return "{" + String.join(",", parts) + "}";
        }
        return String.valueOf(value);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
