package nl.omkijken.engine;

import java.text.Normalizer.Form;
import java.util.Locale;

/** Folds a message for keyword matching: lower case, no accents, punctuation to spaces. */
public final class Normalizer {
    private Normalizer() {}

    public static String fold(String text) {
        if (text == null) return "";
        String s = java.text.Normalizer.normalize(text, Form.NFD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}@+]+", " ").trim();
        return s;
    }

    /** True when {@code phrase} occurs in {@code folded} as whole words. */
    public static boolean containsPhrase(String folded, String phrase) {
        String p = fold(phrase);
        if (p.isEmpty()) return false;
        return (" " + folded + " ").contains(" " + p + " ");
    }
}
