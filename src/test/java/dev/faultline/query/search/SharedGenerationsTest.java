package dev.faultline.query.search;

import dev.faultline.support.OpenSearchNode;
import java.time.Duration;
import java.util.List;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes sharing OpenSearch generations (a real node in this JVM), each with its own
 * {@link SearchIndexes}: the second serves what the first published, writes to the generation the
 * first rebuilds into while it is built, and serves it once the first swaps it in.
 */
class SharedGenerationsTest {

    private static final String STORE = "5b3c0e4e-7d0e-4c53-9d4e-3c1f9a7e2b10";

    private final String prefix = "shared_" + System.nanoTime();
    private final SearchIndexes a = new SearchIndexes(generations());
    private final SearchIndexes b = new SearchIndexes(generations());

    private OpenSearchGenerations generations() {
        return new OpenSearchGenerations(new OpenSearchRest(OpenSearchNode.hosts(), "http", null, null), prefix);
    }

    @AfterEach
    void close() {
        a.closeAll();
        b.closeAll();
    }

    @Test
    void a_node_follows_another_nodes_rebuild_and_swap() {
        SearchIndexes.Opening first = a.open(STORE);
        assertThat(first.rebuildReason()).startsWith("no search index");
        a.complete(first.generation(), STORE);
        assertThat(b.unusable(STORE)).isNull();
        SearchIndexes.Opening second = b.open(STORE);
        assertThat(second.rebuildReason()).isNull();
        assertThat(second.generation().name()).isEqualTo(first.generation().name());
        assertThat(b.unusable("another-store")).isEqualTo("the search index was built from another event store");

        // A rebuilds: B sees the new generation within a few seconds, and writes live changes there too
        SearchIndexes.Generation rebuilt = a.create(STORE);
        a.startBuilding(rebuilt);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.building() != null
                && b.building().name().equals(rebuilt.name()));
        SearchWriter.write(b.active(), List.of(document("written-during-rebuild")));
        SearchWriter.write(b.building(), List.of(document("written-during-rebuild")));

        // A swaps it in: B serves it, with what B wrote while it was built
        synchronized (a.writeLock()) {
            a.complete(rebuilt, STORE);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> b.active().name().equals(rebuilt.name()));
        assertThat(b.building()).isNull();
        assertThat(count(b.active(), "written-during-rebuild")).isEqualTo(1);
    }

    private static SearchDocument document(String id) {
        SearchDocument document = new SearchDocument();
        document.id = id;
        document.title = "Written on node B during a rebuild on node A";
        document.severity = "SEV2";
        document.status = "RESOLVED";
        document.position = 1L;
        document.version = 1L;
        return document;
    }

    private static long count(SearchIndexes.Generation generation, String id) {
        try (SearchSession session = generation.mapping().createSession()) {
            return session.search(SearchDocument.class).where(f -> f.id().matching(id)).fetchTotalHitCount();
        }
    }
}
