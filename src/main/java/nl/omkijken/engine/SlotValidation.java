package nl.omkijken.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and normalises an answer for a {@link Step.Collect}; empty when the answer does not fit. */
public final class SlotValidation {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern POSTCODE = Pattern.compile("\\b([1-9][0-9]{3})\\s?([A-Za-z]{2})\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}");
    private static final List<String> YES = List.of("ja", "j", "yes", "y", "jazeker", "ja hoor", "klopt", "goed", "prima", "ok", "oke", "okay", "sure", "1");
    private static final List<String> NEGATIONS = List.of("niet", "not");
    private static final List<String> NO = List.of("nee", "n", "no", "nope", "neen", "niet", "liever niet", "2");

    private SlotValidation() {}

    public static Optional<String> accept(Step.Collect step, String text, Understanding u) {
        String raw = text == null ? "" : text.strip();
        if (step.entity() != null && u != null && u.entities().containsKey(step.entity())) {
            return Optional.of(u.entities().get(step.entity()));
        }
        return switch (step.type()) {
            case TEXT -> raw.codePointCount(0, raw.length()) >= Math.max(1, step.minLength()) && raw.length() <= 300
                    && (step.maxWords() <= 0 || raw.split("\\s+").length <= step.maxWords())
                    ? Optional.of(raw) : Optional.empty();
            case EMAIL -> find(EMAIL, raw).map(s -> s.toLowerCase(Locale.ROOT));
            case PHONE -> phone(raw);
            case POSTCODE -> {
                Matcher m = POSTCODE.matcher(raw);
                yield m.find() ? Optional.of(m.group(1) + " " + m.group(2).toUpperCase(Locale.ROOT)) : Optional.empty();
            }
            case NUMBER -> find(NUMBER, raw);
            case YES_NO -> yesNo(raw);
            case CHOICE -> choice(step.choices(), raw);
        };
    }

    private static Optional<String> find(Pattern p, String raw) {
        Matcher m = p.matcher(raw);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** A run of digits, spaces, dots, dashes and brackets that may be a phone number inside a longer message. */
    private static final Pattern NUMBER_RUN = Pattern.compile("(?<![\\d+])\\+?\\d[\\d\\s().-]{7,18}\\d(?!\\d)");

    /** A bank account (IBAN: NL91 ABNA 0417 1643 00) or a date (05-03-2025): their digits are no phone number. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)\\b[a-z]{2}\\d{2}\\s?[a-z]{4}(?:\\s?\\d){6,12}\\b|\\b\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}\\b");

    /** The one phone number a longer message holds ("mail ..., tel 06 18 44 29 07"), in E.164; none when two differ. */
    static Optional<String> phoneIn(String raw) {
        Matcher m = NUMBER_RUN.matcher(NOT_A_NUMBER.matcher(raw).replaceAll(" # "));
        String found = null;
        while (m.find()) {
            Optional<String> p = phone(m.group());
            if (p.isEmpty()) continue;
            if (found != null && !found.equals(p.get())) return Optional.empty();
            found = p.get();
        }
        return Optional.ofNullable(found);
    }

    /** Dutch numbers: 06…, 070…, +31…, 0031…; returns E.164 (+31…). */
    static Optional<String> phone(String raw) {
        String digits = raw.replaceAll("[\\s().-]", "");
        if (digits.startsWith("0031")) digits = "+31" + digits.substring(4);
        if (digits.matches("\\+31[1-9][0-9]{8}")) return Optional.of(digits);
        if (digits.matches("0[1-9][0-9]{8}")) return Optional.of("+31" + digits.substring(1));
        if (digits.matches("\\+[1-9][0-9]{7,14}")) return Optional.of(digits);
        return Optional.empty();
    }

    static Optional<String> yesNo(String raw) {
        String f = Normalizer.fold(raw);
        for (String y : YES) {
            if (f.equals(y)) return Optional.of("yes");
            // "klopt niet", "goed niet", "ok not": a yes-word followed by a negation means no.
            if (f.startsWith(y + " ")) {
                String nextWord = f.substring(y.length() + 1).split(" ")[0];
                return Optional.of(NEGATIONS.contains(nextWord) ? "no" : "yes");
            }
        }
        for (String n : NO) if (f.equals(n) || f.startsWith(n + " ")) return Optional.of("no");
        return Optional.empty();
    }

    /**
     * The one choice a longer message names by its value or a keyword ("stadsdeel Escamp", "in Moerwijk"); none when it
     * names two different ones, and never by a digit (a digit in a phone number is no choice).
     */
    static Optional<String> namedIn(List<Step.Choice> choices, String raw) {
        String f = Normalizer.fold(raw);
        String found = null;
        for (Step.Choice c : choices) {
            boolean named = namedWithoutNegation(f, c.value());
            for (String k : c.keywords()) named |= namedWithoutNegation(f, k);
            if (!named) continue;
            if (found != null && !found.equals(c.value())) return Optional.empty();
            found = c.value();
        }
        return Optional.ofNullable(found);
    }

    /** Words that turn a choice named after them around: "niet vanavond", "not in the evening", "liever geen ochtend". */
    private static final java.util.Set<String> NEGATION = java.util.Set.of("niet", "geen", "nooit", "not", "no", "never", "dont", "don't");

    /** The phrase is in the folded text somewhere without a negation in the three words before it. */
    static boolean namedWithoutNegation(String folded, String phrase) {
        return Normalizer.containsPhraseWhere(folded, phrase, at -> {
            String[] before = folded.substring(0, at).strip().split(" ");
            for (int i = Math.max(0, before.length - 3); i < before.length; i++) if (NEGATION.contains(before[i])) return false;
            return true;
        });
    }

    static Optional<String> choice(List<Step.Choice> choices, String raw) {
        String f = Normalizer.fold(raw);
        // A digit picks the n-th choice, as offered in the prompt.
        if (f.matches("\\d{1,2}")) {
            int i = Integer.parseInt(f) - 1;
            if (i >= 0 && i < choices.size()) return Optional.of(choices.get(i).value());
        }
        for (Step.Choice c : choices) {
            if (f.equals(Normalizer.foldKeyword(c.value()))) return Optional.of(c.value());
            for (String lang : Localized.LANGUAGES) {
                if (f.equals(Normalizer.foldKeyword(c.label().in(lang)))) return Optional.of(c.value());
            }
        }
        for (Step.Choice c : choices) {
            if (Normalizer.containsPhrase(f, c.value())) return Optional.of(c.value());
            for (String k : c.keywords()) if (Normalizer.containsPhrase(f, k)) return Optional.of(c.value());
        }
        return Optional.empty();
    }
}
