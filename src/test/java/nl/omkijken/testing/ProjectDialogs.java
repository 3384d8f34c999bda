package nl.omkijken.testing;

import java.nio.file.Path;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.DialogSet;

/** The project's own dialogs/ folder, read and checked once per test JVM. */
public final class ProjectDialogs {
    private static DialogSet shared;

    private ProjectDialogs() {}

    /** Fails loudly when the project's dialogs have errors, naming them. */
    public static synchronized DialogSet shared() {
        if (shared == null) {
            var loaded = DialogLoader.load(Path.of("dialogs"));
            if (!loaded.errors().isEmpty()) throw new IllegalStateException("dialogs/ has errors: " + loaded.errors());
            shared = loaded.dialogSet();
        }
        return shared;
    }
}
