package nl.omkijken.engine;

import java.text.Normalizer.Form;
import java.util.Locale;
import java.util.regex.Pattern;

/** Folds a message for keyword matching: lower case, no accents, punctuation to spaces. */
public final class Normalizer {
    // Compiled once: fold runs for every message and every keyword it is matched against.
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}@+]+");

    private Normalizer() {}

    public static String fold(String text) {
        if (text == null) return "";
        String s = MARKS.matcher(java.text.Normalizer.normalize(text, Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /** True when {@code phrase} occurs in {@code folded} as whole words. */
    public static boolean containsPhrase(String folded, String phrase) {
        String p = fold(phrase);
        if (p.isEmpty()) return false;
        return (" " + folded + " ").contains(" " + p + " ");
    }
}
