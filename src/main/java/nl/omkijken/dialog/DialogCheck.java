package nl.omkijken.dialog;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.omkijken.engine.Dialog;

/** The {@code check-dialogs [DIR]} command: prints every error in a dialogs folder and a summary. */
public final class DialogCheck {
    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int NO_FOLDER = 2;

    private DialogCheck() {}

    /** Checks {@code dir}; returns 0 when valid, 1 when there are errors, 2 when the folder is missing. */
    public static int run(Path dir, PrintStream out) {
        if (dir == null || !Files.isDirectory(dir)) {
            out.println("check-dialogs: there is no folder " + dir + "; give the dialogs folder, e.g. check-dialogs dialogs");
            return NO_FOLDER;
        }
        LoadResult result = DialogLoader.load(dir);
        for (DialogError e : result.errors()) out.println(e);
        if (!result.ok()) {
            int n = result.errors().size();
            out.println(n + (n == 1 ? " error" : " errors"));
            return ERRORS;
        }
        int steps = 0;
        for (Dialog d : result.dialogSet().dialogs().values()) steps += d.steps().size();
        out.println(result.dialogSet().dialogs().size() + " dialogs, " + steps + " steps: ok");
        return OK;
    }
}
