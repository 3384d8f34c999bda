package nl.omkijken.nlp;

/**
 * What the intent model thinks of one message.
 *
 * @param best            the most probable intent (may be {@code crisis})
 * @param bestProbability its probability
 * @param bestOther       the most probable intent other than crisis, used when crisis is ruled out
 * @param otherProbability its probability
 * @param crisisProbability the probability of {@code crisis}
 */
public record IntentScores(String best, double bestProbability, String bestOther, double otherProbability,
                           double crisisProbability) {
    /** For text with nothing to classify. */
    public static final IntentScores NOTHING =
            new IntentScores(nl.omkijken.engine.Understanding.OUT_OF_SCOPE, 0, nl.omkijken.engine.Understanding.OUT_OF_SCOPE, 0, 0);
}
