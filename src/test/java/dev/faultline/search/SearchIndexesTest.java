package dev.faultline.search;

import dev.faultline.query.search.SearchDocument;
import dev.faultline.query.search.SearchIndexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What SearchIndexes finds on disk at start decides whether the index is served or rebuilt. */
class SearchIndexesTest {

    @TempDir
    Path root;

    private SearchIndexes indexes;

    @AfterEach
    void close() {
        if (indexes != null) {
            indexes.closeAll();
        }
    }

    private SearchIndexes.Opening reopen(String store) {
        if (indexes != null) {
            indexes.closeAll();
        }
        indexes = new SearchIndexes(root);
        return indexes.open(store);
    }

    /** A complete generation for store "a", with one commit on disk. */
    private SearchIndexes.Generation completeGeneration() {
        SearchIndexes.Opening first = reopen("a");
        assertThat(first.rebuildReason()).contains("no search index");
        try (var session = first.generation().mapping().createSession()) {
            session.workspace().flush();
        }
        indexes.complete(first.generation(), "a");
        return first.generation();
    }

    @Test
    void a_complete_index_of_the_same_store_is_served_as_is() {
        SearchIndexes.Generation generation = completeGeneration();
        SearchIndexes.Opening again = reopen("a");
        assertThat(again.rebuildReason()).isNull();
        assertThat(again.generation().name()).isEqualTo(generation.name());
    }

    @Test
    void a_deleted_index_directory_is_rebuilt() throws IOException {
        SearchIndexes.Generation generation = completeGeneration();
        indexes.closeAll();
        delete(generation.directory());
        assertThat(reopen("a").rebuildReason()).contains("missing");
    }

    @Test
    void a_corrupt_index_is_rebuilt() throws IOException {
        SearchIndexes.Generation generation = completeGeneration();
        indexes.closeAll();
        try (Stream<Path> files = Files.list(generation.directory().resolve("incidents"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.writeString(file, "not a lucene file");
            }
        }
        assertThat(reopen("a").rebuildReason()).contains("cannot be read");
    }

    @Test
    void an_index_not_closed_cleanly_is_rebuilt() throws IOException {
        SearchIndexes.Generation generation = completeGeneration();
        indexes.closeAll();
        Files.delete(generation.directory().resolve("CLEAN"));
        assertThat(reopen("a").rebuildReason()).contains("did not shut down cleanly");
    }

    @Test
    void an_index_of_another_schema_is_rebuilt() throws IOException {
        completeGeneration();
        indexes.closeAll();
        Path current = root.resolve("CURRENT");
        Files.writeString(current, Files.readString(current).replace("schema=" + SearchDocument.SCHEMA, "schema=1"));
        assertThat(reopen("a").rebuildReason()).contains("schema 1");
    }

    @Test
    void the_generation_found_unusable_at_start_is_deleted_once_its_replacement_is_complete() {
        SearchIndexes.Generation old = completeGeneration();
        SearchIndexes.Opening opening = reopen("b");
        assertThat(opening.rebuildReason()).contains("another event store");
        assertThat(old.directory()).exists();
        indexes.complete(opening.generation(), "b");
        assertThat(old.directory()).doesNotExist();
        assertThat(opening.generation().directory()).exists();
    }

    @Test
    void a_closed_index_answers_not_open_which_the_api_maps_to_503_with_retry_after() {
        completeGeneration();
        indexes.closeAll();
        assertThatThrownBy(() -> indexes.active()).isInstanceOf(SearchIndexes.NotOpen.class);
        try (var response = new dev.faultline.web.problem.ProblemMappers().indexNotOpen(new SearchIndexes.NotOpen())) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
            assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        }
        indexes = null;
    }

    @Test
    void an_index_built_from_another_event_store_is_rebuilt() {
        completeGeneration();
        assertThat(reopen("b").rebuildReason()).contains("another event store");
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
