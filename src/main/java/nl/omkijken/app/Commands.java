package nl.omkijken.app;

import java.io.PrintStream;
import java.nio.file.Path;
import nl.omkijken.dialog.DialogCheck;
import nl.omkijken.nlp.ClassifyCommand;

/** The one-shot commands: check-dialogs, classify and search. */
final class Commands {
    private Commands() {}

    static int checkDialogs(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        int dialogs = DialogCheck.run(d, out);
        if (dialogs != 0) return dialogs;
        // The opening hours name the lines the dialogs open: checked once those are known to be right.
        try {
            var set = nl.omkijken.dialog.DialogLoader.load(d);
            nl.omkijken.hours.OpeningHoursReader.read(d, set.dialogSet().lines());
            return 0;
        } catch (nl.omkijken.hours.OpeningHoursReader.Invalid e) {
            out.println(e.getMessage());
            return 1;
        }
    }

    static int classify(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        return ClassifyCommand.run(d, System.in, out);
    }

    static int riskEvaluation(java.util.List<String> args, Path configFile, PrintStream out, PrintStream err) {
        java.util.List<String> rest = new java.util.ArrayList<>(args);
        boolean cases = rest.remove("--cases");
        String half = null;
        int h = rest.indexOf("--half");
        if (h >= 0 && h + 1 < rest.size()) {
            half = rest.get(h + 1);
            rest.remove(h + 1);
            rest.remove(h);
        }
        if (rest.size() < 2 || (half != null && !half.equals("odd") && !half.equals("even"))) {
            err.println("usage: risk-eval [--cases] [--half odd|even] DIR FILE...");
            return 2;
        }
        return nl.omkijken.nlp.RiskCommand.evaluate(Path.of(rest.get(0)), rest.subList(1, rest.size()).stream().map(Path::of).toList(),
                cases, half, out, err);
    }

    static int riskTuning(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        return nl.omkijken.nlp.RiskCommand.tune(d, out, err);
    }

    static int riskThresholds(java.util.List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println("usage: risk-thresholds DIR FILE...");
            return 2;
        }
        return nl.omkijken.nlp.RiskCommand.thresholds(Path.of(args.get(0)), args.subList(1, args.size()).stream().map(Path::of).toList(), out, err);
    }

    static int search(Path dir, Path configFile, PrintStream out, PrintStream err) {
        Path d = dir != null ? dir : dialogsDir(configFile, err);
        if (d == null) return 2;
        return nl.omkijken.knowledge.SearchCommand.run(d, System.in, out, err);
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
