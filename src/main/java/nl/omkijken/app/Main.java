package nl.omkijken.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar omkijken.jar [command]}: serve (default), check-dialogs [DIR], classify, risk-eval, risk-tune, risk-thresholds, search, conversations, add-worker, help.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        Path configFile = null;
        int i = rest.indexOf("--config");
        if (i >= 0) {
            if (i + 1 >= rest.size()) {
                err.println("--config needs a file: --config omkijken.yaml");
                return 2;
            }
            configFile = Path.of(rest.get(i + 1));
            rest.remove(i + 1);
            rest.remove(i);
        }
        String command = rest.isEmpty() ? "serve" : rest.remove(0);
        switch (command) {
            case "serve":
                return Serve.run(configFile, out, err);
            case "check-dialogs":
                return Commands.checkDialogs(rest.isEmpty() ? null : Path.of(rest.get(0)), configFile, out, err);
            case "add-worker":
                return AddWorkerCommand.run(rest, configFile, System.in, out, err);
            case "classify":
                return Commands.classify(rest.isEmpty() ? null : Path.of(rest.get(0)), configFile, out, err);
            case "risk-eval":
                return Commands.riskEvaluation(rest, configFile, out, err);
            case "risk-tune":
                return Commands.riskTuning(rest.isEmpty() ? null : Path.of(rest.get(0)), configFile, out, err);
            case "risk-thresholds":
                return Commands.riskThresholds(rest, out, err);
            case "conversations":
                return CorpusCommand.run(rest, configFile, out, err);
            case "search":
                return Commands.search(rest.isEmpty() ? null : Path.of(rest.get(0)), configFile, out, err);
            case "help":
            case "--help":
            case "-h":
                out.println(usage());
                return 0;
            default:
                err.println("unknown command '" + command + "'\n" + usage());
                return 2;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar target/omkijken.jar [command] [--config FILE]",
                "  serve               run the service (default)",
                "  check-dialogs [DIR] check every dialog file (default: the configured dialogs folder)",
                "  classify [DIR]      read messages from standard input, print what they mean as JSON lines",
                "  risk-eval [--cases] [--half odd|even] DIR FILE...",
                "                      the risk levels of an evaluation set (TSV: kind, line, language, message)",
                "  risk-tune [DIR]     the cross-validated table the risk thresholds are chosen from",
                "  risk-thresholds DIR FILE...  the risk thresholds that fit the development half of an evaluation set",
                "  search [DIR]        read questions from standard input, print the knowledge base's three best articles as JSON lines",
                "  conversations [DIR] play the conversation corpus (default conversations/), print transcripts and broken rules",
                "  add-worker --name NAME --role volunteer|staff|coordinator|admin [--lines QUEUE,...] [--capacity N] [--languages nl,en]",
                "                      add a console worker (the first admin); the password is asked twice",
                "  help                this text",
                "Settings come from --config FILE (or OMKIJKEN_CONFIG), then environment variables; see README.md.");
    }
}
