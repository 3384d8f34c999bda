package nl.omkijken.nlp;

import opennlp.tools.doccat.FeatureGenerator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Features of a folded, tokenised message for the intent model. Words and word pairs carry the
 * meaning; character 3- and 4-grams of each word (with boundary marks) carry it through typos and
 * texting spellings ("vrijwiligers", "afsrpaak"); words after a negation are marked so "niet zo
 * goed" is not read as "goed".
 * <p>OpenNLP stores this class's name in the model file and creates it again with the public
 * no-argument constructor when a cached model is loaded.
 */
public final class IntentFeatures implements FeatureGenerator {
    /** Part of the model cache key: change it whenever the features change. */
    public static final String VERSION = "features-v2";
    private static final Set<String> NEGATIONS = Set.of("niet", "geen", "nie", "nooit", "not", "no", "never", "dont", "isnt", "cant", "aint", "nt");
    private static final int NEGATION_REACH = 3;

    public IntentFeatures() {}

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        // A set: a feature counts once however often it occurs, so "bla bla bla ..." cannot
        // pile up one n-gram until the model is certain of anything.
        Set<String> f = new LinkedHashSet<>(tokens.length * 16);
        int negatedUntil = -1;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) continue;
            f.add("w=" + t);
            if (i <= negatedUntil) f.add("neg=" + t);
            if (NEGATIONS.contains(t)) negatedUntil = i + NEGATION_REACH;
            if (i + 1 < tokens.length) f.add("b=" + t + "_" + tokens[i + 1]);
            charGrams(t, f);
        }
        if (tokens.length == 1) f.add("only=" + tokens[0]);
        f.add(tokens.length <= 2 ? "len=short" : tokens.length <= 6 ? "len=mid" : "len=long");
        return f;
    }

    private static void charGrams(String t, Set<String> f) {
        String w = "<" + t + ">";
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= w.length(); i++) f.add("c=" + w.substring(i, i + n));
        }
    }
}
