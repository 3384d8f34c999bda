package nl.omkijken.nlp;

import java.util.List;
import java.util.Locale;

/** The figures of one {@link NluEvaluation} run on the held-out split, and their text form. */
public record EvaluationReport(int trainingSize, int heldOutSize, int correct,
                               List<IntentFigures> perIntent, int crisisTotal, int crisisCaught,
                               int nonCrisisTotal, int crisisFalsePositives, long trainingMillis,
                               List<NluEvaluation.Miss> misses) {

    /** Held-out phrases of an intent (support), how often it was predicted, how often rightly. */
    public record IntentFigures(String intent, int support, int predicted, int correct) {
        public double precision() { return predicted == 0 ? (support == 0 ? 1 : 0) : (double) correct / predicted; }
        public double recall() { return support == 0 ? 1 : (double) correct / support; }
    }

    public double accuracy() { return heldOutSize == 0 ? 0 : (double) correct / heldOutSize; }

    public double crisisRecall() { return crisisTotal == 0 ? 0 : (double) crisisCaught / crisisTotal; }

    public double crisisFalsePositiveRate() { return nonCrisisTotal == 0 ? 0 : (double) crisisFalsePositives / nonCrisisTotal; }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "training phrases: %d, held-out phrases: %d, training time: %d ms%n",
                trainingSize, heldOutSize, trainingMillis));
        b.append(String.format(Locale.ROOT, "top-1 accuracy: %.1f%% (%d/%d)%n", 100 * accuracy(), correct, heldOutSize));
        b.append(String.format(Locale.ROOT, "crisis recall: %.1f%% (%d/%d)%n", 100 * crisisRecall(), crisisCaught, crisisTotal));
        b.append(String.format(Locale.ROOT, "crisis false positives: %.1f%% (%d/%d non-crisis phrases)%n",
                100 * crisisFalsePositiveRate(), crisisFalsePositives, nonCrisisTotal));
        b.append(String.format(Locale.ROOT, "%n| intent | held out | precision | recall |%n|---|---:|---:|---:|%n"));
        for (IntentFigures f : perIntent) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", f.intent(), f.support(), f.precision(), f.recall()));
        }
        if (!misses.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nmisses (expected -> predicted, confidence):%n"));
            for (NluEvaluation.Miss m : misses) {
                b.append(String.format(Locale.ROOT, "  %s -> %s %.2f%s: %s%n", m.example().intent(), m.predicted(),
                        m.confidence(), m.crisis() ? " [crisis]" : "", m.example().text()));
            }
        }
        return b.toString();
    }
}
