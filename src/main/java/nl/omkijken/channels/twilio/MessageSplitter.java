package nl.omkijken.channels.twilio;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply longer than Twilio accepts in one message body (1,600 characters) into several,
 * in order, at the cleanest boundary that keeps each part at least half full: a blank line, then a
 * sentence end, then a line break, then a space; a word longer than a whole part is cut hard (never
 * inside a surrogate pair). Dialog texts are kept short, so this is the exception.
 */
final class MessageSplitter {
    static final int MAX_BODY = 1600;

    private MessageSplitter() {}

    static List<String> split(String text, int max) {
        if (max < 2) throw new IllegalArgumentException("part size must be at least 2");
        List<String> parts = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (rest.length() > max) {
            int cut = cutPoint(rest, max);
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) parts.add(rest);
        return parts;
    }

    /** Where to end the next part: an index in 1..max; the part is {@code s[0, cut)}. */
    private static int cutPoint(String s, int max) {
        int least = max / 2;
        int cut = lastParagraphBreak(s, max, least);
        if (cut < 0) cut = lastSentenceEnd(s, max, least);
        if (cut < 0) cut = lastWhitespace(s, max, least, true);
        if (cut < 0) cut = lastWhitespace(s, max, 1, false);
        if (cut < 0) cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return cut;
    }

    private static int lastParagraphBreak(String s, int max, int least) {
        for (int i = Math.min(max, s.length() - 2); i >= least; i--) {
            if (s.charAt(i) == '\n' && s.charAt(i + 1) == '\n' || s.startsWith("\r\n\r\n", i)) return i;
        }
        return -1;
    }

    private static int lastSentenceEnd(String s, int max, int least) {
        for (int i = Math.min(max, s.length()) - 1; i >= least - 1 && i >= 0; i--) {
            char c = s.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\u2026') && i + 1 < s.length()
                    && Character.isWhitespace(s.charAt(i + 1))) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int lastWhitespace(String s, int max, int least, boolean lineBreakOnly) {
        for (int i = Math.min(max, s.length() - 1); i >= least; i--) {
            char c = s.charAt(i);
            if (lineBreakOnly ? c == '\n' : Character.isWhitespace(c)) return i;
        }
        return -1;
    }
}
