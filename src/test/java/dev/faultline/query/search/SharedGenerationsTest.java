package dev.faultline.query.search;

import dev.faultline.support.OpenSearchNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /**
     * A node's own swap is not undone by its follower: the follower read the aliases just before the
     * swap was published and acted on them after it (the old generation came back to serve, and the
     * index it had retired was never deleted).
     */
    @Test
    void a_follow_that_read_the_aliases_before_this_nodes_swap_does_not_undo_it() throws Exception {
        OpenSearchGenerations generations = generations();
        HeldRead held = new HeldRead(generations);
        SearchIndexes node = new SearchIndexes(held.store);
        try {
            SearchIndexes.Generation old = node.open(STORE).generation();
            node.complete(old, STORE);
            SearchIndexes.Generation rebuilt = node.create(STORE);
            node.startBuilding(rebuilt);

            held.holdNextFollow();
            assertThat(held.read.await(5, TimeUnit.SECONDS)).as("the follower read the aliases").isTrue();
            synchronized (node.writeLock()) {
                node.complete(rebuilt, STORE);
            }
            held.release.countDown();

            // several follows later the swap stands, and the old index is deleted once retired (1 s here)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3L * SearchIndexes.FOLLOW_SECONDS);
            while (System.nanoTime() < until) {
                assertThat(node.active().name()).isEqualTo(rebuilt.name());
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> generations.unusable(old.name()) != null);
            assertThat(generations.unusable(rebuilt.name())).isNull();
        } finally {
            node.closeAll();
        }
    }

    /**
     * An abandoned build stays gone: the follower read the building alias just before this node gave
     * the build up and deleted its index, and acted on it after (it reopened the generation, which
     * recreated the deleted index, and wrote live changes to it).
     */
    @Test
    void a_follow_that_read_the_building_alias_before_this_node_abandoned_the_build_does_not_reopen_it()
            throws Exception {
        OpenSearchGenerations generations = generations();
        HeldRead held = new HeldRead(generations);
        SearchIndexes node = new SearchIndexes(held.store);
        try {
            SearchIndexes.Generation serving = node.open(STORE).generation();
            node.complete(serving, STORE);
            SearchIndexes.Generation failed = node.create(STORE);
            node.startBuilding(failed);

            held.holdNextFollow();
            assertThat(held.read.await(5, TimeUnit.SECONDS)).as("the follower read the aliases").isTrue();
            node.abandon(failed);
            held.release.countDown();

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3L * SearchIndexes.FOLLOW_SECONDS);
            while (System.nanoTime() < until) {
                assertThat(node.building()).as("building after the abandon").isNull();
                Thread.sleep(50);
            }
            assertThat(generations.unusable(failed.name())).as("the abandoned index").isNotNull();
            assertThat(node.active().name()).isEqualTo(serving.name());
        } finally {
            node.closeAll();
        }
    }

    /**
     * OpenSearch generations, retired after 1 s, whose follower is held after its next read of the
     * aliases (the building alias is read last) until released.
     */
    private static final class HeldRead {
        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean hold;
        final GenerationStore store;

        HeldRead(OpenSearchGenerations delegate) {
            store = (GenerationStore) Proxy.newProxyInstance(GenerationStore.class.getClassLoader(),
                    new Class<?>[]{GenerationStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("retireAfterSeconds")) {
                            return 1;
                        }
                        Object result;
                        try {
                            result = method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (method.getName().equals("building") && method.getParameterCount() == 0 && hold
                                && Thread.currentThread().getName().equals("search-index-retirer")) {
                            hold = false;
                            read.countDown();
                            release.await(10, TimeUnit.SECONDS);
                        }
                        return result;
                    });
        }

        void holdNextFollow() {
            hold = true;
        }
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
