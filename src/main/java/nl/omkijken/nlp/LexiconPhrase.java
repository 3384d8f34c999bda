package nl.omkijken.nlp;

import java.util.Arrays;

/**
 * One phrase of the crisis lexicon, folded into words. A word ending in {@code *} matches any word
 * it begins ("zelfmoord*" matches "zelfmoordgedachten"). Single long words (and long stems) also
 * match with one typo after the first letter (one letter missing, extra, wrong or two letters
 * swapped): "zelfmood", "zelfdodnig";
 * a phrase written with a leading {@code =} never does ("=ambulance" must not match "ambulante").
 */
record LexiconPhrase(String category, String[] words, boolean[] prefix, boolean exact) {
    static final int FUZZY_MIN_LENGTH = 9;
    static final int FUZZY_PREFIX_MIN_LENGTH = 7;

    static LexiconPhrase parse(String category, String phrase) {
        String raw = phrase.strip();
        boolean exact = raw.startsWith("=");
        if (exact) raw = raw.substring(1);
        String[] parts = raw.split("\\s+");
        String[] words = new String[parts.length];
        boolean[] prefix = new boolean[parts.length];
        for (int i = 0; i < parts.length; i++) {
            boolean star = parts[i].endsWith("*");
            String w = TextFolding.fold(star ? parts[i].substring(0, parts[i].length() - 1) : parts[i]);
            if (w.isEmpty() || w.contains(" ")) {
                throw new NluDataException("lexicon phrase '" + phrase + "': word '" + parts[i] + "' folds to '" + w + "'");
            }
            words[i] = w;
            prefix[i] = star;
        }
        return new LexiconPhrase(category, words, prefix, exact);
    }

    /** Whether the phrase matches the tokens starting at {@code start}, skipping no token. */
    boolean matchesAt(String[] tokens, int start, boolean[] masked) {
        if (start + words.length > tokens.length) return false;
        for (int i = 0; i < words.length; i++) {
            int t = start + i;
            if (masked != null && masked[t]) return false;
            if (!wordMatches(i, tokens[t], words.length == 1 && !exact)) return false;
        }
        return true;
    }

    private boolean wordMatches(int i, String token, boolean fuzzy) {
        String w = words[i];
        if (prefix[i]) {
            if (token.startsWith(w)) return true;
            return fuzzy && w.length() >= FUZZY_PREFIX_MIN_LENGTH && fuzzyPrefix(token, w);
        }
        if (token.equals(w)) return true;
        return fuzzy && w.length() >= FUZZY_MIN_LENGTH && token.charAt(0) == w.charAt(0) && Typos.withinOne(token, w);
    }

    // The word begins with the stem give or take one typo: compare the stem with the word's
    // first stem-length characters, one fewer and one more.
    private static boolean fuzzyPrefix(String token, String stem) {
        if (token.isEmpty() || token.charAt(0) != stem.charAt(0)) return false;
        for (int len = stem.length() - 1; len <= stem.length() + 1; len++) {
            if (len <= token.length() && Typos.withinOne(token, len, stem)) return true;
        }
        return false;
    }

    @Override
    public String toString() { return category + ":" + Arrays.toString(words); }
}
