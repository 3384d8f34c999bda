package nl.omkijken.nlp;

import nl.omkijken.engine.Understanding;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains on the training split of dialogs/nlu and measures the whole understander (model, crisis
 * lexicon, threshold) on the held-out split it never saw: per-intent precision and recall, top-1
 * accuracy, crisis recall and the crisis false-positive rate.
 * <p>{@code java -cp ... nl.omkijken.nlp.NluEvaluation [dialogsDir]} prints the report.
 */
public final class NluEvaluation {
    private NluEvaluation() {}

    /** One held-out phrase the understander got wrong. */
    public record Miss(Example example, String predicted, double confidence, boolean crisis) {}

    public static EvaluationReport evaluate(Path dialogsDir, double threshold) {
        NluData data = NluData.load(dialogsDir);
        long start = System.nanoTime();
        IntentModel model = IntentModel.train(data.training(), IntentTraining.DEFAULT);
        long trainingMillis = (System.nanoTime() - start) / 1_000_000;
        // The risk model (its own training, timed apart) decides the crisis figures, as in the running service.
        CrisisLexicon lexicon = CrisisLexicon.load(dialogsDir);
        RiskData riskData = RiskData.load(dialogsDir, data, lexicon);
        RiskAssessor risk = RiskAssessor.of(lexicon, RiskModel.loadOrTrain(riskData, null), riskData);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
        OpenNlpUnderstander understander = new OpenNlpUnderstander(model, risk,
                new EntityExtractor(clock), LanguageDetector.fromClasspath(), threshold);
        return evaluate(understander, data, trainingMillis);
    }

    static EvaluationReport evaluate(OpenNlpUnderstander understander, NluData data, long trainingMillis) {
        Map<String, int[]> counts = new TreeMap<>(); // intent -> {support, predicted, correct}
        List<Miss> misses = new ArrayList<>();
        int correct = 0, crisisTotal = 0, crisisCaught = 0, otherTotal = 0, falseAlarms = 0;
        for (Example e : data.heldOut()) {
            Understanding u = understander.understand(e.text(), null);
            counts.computeIfAbsent(e.intent(), k -> new int[3])[0]++;
            counts.computeIfAbsent(u.intent(), k -> new int[3])[1]++;
            if (u.intent().equals(e.intent())) {
                correct++;
                counts.get(e.intent())[2]++;
            } else {
                misses.add(new Miss(e, u.intent(), u.confidence(), u.crisis()));
            }
            if (IntentModel.CRISIS.equals(e.intent())) {
                crisisTotal++;
                if (u.crisis()) crisisCaught++;
            } else {
                otherTotal++;
                if (u.crisis()) falseAlarms++;
            }
        }
        List<EvaluationReport.IntentFigures> perIntent = new ArrayList<>();
        counts.forEach((intent, c) -> perIntent.add(new EvaluationReport.IntentFigures(intent, c[0], c[1], c[2])));
        return new EvaluationReport(data.training().size(), data.heldOut().size(), correct, perIntent, crisisTotal,
                crisisCaught, otherTotal, falseAlarms, trainingMillis, misses);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "dialogs");
        try {
            System.out.print(evaluate(dir, OpenNlpUnderstander.DEFAULT_THRESHOLD).render());
        } catch (NluDataException e) {
            System.err.println("evaluation: " + e.getMessage());
            System.exit(2);
        }
    }
}
