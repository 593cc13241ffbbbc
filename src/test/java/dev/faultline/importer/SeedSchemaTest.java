package dev.faultline.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.faultline.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** seed-incidents/schema.json is a valid JSON Schema that every seed document satisfies, and it rejects bad ones. */
class SeedSchemaTest {

    static Schema schema;
    static final ObjectMapper YAML = new YAMLMapper();

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("seed-incidents/schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void every_seed_document_validates() throws IOException {
        for (Path file : SeedIncidentsTest.seedFiles()) {
            List<Error> errors = schema.validate(YAML.readTree(file.toFile()));
            assertThat(errors).as(file.toString()).isEmpty();
        }
    }

    @Test
    void the_schema_rejects_unknown_fields_labels_and_enum_values() throws IOException {
        JsonNode bad = YAML.readTree("""
                id: Not A Slug
                title: t
                organization: o
                severity: SEV9
                startedAt: yesterday
                colour: red
                rootCauses:
                  - id: rc-1
                    summary: s
                    labels: [trigger:cosmic-rays]
                """);
        assertThat(schema.validate(bad)).extracting(e -> e.getInstanceLocation().toString())
                .contains("/id", "/severity", "/startedAt", "/rootCauses/0/labels/0", "");
    }

    @Test
    void the_schema_lists_exactly_the_taxonomy_labels() throws IOException {
        JsonNode labels = new ObjectMapper().readTree(Path.of("seed-incidents/schema.json").toFile())
                .at("/$defs/label/enum");
        TreeSet<String> inSchema = new TreeSet<>();
        labels.forEach(l -> inSchema.add(l.asText()));
        assertThat(inSchema).isEqualTo(Taxonomy.standard().qualifiedLabels());
    }
}
