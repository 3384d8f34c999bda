package nl.omkijken.nlp;

import opennlp.tools.doccat.FeatureGenerator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Features of a folded, tokenised message for the risk model: words, word pairs, character 3- to
 * 5-grams of each word (typos and texting spellings: "zelfmoordgedachtes", "overdossis", "cant"), words
 * within reach after a negation marked as negated ("ik wil niet meer leven" is not "ik wil leven"), and
 * the cue tokens {@link RiskCues} appended (taken as they are).
 * <p>OpenNLP stores this class's name in the model file and creates it again with the public
 * no-argument constructor when a cached model is loaded.
 */
public final class RiskFeatures implements FeatureGenerator {
    /** Part of the model cache key: change it whenever the features change. */
    public static final String VERSION = "risk-features-v2";
    private static final Set<String> NEGATIONS = Set.of("niet", "geen", "nie", "nooit", "niemand", "not", "no", "never",
            "dont", "cant", "wont", "nobody", "nt", "niks", "nothing");
    private static final int NEGATION_REACH = 4;

    public RiskFeatures() {}

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        Set<String> f = new LinkedHashSet<>(tokens.length * 20);
        // Always on: the model's prior, so a message of words it never saw gets what most messages are (none),
        // not an even share of every class.
        f.add("bias");
        int negatedUntil = -1;
        String previous = null;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) continue;
            if (t.startsWith(RiskCues.MARK)) {
                f.add(t);
                continue;
            }
            f.add("w=" + t);
            if (i <= negatedUntil) f.add("neg=" + t);
            if (NEGATIONS.contains(t)) negatedUntil = i + NEGATION_REACH;
            if (previous != null) f.add("b=" + previous + "_" + t);
            previous = t;
            String w = "<" + t + ">";
            for (int n = 3; n <= 5; n++) {
                for (int k = 0; k + n <= w.length(); k++) f.add("c=" + w.substring(k, k + n));
            }
        }
        return f;
    }
}
