package dev.tokenscope.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers, enforced: one engine with two faces. The engine imports no JavaFX, no java.awt, no face; view models reach
 * no scene graph; the CLI never loads the GUI; desktop integration (browser, single-instance channel) is neither engine nor UI.
 */
class LayersTest {
    static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tokenscope");
    }

    @Test
    void theEngineKnowsNoUiNoAwtNoCli() {
        noClasses().that().resideInAPackage("dev.tokenscope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "dev.tokenscope.ui..",
                        "dev.tokenscope.cli..", "dev.tokenscope.desktop..", "org.kordamp..", "atlantafx..")
                .because("the engine is shared by the GUI, the CLI and the exporters").check(main);
    }

    @Test
    void viewModelsReachNoSceneGraph() {
        noClasses().that().resideInAPackage("dev.tokenscope.ui.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.stage..", "javafx.fxml..", "dev.tokenscope.ui")
                .because("view models are tested without a screen; controllers bind them to views").check(main);
    }

    @Test
    void theCliNeverLoadsTheGui() {
        noClasses().that().resideInAPackage("dev.tokenscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.tokenscope.ui..")
                .because("the CLI runs on machines without a display and starts without JavaFX").check(main);
    }

    @Test
    void desktopIntegrationIsNotUi() {
        noClasses().that().resideInAPackage("dev.tokenscope.desktop..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.tokenscope.ui..", "dev.tokenscope.cli..")
                .check(main);
    }

    /**
     * The engine's sub-packages form no cycle: the checks ({@code check}) read the trust chain ({@code trust}), the
     * validation profile ({@code profile}) and the algorithm allow-list ({@code crypto}) below them; nothing below
     * reaches back up.
     */
    @Test
    void engineSubPackagesFormNoCycles() {
        slices().matching("dev.tokenscope.engine.(*)..").should().beFreeOfCycles().check(main);
    }

    /**
     * The faces' packages form no cycle either: a window's part ({@code ui.signin}) and a model's part
     * ({@code ui.model.signin}) use the leaves below them ({@code ui.fx}, {@code ui.model.shared}) and are given what
     * they feed (a {@code TokenSink}), never the window or model that opens them.
     */
    @Test
    void facePackagesFormNoCycles() {
        slices().matching("dev.tokenscope.(**)").should().beFreeOfCycles()
                .check(main.that(resideOutsideOfPackage("dev.tokenscope.engine..")));
    }

    /**
     * The engine's root package holds the {@code Inspector}, which runs the sub-packages: only the packages that drive it
     * (HAR analysis, batch verification) use it, so no sub-package closes a cycle through it. The verdict rule they all
     * share lives below them, in {@code report.Verdicts}.
     */
    @Test
    void onlyTheDriversUseTheEnginesRootPackage() {
        noClasses().that().resideInAPackage("dev.tokenscope.engine.*..")
                .and().resideOutsideOfPackages("dev.tokenscope.engine.har..", "dev.tokenscope.engine.batch..")
                .should().dependOnClassesThat().resideInAPackage("dev.tokenscope.engine")
                .because("the Inspector runs the engine's sub-packages; a sub-package using it makes a cycle").check(main);
    }

    @Test
    void everyPackageSaysItsRoleInAPackageInfo() {
        Set<String> packages = new TreeSet<>();
        main.forEach(c -> packages.add(c.getPackageName()));
        List<String> missing = packages.stream()
                .filter(p -> main.stream().noneMatch(c -> c.getPackageName().equals(p) && c.getSimpleName().equals("package-info")))
                .toList();
        Assertions.assertEquals(List.of(), missing, "packages without a package-info.java saying their role");
    }
}
