package nl.omkijken.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a volunteer sees of a number or an e-mail address someone wrote: the last two digits
 * ("··78"), and no address at all. A phone number starts with + or 0 and has at least nine digits, with
 * the spaces, dashes, dots and brackets people type in between ("06-12345678", "+31 6 1234 5678",
 * "(070) 123 45 67"); a date ("04-12-2026") or an amount is left alone.
 */
final class NumberMask {
    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])\\(?(\\+|0)[\\d \\-.()/]{7,}\\d");
    /** A Dutch mobile number written without its 0 or +: 612345678, 31612345678. */
    private static final Pattern BARE_MOBILE = Pattern.compile("(?<!\\d)(31)?6\\d{8}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+-]+@[\\p{L}\\d-]+(\\.[\\p{L}\\d-]+)+");

    private NumberMask() {}

    static String text(String s) {
        if (s == null) return null;
        String noEmail = EMAIL.matcher(s).replaceAll("(e-mailadres verborgen)");
        Matcher m = PHONE.matcher(noEmail);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            String replacement = digits.length() >= 9 ? "··" + digits.substring(digits.length() - 2) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        Matcher bare = BARE_MOBILE.matcher(out.toString());
        StringBuilder masked = new StringBuilder();
        while (bare.find()) {
            String digits = bare.group();
            bare.appendReplacement(masked, Matcher.quoteReplacement("··" + digits.substring(digits.length() - 2)));
        }
        bare.appendTail(masked);
        return masked.toString();
    }
}
