package dev.faultline.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.faultline.format.CollectedProblems;
import dev.faultline.format.IsoTimes;
import dev.faultline.api.document.IncidentDocument;
import dev.faultline.importer.ImportOutcome.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads incident documents from YAML, JSON (one document or an array) or NDJSON (one per line,
 * streamed), with bounded parsers: YAML aliases, nesting depth and sizes are capped, so an alias
 * bomb or a deeply nested input is refused instead of exhausting memory. Each document is handed
 * over as soon as it is read, or as a failure with JSON-pointer problems.
 */
public final class DocumentReader {

    /** Largest single document, in characters. */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;
    static final int MAX_DEPTH = 16;

    /** A document read from the input, or the reasons it could not be read. */
    public record Read(int index, IncidentDocument document, String id, List<Problem> problems) {
    }

    static final ObjectMapper JSON = configure(JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactory()
            .setStreamReadConstraints(constraints())).build());
    /** Documents, with every bad value collected. */
    private static final com.fasterxml.jackson.databind.ObjectReader DOCUMENT = JSON.readerFor(IncidentDocument.class);

    static final ObjectMapper YAML = configure(new YAMLMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(constraints())
            .build()));

    private DocumentReader() {
    }

    /** The mapper that writes documents back out (export), with the same conventions. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Reads one request body of the given format, handing each document to {@code sink}. */
    public static void read(InputStream body, Format format, Consumer<Read> sink) throws MalformedInput {
        switch (format) {
            case NDJSON -> readLines(body, sink);
            case JSON -> readTree(body, JSON, sink);
            case YAML -> readTree(withoutAliases(body), YAML, sink);
        }
    }

    public enum Format { JSON, YAML, NDJSON }

    /** The body as a whole is not JSON / YAML; answered with 400. */
    public static final class MalformedInput extends Exception {
        public MalformedInput(String message) {
            super(message, null, false, false);
        }
    }

    private static void readTree(InputStream body, ObjectMapper mapper, Consumer<Read> sink) throws MalformedInput {
        int index = 0;
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(body)) {
            while (docs.hasNextValue()) {
                JsonNode node = docs.nextValue();
                if (node.isArray()) {
                    for (JsonNode element : node) {
                        sink.accept(convert(index++, element));
                    }
                } else {
                    sink.accept(convert(index++, node));
                }
            }
        } catch (JsonProcessingException e) {
            throw new MalformedInput(describe(e));
        } catch (RuntimeException e) {
            // SnakeYAML reports alias bombs and depth limits as runtime exceptions
            throw new MalformedInput(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest YAML body; bulk loads go through NDJSON, which is streamed. */
    static final int MAX_YAML_BYTES = 16 * 1024 * 1024;

    /**
     * YAML anchors and aliases are refused outright: they are the vehicle of alias bombs, and
     * Jackson would read an alias as the anchor's name rather than its value.
     */
    private static InputStream withoutAliases(InputStream body) throws MalformedInput {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_YAML_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_YAML_BYTES) {
            throw new MalformedInput("YAML bodies are limited to 16 MB; send large imports as NDJSON");
        }
        try {
            for (org.yaml.snakeyaml.events.Event event : new org.yaml.snakeyaml.Yaml(loaderOptions())
                    .parse(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                if (event instanceof org.yaml.snakeyaml.events.AliasEvent
                        || event instanceof org.yaml.snakeyaml.events.NodeEvent node && node.getAnchor() != null) {
                    throw new MalformedInput("YAML anchors and aliases are not accepted (line "
                            + (event.getStartMark().getLine() + 1) + ")");
                }
            }
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new MalformedInput(e.getMessage());
        }
        return new java.io.ByteArrayInputStream(bytes);
    }

    private static void readLines(InputStream body, Consumer<Read> sink) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        int index = 0;
        try {
            StringBuilder line = new StringBuilder();
            int c;
            boolean tooLong = false;
            while ((c = lines.read()) != -1 || line.length() > 0 || tooLong) {
                if (c != -1 && c != '\n') {
                    if (line.length() < MAX_DOCUMENT_CHARS) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                String text = line.toString().strip();
                line.setLength(0);
                if (tooLong) {
                    sink.accept(new Read(index++, null, null, List.of(new Problem("",
                            "document longer than " + MAX_DOCUMENT_CHARS + " characters"))));
                    tooLong = false;
                } else if (!text.isEmpty()) {
                    sink.accept(parseLine(index++, text));
                }
                if (c == -1) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Read parseLine(int index, String text) {
        try {
            return convert(index, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return new Read(index, null, null, List.of(new Problem("", "malformed JSON: " + describe(e))));
        }
    }

    private static Read convert(int index, JsonNode node) {
        String id = node.path("id").isTextual() ? node.path("id").asText() : null;
        if (!node.isObject()) {
            return new Read(index, null, id, List.of(new Problem("", "a document must be an object")));
        }
        // every bad value is collected (CollectedProblems), not only the first
        List<Problem> problems = new ArrayList<>();
        try {
            IncidentDocument doc = DOCUMENT.withAttribute(CollectedProblems.ATTRIBUTE,
                    (CollectedProblems.Sink) (pointer, message) -> problems.add(new Problem(pointer, message))).readValue(node);
            if (!problems.isEmpty()) {
                return new Read(index, null, id, List.copyOf(problems));
            }
            List<Problem> duplicates = duplicateIds(doc);
            return duplicates.isEmpty() ? new Read(index, doc, id, List.of()) : new Read(index, null, id, duplicates);
        } catch (JsonMappingException e) {
            String pointer = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("/", "/", ""));
            problems.add(new Problem(pointer, e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    && m.getTargetType() != null ? "expected " + dev.faultline.format.ValueForms.expected(m.getTargetType())
                    : e.getOriginalMessage()));
            return new Read(index, null, id, List.copyOf(problems));
        } catch (JsonProcessingException e) {
            return new Read(index, null, id, List.of(new Problem("", describe(e))));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree in memory: no I/O happens
        }
    }

    /** Two facts of the same kind under one id would make the document ambiguous. */
    private static List<Problem> duplicateIds(IncidentDocument doc) {
        List<Problem> problems = new ArrayList<>();
        duplicates(problems, "/timeline", doc.timeline(), IncidentDocument.Entry::id);
        duplicates(problems, "/statements", doc.statements(), IncidentDocument.Statement::id);
        duplicates(problems, "/rootCauses", doc.rootCauses(), IncidentDocument.RootCause::id);
        duplicates(problems, "/contributingFactors", doc.contributingFactors(), IncidentDocument.Factor::id);
        duplicates(problems, "/remediations", doc.remediations(), IncidentDocument.Remediation::id);
        return problems;
    }

    private static <T> void duplicates(List<Problem> problems, String pointer, List<T> items, Function<T, String> id) {
        if (items == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String value = items.get(i) == null ? null : id.apply(items.get(i));
            if (value == null) {
                problems.add(new Problem(pointer + "/" + i + "/id", "must not be null"));
            } else if (!seen.add(value)) {
                problems.add(new Problem(pointer + "/" + i + "/id", "duplicate id " + value));
            }
        }
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return e.getOriginalMessage() + where;
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_DOCUMENT_CHARS)
                .build();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(64 * 1024 * 1024);
        return options;
    }

    private static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(IsoTimes.module());
        mapper.addHandler(new CollectedProblems());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }
}
