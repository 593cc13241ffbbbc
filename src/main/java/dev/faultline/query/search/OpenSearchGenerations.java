package dev.faultline.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.search.backend.elasticsearch.index.layout.IndexLayoutStrategy;
import org.hibernate.search.engine.environment.bean.BeanReference;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMappingBuilder;
import org.jboss.logging.Logger;

/**
 * Search index generations as OpenSearch indexes, shared by every node:
 * <ul>
 *   <li>a generation is the index {@code <prefix>-incidents-s<schema>-<store>-<time>}: its name
 *       says which mapping and which event store it was built for;</li>
 *   <li>the alias {@code <prefix>-incidents} names the serving one, and {@code <prefix>-incidents-building}
 *       the one being rebuilt. A rebuild ends by moving both aliases in one {@code _aliases} call, so
 *       readers (every node, and anyone querying the alias) switch at once, with no moment without an
 *       index: a zero-downtime rebuild;</li>
 *   <li>Hibernate Search reads and writes a generation through its own aliases
 *       ({@code <index>-read}, {@code <index>-write}).</li>
 * </ul>
 * Durability is OpenSearch's: every write is in its translog, fsynced per request by default, before
 * it is acknowledged; nothing here depends on a clean shutdown.
 */
final class OpenSearchGenerations implements GenerationStore {

    private static final Logger LOG = Logger.getLogger(OpenSearchGenerations.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final OpenSearchRest rest;
    private final String serving;
    private final String building;

    OpenSearchGenerations(OpenSearchRest rest, String prefix) {
        this.rest = rest;
        this.serving = prefix + "-" + SearchIndexes.INDEX_NAME;
        this.building = serving + "-building";
    }

    @Override
    public Recorded serving() {
        String name = aliased(serving);
        if (name == null) {
            return null;
        }
        // <alias>-s<schema>-<store>-<stamp>; the store id (a UUID) has dashes of its own
        String tail = name.startsWith(serving + "-s") ? name.substring(serving.length() + 2) : "";
        int schemaEnd = tail.indexOf('-');
        int stampStart = tail.lastIndexOf('-');
        if (schemaEnd < 0 || stampStart <= schemaEnd) {
            return new Recorded(name, null, null);
        }
        return new Recorded(name, tail.substring(schemaEnd + 1, stampStart), tail.substring(0, schemaEnd));
    }

    @Override
    public String newName(String storeId) {
        return serving + "-s" + SearchDocument.SCHEMA + "-" + storeId.toLowerCase(java.util.Locale.ROOT) + "-"
                + STAMP.format(Instant.now());
    }

    @Override
    public String unusable(String name) {
        return rest.exists("/" + name) ? null : "the OpenSearch index " + name + " is missing";
    }

    @Override
    public CloseableSearchMapping open(String name) {
        SearchMappingBuilder builder = SearchMapping.builder(AnnotatedTypeSource.fromClasses(SearchDocument.class),
                        MethodHandles.lookup())
                .property("hibernate.search.backend.type", "elasticsearch")
                .property("hibernate.search.backend.hosts", rest.hosts())
                .property("hibernate.search.backend.protocol", rest.protocol())
                // bounded: a stalled cluster fails a request after 30 s instead of holding its thread
                .property("hibernate.search.backend.request_timeout", "30000")
                .property("hibernate.search.backend.analysis.configurer", BeanReference.ofInstance(new OpenSearchAnalysis()))
                .property("hibernate.search.backend.layout.strategy", BeanReference.ofInstance(new OneIndex(name)))
                // pages as deep as the API allows (page 10,000 of 100), as on Lucene; OpenSearch's default stops at 10,000 hits
                .property("hibernate.search.backend.schema_management.settings_file", "search/opensearch-index.json")
                .property("hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false")
                .property("hibernate.search.mapping.discover_annotated_types_from_root_mapping_annotations", "false")
                .property("hibernate.search.schema_management.strategy", "create-or-validate")
                // searchable as soon as a batch is written (a refresh after each), as on Lucene
                .property("hibernate.search.indexing.plan.synchronization.strategy", "read-sync");
        rest.credentials().forEach(builder::property);
        return builder.build();
    }

    @Override
    public Path directory(String name) {
        return null;
    }

    @Override
    public void publish(String name, String storeId) {
        List<Map<String, Object>> actions = new ArrayList<>();
        String previous = aliased(serving);
        actions.add(Map.of("add", Map.of("index", name, "alias", serving)));
        if (previous != null && !previous.equals(name)) {
            actions.add(Map.of("remove", Map.of("index", previous, "alias", serving)));
        }
        String built = aliased(building);
        if (built != null) {
            actions.add(Map.of("remove", Map.of("index", built, "alias", building)));
        }
        rest.post("/_aliases", Map.of("actions", actions));
    }

    @Override
    public String building() {
        return aliased(building);
    }

    @Override
    public void building(String name) {
        List<Map<String, Object>> actions = new ArrayList<>();
        String previous = aliased(building);
        if (previous != null) {
            actions.add(Map.of("remove", Map.of("index", previous, "alias", building)));
        }
        actions.add(Map.of("add", Map.of("index", name, "alias", building)));
        rest.post("/_aliases", Map.of("actions", actions));
    }

    @Override
    public void closed(String name) {
        // nothing to mark: OpenSearch acknowledged every write once it was in its translog
    }

    @Override
    public void delete(String name) {
        rest.delete("/" + name);
    }

    @Override
    public void deleteAllBut(Set<String> keep) {
        JsonNode indexes = rest.get("/_cat/indices/" + serving + "-s*?format=json&h=index");
        if (indexes == null) {
            return;
        }
        for (JsonNode index : indexes) {
            String name = index.path("index").asText();
            if (!name.isEmpty() && !keep.contains(name)) {
                LOG.infof("Deleting abandoned search index generation %s", name);
                delete(name);
            }
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Long enough for every node to follow the alias (each looks once a second) before the old index goes. */
    @Override
    public int retireAfterSeconds() {
        return 30;
    }

    /** OpenSearch's BM25 is Lucene's LegacyBM25Similarity: scores carry a factor (k1 + 1) = 2.2 more. */
    @Override
    public float bm25Factor() {
        return 2.2f;
    }

    /** The index an alias points to, or null when it points nowhere. */
    private String aliased(String alias) {
        JsonNode found = rest.get("/_alias/" + alias);
        if (found == null) {
            return null;
        }
        Iterator<String> names = found.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    /**
     * The mapping's one index ({@code incidents}) as the generation's OpenSearch index, read and written
     * through aliases of its own; hits are matched back to the mapping's index by a constant key.
     */
    private record OneIndex(String name) implements IndexLayoutStrategy {
        @Override
        public String createInitialElasticsearchIndexName(String hibernateSearchIndexName) {
            return name;
        }

        @Override
        public String createWriteAlias(String hibernateSearchIndexName) {
            return name + "-write";
        }

        @Override
        public String createReadAlias(String hibernateSearchIndexName) {
            return name + "-read";
        }

        @Override
        public String extractUniqueKeyFromHibernateSearchIndexName(String hibernateSearchIndexName) {
            return SearchIndexes.INDEX_NAME;
        }

        @Override
        public String extractUniqueKeyFromElasticsearchIndexName(String elasticsearchIndexName) {
            return SearchIndexes.INDEX_NAME;
        }
    }
}
