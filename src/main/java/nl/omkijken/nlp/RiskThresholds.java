package nl.omkijken.nlp;

/**
 * Where the risk model's probabilities become levels (dialogs/nlu/risk/settings.yaml, chosen on data
 * with {@code omkijken risk-tune}, see docs/NLU.md).
 *
 * @param high      P(any kind of danger) at or above: high
 * @param possible  P(danger) + P(possible) at or above: possible
 * @param sensitive in a conversation that was at possible or high before, P(danger) + P(possible) at or
 *                  above this is high
 * @param evidence  cue groups (settings.yaml, cues) of which one must be in a message for the model alone to
 *                  call it high: a short "is er al iemand?" has too little in it to stop automation, and is
 *                  at most asked about; empty: no such rule
 */
public record RiskThresholds(double high, double possible, double sensitive, java.util.List<String> evidence) {
    public RiskThresholds(double high, double possible, double sensitive) {
        this(high, possible, sensitive, java.util.List.of());
    }

    public RiskThresholds {
        check("high", high);
        check("possible", possible);
        check("sensitive", sensitive);
        if (possible > high) throw new NluDataException("thresholds.possible must not be above thresholds.high");
        if (sensitive > possible) throw new NluDataException("thresholds.sensitive must not be above thresholds.possible");
        evidence = evidence == null ? java.util.List.of() : java.util.List.copyOf(evidence);
    }

    private static void check(String name, double v) {
        if (!(v > 0 && v < 1)) throw new NluDataException("thresholds." + name + " must be between 0 and 1, got " + v);
    }
}
