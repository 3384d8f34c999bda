package nl.omkijken.nlp;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Folds a message for the classifier and the crisis lexicon: HTML tags dropped, lower case,
 * accents folded, apostrophes removed ("m'n" -> "mn"), other punctuation, emoji and control
 * characters to spaces, runs of three or more equal letters squeezed to two ("heeeel" -> "heel").
 * Both the training phrases and the lexicon go through the same folding, so authors write
 * ordinary words.
 */
public final class TextFolding {
    /** Messages are cut here for classification; crisis matching sees the whole folded text. */
    public static final int MAX_TOKENS = 64;

    private TextFolding() {}

    public static String fold(String text) {
        if (text == null || text.isEmpty()) return "";
        String s = stripTags(text);
        if (!isAscii(s)) s = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || isApostrophe(cp)) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                int lower = Character.toLowerCase(cp);
                if (squeezes(out, lower)) continue;
                out.appendCodePoint(lower);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') out.setLength(end - 1);
        return out.toString();
    }

    /** The words of a folded text, at most {@link #MAX_TOKENS}. */
    public static String[] tokens(String folded) {
        if (folded == null || folded.isEmpty()) return new String[0];
        String[] all = folded.split(" ");
        return all.length <= MAX_TOKENS ? all : Arrays.copyOf(all, MAX_TOKENS);
    }

    /** True when the folded text holds at least one letter (not only digits). */
    public static boolean hasLetters(String folded) {
        for (int i = 0; i < folded.length(); i++) if (Character.isLetter(folded.charAt(i))) return true;
        return false;
    }

    /**
     * Whether a message reads as Dutch or English text at all: not binary noise (control
     * characters, U+FFFD) and mostly Latin letters once accents are folded. Other scripts and
     * garbage go straight to out_of_scope instead of to a guess of the model.
     */
    public static boolean looksLikeText(String raw, String folded) {
        if (raw == null || folded == null || folded.isEmpty()) return false;
        if (isNoise(raw)) return false;
        // One letter held down ("xxxxxxxx..."): the folding squeezes it to two, which would read as a word.
        if (raw.length() >= 10 && raw.codePoints().filter(Character::isLetter).distinct().count() == 1) return false;
        int letters = 0, latin = 0;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (c >= 'a' && c <= 'z') latin++;
            }
        }
        return letters > 0 && latin * 10 >= letters * 6;
    }

    /** Binary noise rather than writing: more than one in twenty characters control, U+FFFD or unassigned. */
    public static boolean isNoise(String raw) {
        if (raw == null) return false;
        int noise = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD'
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.UNASSIGNED) {
                noise++;
            }
        }
        return noise * 20 > raw.length();
    }

    // A third equal letter in a row is dropped: "heeeel" -> "heel", "nooooo" -> "noo".
    private static boolean squeezes(StringBuilder out, int cp) {
        int n = out.length();
        return Character.isLetter(cp) && n >= 2 && out.charAt(n - 1) == cp && out.charAt(n - 2) == cp;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '`' || cp == '\u00B4';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return false;
        return true;
    }

    // Tags become spaces so "<b>hulp</b>" reads as "hulp"; a lone "<" or ">" is left alone.
    private static String stripTags(String s) {
        if (s.indexOf('<') < 0) return s;
        return s.replaceAll("<[^<>]{0,300}>", " ");
    }
}
