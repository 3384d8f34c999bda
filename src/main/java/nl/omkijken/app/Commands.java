package nl.omkijken.app;

import java.io.PrintStream;
import java.nio.file.Path;
import nl.omkijken.dialog.DialogCheck;
import nl.omkijken.nlp.ClassifyCommand;

/** The one-shot commands: check-dialogs and classify. */
final class Commands {
    private Commands() {}

    static int checkDialogs(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        return DialogCheck.run(d, out);
    }

    static int classify(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        return ClassifyCommand.run(d, System.in, out);
    }

    private static Path dialogsDir(Path configFile, PrintStream err) {
        try {
            return ConfigLoader.fromEnvironment(configFile).dialogsDir();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return null;
        }
    }
}
