package nl.omkijken.nlp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postcodes, phone numbers and e-mail addresses in the raw message, normalised the way the dialog
 * slots expect them: postcode "2511 AB", phone "+31...", e-mail in lower case.
 */
final class ContactFinder {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern POSTCODE = Pattern.compile("(?<![\\p{L}\\p{N}])([1-9][0-9]{3}) ?([A-Za-z]{2})(?![\\p{L}\\p{N}])");
    // Dutch numbers as written: 06-12345678, 070 123 45 67, +31 (0)6 1234 5678, 0031 70 1234567.
    private static final Pattern PHONE_NL = Pattern.compile(
            "(?<![\\d+])(?:(?:\\+|00)31[\\s.-]*(?:0[\\s.-]*)?|0)[1-9](?:[\\s.-]*\\d){8}(?!\\d)");
    private static final Pattern PHONE_INTL = Pattern.compile("(?<![\\d+])(?:\\+|00)(?!31)[1-9](?:[\\s.-]*\\d){7,13}(?!\\d)");
    // SA, SD and SS are never used in Dutch postcodes.
    private static final Set<String> NO_POSTCODE_LETTERS = Set.of("SA", "SD", "SS");
    // "in 2024 is ..." is a year and a word, not a postcode: lower-case letters must not be a word.
    private static final Set<String> SHORT_WORDS = Set.of("is", "en", "in", "op", "of", "om", "at", "an", "to", "me", "we",
            "ze", "je", "de", "he", "it", "by", "be", "do", "go", "my", "no", "so", "up", "us", "te", "ik", "na", "al",
            "nu", "er", "as", "or", "on", "if", "hi", "am", "pm", "uu", "ok");

    void find(String raw, Map<String, String> into) {
        String text = raw.length() > 20_000 ? raw.substring(0, 20_000) : raw;
        String withoutEmail = text;
        if (text.indexOf('@') >= 0) {
            Matcher e = EMAIL.matcher(text);
            if (e.find()) into.put("email", e.group().toLowerCase(Locale.ROOT));
            withoutEmail = e.replaceAll(" ");
        }
        if (!hasDigit(withoutEmail)) return; // phone numbers and postcodes need digits
        String phone = phone(withoutEmail.replace('(', ' ').replace(')', ' '));
        if (phone != null) into.put("phone", phone);
        String postcode = postcode(withoutEmail);
        if (postcode != null) into.put("postcode", postcode);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) return true;
        return false;
    }

    static String phone(String text) {
        Matcher m = PHONE_NL.matcher(text);
        if (m.find()) {
            String digits = m.group().replaceAll("[^0-9+]", "");
            if (digits.startsWith("+31")) digits = digits.substring(3);
            else if (digits.startsWith("0031")) digits = digits.substring(4);
            if (digits.startsWith("0")) digits = digits.substring(1);
            return "+31" + digits;
        }
        Matcher i = PHONE_INTL.matcher(text);
        if (i.find()) {
            String digits = i.group().replaceAll("[^0-9]", "");
            return "+" + (digits.startsWith("00") ? digits.substring(2) : digits);
        }
        return null;
    }

    static String postcode(String text) {
        Matcher m = POSTCODE.matcher(text);
        while (m.find()) {
            String letters = m.group(2);
            String upper = letters.toUpperCase(Locale.ROOT);
            if (NO_POSTCODE_LETTERS.contains(upper)) continue;
            // Capitals ("2511 AB") or no space ("2511ab") mark a postcode; "2024 is" is a year and a word.
            boolean unmistakable = letters.equals(upper) || !m.group().contains(" ");
            if (!unmistakable && SHORT_WORDS.contains(letters.toLowerCase(Locale.ROOT))) continue;
            return m.group(1) + " " + upper;
        }
        return null;
    }
}
