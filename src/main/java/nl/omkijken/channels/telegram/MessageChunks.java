package nl.omkijken.channels.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply into messages Telegram accepts (at most 4096 characters each). Cuts fall at the
 * last paragraph break, else line break, else sentence end, else space before the limit; a word
 * longer than a whole message is cut without splitting a surrogate pair.
 */
final class MessageChunks {
    /** Telegram's limit for one message's text, in UTF-16 code units. */
    static final int MAX = 4096;

    private MessageChunks() {}

    static List<String> split(String text) {
        return split(text, MAX);
    }

    static List<String> split(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = cutPoint(rest, max);
            String head = rest.substring(0, cut).stripTrailing();
            if (!head.isEmpty()) out.add(head);
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || out.isEmpty()) out.add(rest);
        return out;
    }

    /** Where to cut {@code s} (longer than max): an index in (0, max]. */
    private static int cutPoint(String s, int max) {
        int floor = max / 2; // a cut far before the limit would make many tiny messages
        int at = s.lastIndexOf("\n\n", max - 1);
        if (at >= floor) return at;
        at = s.lastIndexOf('\n', max - 1);
        if (at >= floor) return at;
        for (int i = max - 1; i >= floor; i--) {
            char c = s.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && i + 1 < s.length() && Character.isWhitespace(s.charAt(i + 1))) {
                return i + 1;
            }
        }
        at = s.lastIndexOf(' ', max);
        if (at >= floor) return at;
        return Character.isLowSurrogate(s.charAt(max)) && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }
}
