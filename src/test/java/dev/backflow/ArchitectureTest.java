package dev.backflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering rules of docs/decisions: the engine never knows a UI exists. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backflow");

    @Test
    void engineTelemetryAndPresetsNeverTouchJavaFxOrTheChartLibrary() {
        noClasses().that().resideInAnyPackage("dev.backflow.engine..", "dev.backflow.telemetry..", "dev.backflow.preset..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..", "dev.backflow.ui..")
                .because("the engine must run headless and be testable without a toolkit")
                .check(MAIN);
    }

    @Test
    void theCommandLineNeverStartsJavaFx() {
        noClasses().that().resideInAPackage("dev.backflow.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..", "dev.backflow.ui..")
                .because("`backflow run` must work with no display")
                .check(MAIN);
    }

    @Test
    void telemetryDoesNotDependOnTheEngine() {
        noClasses().that().resideInAPackage("dev.backflow.telemetry..")
                .should().dependOnClassesThat().resideInAPackage("dev.backflow.engine..")
                .check(MAIN);
    }
}
