package nl.omkijken.nlp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One understander built from the real dialogs folder for all tests in this JVM: training takes
 * seconds, so it is trained once (and cached under target/) rather than per test class.
 */
final class SharedUnderstander {
    static final Path DIALOGS = Path.of("dialogs");
    /** Tuesday 10 March 2026, 10:00 in Den Haag. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    private static OpenNlpUnderstander instance;

    private SharedUnderstander() {}

    static synchronized OpenNlpUnderstander get() {
        if (instance == null) {
            instance = OpenNlpUnderstander.fromDialogs(DIALOGS, Path.of(System.getProperty("buildDir", "target"), "nlu-test-cache"),
                    CLOCK, OpenNlpUnderstander.DEFAULT_THRESHOLD);
        }
        return instance;
    }

    static RiskAssessor risk() { return get().risk(); }
}
