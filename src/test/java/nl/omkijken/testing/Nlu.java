package nl.omkijken.testing;

import java.nio.file.Path;
import java.time.Clock;
import nl.omkijken.nlp.OpenNlpUnderstander;

/** The real language layer, trained once per test JVM from the project's dialogs/nlu. */
public final class Nlu {
    private static OpenNlpUnderstander shared;

    private Nlu() {}

    public static synchronized OpenNlpUnderstander shared() {
        if (shared == null) {
            shared = OpenNlpUnderstander.fromDialogs(Path.of("dialogs"), Path.of("target", "test-models"),
                    Clock.systemUTC(), OpenNlpUnderstander.DEFAULT_THRESHOLD);
        }
        return shared;
    }
}
