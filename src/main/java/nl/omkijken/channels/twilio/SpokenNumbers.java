package nl.omkijken.channels.twilio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers as a voice must say them: digit by digit. A text-to-speech voice reads "113" as "honderddertien"
 * and "0800-0113" as a sum; a caller in crisis must hear "een een drie" and "nul acht honderd, nul een een drie".
 * Only what is written as a phone number is changed: 112 and 113 standing alone, the 116 numbers, and
 * numbers with an area or service prefix (0800, 0900, 088, 070, 06); a date, a time or an amount stays as it is.
 */
final class SpokenNumbers {
    /**
     * 0800-0113, 0900 0101, 088-1234567, 070-1234567, 0612345678; the European 116 numbers (116 123, 116111);
     * and 112 and 113 themselves. Other short numbers ("115 euro") stay numbers.
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![0-9.,:/-])(0[0-9]{2,3}[- ]?[0-9]{4,7}|116 ?[0-9]{3}|11[23])(?![0-9.,:/-]?[0-9])");

    private SpokenNumbers() {}

    /** The text with every phone number in it spelled out in digits, groups apart. */
    static String say(String text) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(spell(m.group())));
        m.appendTail(out);
        return out.toString();
    }

    /** "0800-0113" -> "0 8 0 0, 0 1 1 3": a short pause between groups. */
    private static String spell(String number) {
        StringBuilder sb = new StringBuilder();
        for (String group : number.split("[- ]")) {
            if (sb.length() > 0) sb.append(", ");
            for (int i = 0; i < group.length(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(group.charAt(i));
            }
        }
        return sb.toString();
    }
}
