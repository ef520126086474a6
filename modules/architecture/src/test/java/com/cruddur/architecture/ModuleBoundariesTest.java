package com.cruddur.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes of the server, the Lambda and every module: a failing
 * rule fails the build and names each offending dependency.
 */
class ModuleBoundariesTest {

    private static final JavaClasses CRUDDUR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.cruddur");

    /** What another module may use of a feature module: its facades, and its public records, enums and exceptions. */
    private static DescribedPredicate<JavaClass> internalsOf(String module, String... facades) {
        DescribedPredicate<JavaClass> api = simpleName(facades[0]);
        for (int i = 1; i < facades.length; i++) {
            api = api.or(simpleName(facades[i]));
        }
        api = api.or(record()).or(enumeration()).or(assignableTo(Throwable.class));
        return resideInAPackage("com.cruddur." + module + "..").and(not(api))
                .as("are internals of the " + module + " module (anything but " + String.join(", ", facades)
                        + " and its public records, enums and exceptions)");
    }

    private static DescribedPredicate<JavaClass> record() {
        return DescribedPredicate.describe("records", JavaClass::isRecord);
    }

    private static DescribedPredicate<JavaClass> enumeration() {
        return DescribedPredicate.describe("enums", JavaClass::isEnum);
    }

    @Test
    void noModuleUsesTheUserModulesInternals() {
        noClasses().that().resideOutsideOfPackage("com.cruddur.user..")
                .should().dependOnClassesThat(internalsOf("user", "Users", "UserGraphQl"))
                .check(CRUDDUR);
    }

    @Test
    void noModuleUsesTheActivityModulesInternals() {
        noClasses().that().resideOutsideOfPackage("com.cruddur.activity..")
                .should().dependOnClassesThat(internalsOf("activity", "Activities", "ActivityGraphQl", "NewActivities"))
                .check(CRUDDUR);
    }

    @Test
    void noModuleUsesTheFeedModulesInternals() {
        noClasses().that().resideOutsideOfPackage("com.cruddur.feed..")
                .should().dependOnClassesThat(internalsOf("feed", "Feed", "FeedGraphQl"))
                .check(CRUDDUR);
    }

    @Test
    void theLambdaUsesTheUserModulesFacadeOnly() {
        noClasses().that().resideInAPackage("com.cruddur.lambda..")
                .should().dependOnClassesThat(internalsOf("user", "Users"))
                .orShould().dependOnClassesThat().resideInAnyPackage(
                        "com.cruddur.app..", "com.cruddur.activity..", "com.cruddur.feed..", "com.cruddur.graphql..",
                        "graphql..", "org.dataloader..", "io.javalin..", "com.zaxxer.hikari..", "org.flywaydb..")
                .because("the Lambda records sign-ups through Users and its deployment jar holds nothing else")
                .check(CRUDDUR);
    }

    @Test
    void theKernelIsPlainJava() {
        noClasses().that().resideInAPackage("com.cruddur.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "graphql..", "org.dataloader..", "io.javalin..", "org.eclipse.jetty..", "org.jdbi..")
                .check(CRUDDUR);
        classes().that().resideInAPackage("com.cruddur.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.cruddur.kernel..", "java..")
                .check(CRUDDUR);
    }

    @Test
    void theModulesDependOnEachOtherWithoutCycles() {
        slices().matching("com.cruddur.(*)..").should().beFreeOfCycles().check(CRUDDUR);
    }

    @Test
    void noModuleDependsOnTheServerOrTheLambda() {
        noClasses().that().resideOutsideOfPackages("com.cruddur.app..", "com.cruddur.lambda..")
                .should().dependOnClassesThat().resideInAnyPackage("com.cruddur.app..", "com.cruddur.lambda..")
                .check(CRUDDUR);
    }
}
