package dev.faultline.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The architecture the folder tree promises, checked so it cannot rot silently. */
class LayeringTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.faultline");
    }

    @Test
    void message_types_depend_only_on_java_and_validation_axon_and_jackson_annotations() {
        classes().that().resideInAPackage("dev.faultline.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.faultline.api..",
                        "jakarta.validation..", "org.axonframework.modelling.command..",
                        "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void rest_never_touches_the_aggregate() {
        noClasses().that().resideInAPackage("dev.faultline.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.faultline.command..")
                .check(classes);
    }

    @Test
    void the_aggregate_knows_nothing_of_http_read_models_or_infrastructure() {
        noClasses().that().resideInAPackage("dev.faultline.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.faultline.web..", "dev.faultline.query..",
                        "dev.faultline.infra..", "jakarta.ws.rs..", "java.sql..")
                .check(classes);
    }

    @Test
    void read_models_do_not_reach_into_the_write_side_or_http() {
        noClasses().that().resideInAPackage("dev.faultline.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.faultline.command..", "dev.faultline.web..",
                        "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void the_importer_speaks_commands_not_http_or_aggregates() {
        noClasses().that().resideInAPackage("dev.faultline.importer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.faultline.web..", "dev.faultline.command..",
                        "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void the_web_and_the_read_models_never_reach_infrastructure() {
        noClasses().that().resideInAnyPackage("dev.faultline.web..", "dev.faultline.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.faultline.infra..")
                .because("they depend on ports (query.Projections, query.search.IncidentParking) that infra implements")
                .check(classes);
    }

    @Test
    void no_package_cycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.faultline.(**)")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void only_infrastructure_wires_axon() {
        noClasses().that().resideOutsideOfPackage("dev.faultline.infra..")
                .should().dependOnClassesThat(resideInAPackage("org.axonframework.config..")
                        .and(not(type(org.axonframework.config.ProcessingGroup.class))))
                .because("Axon is configured in one place; projections only name their processing group")
                .check(classes);
    }
}
