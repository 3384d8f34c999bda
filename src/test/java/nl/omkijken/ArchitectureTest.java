package nl.omkijken;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of docs/ARCHITECTURE.md: every arrow points toward the engine, which
 * uses nothing but the JDK; each outside library is used by one package only; nothing uses app.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.omkijken");
    }

    @Test
    void engineUsesOnlyTheJdk() {
        classes().that().resideInAPackage("nl.omkijken.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("nl.omkijken.engine..", "java..")
                .check(main);
    }

    /**
     * The handoff's records and transition table are pure domain, like the engine: the runner applies
     * them in turns, the store keeps them, and they know neither.
     */
    @Test
    void handoffUsesOnlyTheJdk() {
        classes().that().resideInAPackage("nl.omkijken.handoff..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("nl.omkijken.handoff..", "java..")
                .check(main);
    }

    /**
     * Who people are and how their addresses are keyed is domain too: the channels, the runner and the
     * store use it; it knows none of them (only Vert.x's Future, for its port).
     */
    @Test
    void peopleKnowsOnlyTheJdkAndFutures() {
        classes().that().resideInAPackage("nl.omkijken.people..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAnyPackage("nl.omkijken.people..", "java..", "javax.crypto..")
                        .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(io.vertx.core.Future.class)))
                .check(main);
    }

    @Test
    void nothingDependsOnApp() {
        noClasses().that().resideOutsideOfPackage("nl.omkijken.app..")
                .should().dependOnClassesThat().resideInAPackage("nl.omkijken.app..").check(main);
    }

    @Test
    void onlyTheRedisStoreUsesLettuce() {
        noClasses().that().resideOutsideOfPackages("nl.omkijken.store.redis..", "nl.omkijken.app..")
                .should().dependOnClassesThat().resideInAPackage("io.lettuce..").check(main);
    }

    @Test
    void onlyNlpUsesOpenNlp() {
        noClasses().that().resideOutsideOfPackage("nl.omkijken.nlp..")
                .should().dependOnClassesThat().resideInAPackage("opennlp..").check(main);
    }

    @Test
    void onlyChannelsConsoleAndAppUseVertxWeb() {
        noClasses().that().resideOutsideOfPackages("nl.omkijken.channels..", "nl.omkijken.console..", "nl.omkijken.app..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx.ext.web..").check(main);
    }

    @Test
    void runnerKnowsOnlyTheEngineTheHandoffsAndItsOwnPorts() {
        noClasses().that().resideInAPackage("nl.omkijken.runner..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.omkijken.store..", "nl.omkijken.channels..",
                        "nl.omkijken.nlp..", "nl.omkijken.dialog..", "nl.omkijken.console..", "nl.omkijken.scheduler..")
                .check(main);
    }

    @Test
    void dialogReadsIntoTheEngineOnly() {
        noClasses().that().resideInAPackage("nl.omkijken.dialog..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.omkijken.runner..", "nl.omkijken.store..",
                        "nl.omkijken.channels..", "nl.omkijken.nlp..", "io.vertx..")
                .check(main);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("nl.omkijken.store..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.omkijken.channels..", "nl.omkijken.nlp..",
                        "nl.omkijken.dialog..")
                .check(main);
        noClasses().that().resideInAPackage("nl.omkijken.channels..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.omkijken.store..", "nl.omkijken.nlp..")
                .check(main);
        noClasses().that().resideInAPackage("nl.omkijken.nlp..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.omkijken.store..", "nl.omkijken.channels..")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("nl.omkijken.(**)")
                .should().beFreeOfCycles().check(main);
    }

    @Test
    void eachProviderSdkStaysInItsOwnChannel() {
        noClasses().that().resideOutsideOfPackage("nl.omkijken.channels.twilio..")
                .should().dependOnClassesThat().resideInAPackage("com.twilio..").check(main);
        noClasses().that().resideOutsideOfPackage("nl.omkijken.channels.telegram..")
                .should().dependOnClassesThat().resideInAPackage("org.telegram..").check(main);
    }

    @Test
    void channelsDoNotKnowEachOther() {
        for (String channel : java.util.List.of("twilio", "telegram", "sandbox")) {
            java.util.List<String> others = java.util.stream.Stream.of("twilio", "telegram", "sandbox")
                    .filter(o -> !o.equals(channel)).map(o -> "nl.omkijken.channels." + o + "..").toList();
            noClasses().that().resideInAPackage("nl.omkijken.channels." + channel + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(new String[0])).check(main);
        }
    }

    /** The runner applies every engine event with exactly one handler (and would fail a turn without one). */
    @Test
    void everyEventTypeHasItsHandler() {
        nl.omkijken.runner.EventHandlers handlers = new nl.omkijken.runner.EventHandlers(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                new nl.omkijken.runner.Pseudonym("arch-test-key-0123456789".getBytes()));
        for (Class<?> type : nl.omkijken.engine.Event.class.getPermittedSubclasses()) {
            org.junit.jupiter.api.Assertions.assertTrue(handlers.handles(type.asSubclass(nl.omkijken.engine.Event.class)),
                    "no handler for " + type.getSimpleName());
        }
    }
}
