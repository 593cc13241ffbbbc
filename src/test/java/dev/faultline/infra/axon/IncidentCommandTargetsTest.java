package dev.faultline.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.faultline.api.command.IncidentCommand;
import dev.faultline.api.command.RecordTimelineEntry;
import dev.faultline.api.command.ResolveIncident;
import dev.faultline.api.command.DeclareIncident;
import dev.faultline.api.value.EntryKind;
import dev.faultline.api.value.Severity;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The fast target lookup must name the same incident and version as Axon's annotations. */
class IncidentCommandTargetsTest {

    private final CommandTargetResolver fast = new IncidentCommandTargets();
    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Test
    void every_incident_command_names_its_target_and_version_where_the_annotations_do() {
        List<Class<?>> commands = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.faultline.api.command").stream()
                .filter(c -> c.isAssignableTo(IncidentCommand.class) && !c.isInterface())
                .map(JavaClass::reflect)
                .toList();
        assertThat(commands).hasSizeGreaterThan(15);
        for (Class<?> command : commands) {
            RecordComponent[] components = command.getRecordComponents();
            assertThat(components).as(command.getSimpleName() + " is a record").isNotNull();
            assertThat(annotated(components, TargetAggregateIdentifier.class))
                    .as(command.getSimpleName() + " targets its incidentId").isEqualTo("incidentId");
            String version = annotated(components, TargetAggregateVersion.class);
            boolean hasExpectedVersion = Arrays.stream(components).anyMatch(c -> c.getName().equals("expectedVersion"));
            assertThat(version == null ? !hasExpectedVersion : version.equals("expectedVersion") && hasExpectedVersion)
                    .as(command.getSimpleName() + ": the version Axon checks is expectedVersion()").isTrue();
        }
    }

    @Test
    void resolves_like_the_annotations_with_and_without_a_version() {
        Instant at = Instant.parse("2025-11-18T11:20:00Z");
        for (Object command : List.of(
                new RecordTimelineEntry("cloudflare-2025-11-18", "e1", at, null, EntryKind.DETECTION, "text", null, null, 7L),
                new RecordTimelineEntry("cloudflare-2025-11-18", "e1", at, null, EntryKind.DETECTION, "text", null, null, null),
                new ResolveIncident("aws-2025-10-20", at, null, null, null, null, 3L),
                new DeclareIncident("fastly-2021-06-08", "t", "Fastly", Severity.SEV1, at, null, null, null, null))) {
            VersionedAggregateIdentifier expected = annotations.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier actual = fast.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(actual.getIdentifierValue()).isEqualTo(expected.getIdentifierValue());
            assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
        }
    }

    private static String annotated(RecordComponent[] components, Class<? extends java.lang.annotation.Annotation> annotation) {
        return Arrays.stream(components)
                .filter(c -> c.isAnnotationPresent(annotation) || c.getAccessor().isAnnotationPresent(annotation)
                        || fieldAnnotated(c, annotation))
                .map(RecordComponent::getName).findFirst().orElse(null);
    }

    private static boolean fieldAnnotated(RecordComponent component, Class<? extends java.lang.annotation.Annotation> annotation) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).isAnnotationPresent(annotation);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
