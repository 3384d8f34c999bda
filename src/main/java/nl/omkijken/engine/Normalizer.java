package nl.omkijken.engine;

import java.text.Normalizer.Form;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Folds a message for keyword matching: lower case, no accents, punctuation to spaces.
 *
 * <p>This runs for every message and every keyword, button and choice it is matched against, so it
 * is written for speed: plain ASCII text (most messages) is folded in one pass without Unicode
 * normalisation or regular expressions, and the keywords of the dialogs (a fixed set) are folded
 * once and remembered. The result is the same as the general path's in every case.
 */
public final class Normalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}@+]+");
    /** Keywords of the loaded dialogs; bounded so that text which is not a keyword cannot grow it. */
    private static final int MAX_REMEMBERED = 20_000;
    private static final Map<String, String> KEYWORDS = new ConcurrentHashMap<>();

    private Normalizer() {}

    public static String fold(String text) {
        if (text == null) return "";
        String ascii = foldAscii(text);
        if (ascii != null) return ascii;
        String s = MARKS.matcher(java.text.Normalizer.normalize(text, Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * {@link #fold} for text of the dialogs (keywords, button labels, choice values): remembered, as the
     * same few hundred phrases are folded for every message.
     */
    public static String foldKeyword(String keyword) {
        if (keyword == null) return "";
        String folded = KEYWORDS.get(keyword);
        if (folded != null) return folded;
        folded = fold(keyword);
        if (KEYWORDS.size() < MAX_REMEMBERED) KEYWORDS.put(keyword, folded);
        return folded;
    }

    /** True when the dialog phrase {@code phrase} occurs in {@code folded} as whole words. */
    public static boolean containsPhrase(String folded, String phrase) {
        return containsPhraseWhere(folded, phrase, at -> true);
    }

    /** The phrase as whole words somewhere in the folded text where {@code accept} takes its start (an index in it). */
    public static boolean containsPhraseWhere(String folded, String phrase, java.util.function.IntPredicate accept) {
        String p = foldKeyword(phrase);
        if (p.isEmpty()) return false;
        int from = 0;
        while (true) {
            int at = folded.indexOf(p, from);
            if (at < 0) return false;
            int end = at + p.length();
            // Folded text has single spaces between words, so a word boundary is a space or an end.
            if ((at == 0 || folded.charAt(at - 1) == ' ') && (end == folded.length() || folded.charAt(end) == ' ') && accept.test(at)) {
                return true;
            }
            from = at + 1;
        }
    }

    /**
     * The fold of text that is all ASCII, or null when it is not: letters lower-cased, digits and
     * '@' '+' kept, every run of anything else one space, no space at either end. ASCII has no
     * combining marks and no letters outside a-z, so this equals the general path.
     */
    private static String foldAscii(String text) {
        int n = text.length();
        StringBuilder out = null;
        boolean pendingSpace = false;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) return null;
            char kept;
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '@' || c == '+') {
                kept = c;
            } else if (c >= 'A' && c <= 'Z') {
                kept = (char) (c + ('a' - 'A'));
                changed = true;
            } else {
                pendingSpace = true;
                changed = true;
                continue;
            }
            if (out == null) out = new StringBuilder(n);
            if (pendingSpace && out.length() > 0) out.append(' ');
            pendingSpace = false;
            out.append(kept);
        }
        if (out == null) return "";
        return changed ? out.toString() : text;
    }
}
