package nl.omkijken.nlp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code omkijken risk-eval DIR FILE...}: the risk levels an evaluation set gets (docs/NLU.md, "Risk");
 * {@code omkijken risk-tune DIR}: the cross-validated table the thresholds are chosen from;
 * {@code omkijken risk-thresholds DIR FILE...}: the thresholds that fit the development half of the evaluation set.
 */
public final class RiskCommand {
    private RiskCommand() {}

    /**
     * @param half "odd" (the development half: its lines 1, 3, 5, ... of each file, on which the thresholds were
     *             chosen), "even" (the test half, never looked at message by message) or null (all)
     */
    public static int evaluate(Path dialogsDir, List<Path> files, boolean cases, String half, PrintStream out, PrintStream err) {
        try {
            List<RiskEvaluation.Item> items = RiskEvaluation.read(files);
            if (half != null) {
                int rest = half.equals("odd") ? 1 : 0;
                items = items.stream().filter(i -> i.lineNumber() % 2 == rest).toList();
            }
            OpenNlpUnderstander u = OpenNlpUnderstander.fromDialogs(dialogsDir, ClassifyCommand.defaultCacheDir(),
                    Clock.fixed(Instant.parse("2026-03-10T09:00:00Z"), ZoneId.of("Europe/Amsterdam")), OpenNlpUnderstander.DEFAULT_THRESHOLD);
            RiskEvaluation e = RiskEvaluation.run(items, text -> u.understand(text, null));
            out.print(e.render());
            if (cases) out.print("\n" + e.renderCases());
            return 0;
        } catch (NluDataException | IllegalArgumentException | IOException e) {
            err.println("risk-eval: " + e.getMessage());
            return 2;
        }
    }

    /** The grid of thresholds tried on the development half (odd lines) of the evaluation files, best first. */
    public static int thresholds(Path dialogsDir, List<Path> files, PrintStream out, PrintStream err) {
        try {
            List<RiskEvaluation.Item> dev = RiskEvaluation.read(files).stream().filter(i -> i.lineNumber() % 2 == 1).toList();
            CrisisLexicon lexicon = CrisisLexicon.load(dialogsDir);
            RiskData data = RiskData.load(dialogsDir, NluData.load(dialogsDir), lexicon);
            RiskAssessor assessor = RiskAssessor.of(lexicon, RiskModel.loadOrTrain(data, ClassifyCommand.defaultCacheDir()), data);
            out.print(RiskThresholdSearch.render(RiskThresholdSearch.search(dev, assessor), 12));
            return 0;
        } catch (NluDataException | IllegalArgumentException | IOException e) {
            err.println("risk-thresholds: " + e.getMessage());
            return 2;
        }
    }

    public static int tune(Path dialogsDir, PrintStream out, PrintStream err) {
        try {
            CrisisLexicon lexicon = CrisisLexicon.load(dialogsDir);
            RiskData data = RiskData.load(dialogsDir, NluData.load(dialogsDir), lexicon);
            out.print(RiskTuning.render(RiskTuning.crossValidate(data, lexicon, 42)));
            return 0;
        } catch (NluDataException e) {
            err.println("risk-tune: " + e.getMessage());
            return 2;
        }
    }
}
