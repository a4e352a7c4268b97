package dev.backflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("units").definedBy("dev.backflow.units..")
                .layer("telemetry").definedBy("dev.backflow.telemetry..")
                .layer("engine").definedBy("dev.backflow.engine..")
                .layer("preset").definedBy("dev.backflow.preset..")
                .layer("theory").definedBy("dev.backflow.theory..")
                .layer("report").definedBy("dev.backflow.report..")
                .layer("sweep").definedBy("dev.backflow.sweep..")
                .layer("cli").definedBy("dev.backflow.cli..")
                .layer("ui").definedBy("dev.backflow.ui..")
                .layer("app").definedBy("dev.backflow")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("preset").mayOnlyBeAccessedByLayers("report", "sweep", "cli", "ui", "app")
                .whereLayer("sweep").mayOnlyBeAccessedByLayers("cli", "ui", "app")
                .whereLayer("report").mayOnlyBeAccessedByLayers("sweep", "cli", "ui", "app")
                .whereLayer("theory").mayOnlyBeAccessedByLayers("report", "sweep", "cli", "ui", "app")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("preset", "theory", "report", "sweep", "cli", "ui", "app")
                .whereLayer("telemetry").mayOnlyBeAccessedByLayers("engine", "preset", "theory", "report", "sweep", "cli", "ui", "app")
                .because("the engine never knows about presets, the command line or the window")
                .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.backflow.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theWindowsPartsHaveNoCycles() {
        slices().matching("dev.backflow.ui.(*)..").should().beFreeOfCycles()
                .because("each part of the window (settings, chart, pipeline, log, theory, presets, compare, "
                        + "runfile, window) can be read and changed without the others that use it")
                .check(MAIN);
    }

    @Test
    void everyWindowClassLivesInTheFeatureItShows() {
        noClasses().should().resideInAPackage("dev.backflow.ui")
                .because("the ui package is grouped by feature; a class belongs to the part of the window it shows")
                .check(MAIN);
    }

    @Test
    void onlyTheMainWindowPutsTheWindowTogether() {
        noClasses().that().resideOutsideOfPackage("dev.backflow.ui.window..")
                .and().resideInAPackage("dev.backflow.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.backflow.ui.window..")
                .because("ui.window is where the parts meet; no part reaches back into it")
                .check(MAIN);
    }

    @Test
    void countersAreOnlyBuiltByName() {
        constructors().that().areDeclaredIn(dev.backflow.telemetry.Counts.class)
                .or().areDeclaredIn(dev.backflow.engine.QueueStats.class)
                .should().onlyBeCalled().byClassesThat().haveNameMatching(".*\\.(Counts|QueueStats)\\$Builder")
                .because("two swapped longs in a 27-argument constructor call compile silently; the builders name each one")
                .check(MAIN);
    }
}
