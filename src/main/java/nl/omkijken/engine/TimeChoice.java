package nl.omkijken.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The free times a booking step offers, as the person reads them ("Wanneer past het u? 1 = maandag 11 januari om
 * 14:00, met Sanne (telefonisch), 2 = ..., 4 = Geen van deze"), and which of them an answer chose: its number, its
 * button, or words that none suits.
 */
final class TimeChoice {
    /** Said aside the numbers, anywhere in the answer: none of the times suits. */
    private static final List<String> NONE_SUITS = List.of("geen van deze", "geen van allen", "geen van de tijden", "past niet",
            "past geen", "past ons niet", "andere tijd", "ander moment", "andere dag", "none of these", "none of them", "none of the times",
            "another time", "other time", "doesn't suit", "does not suit", "don't suit", "can't make", "cannot make");
    /** The whole answer, and nothing more: none suits ("geen probleem, 2" is a choice). */
    private static final List<String> NONE_ALONE = List.of("geen", "nee", "none", "no", "niets", "nothing", "geen enkele");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}:])\\d{1,2}(?![\\p{L}\\p{N}:])");

    /** The session slot with the offered slot ids, in order (","-separated). */
    static final String OFFERED_TIMES = "_tijden";
    /** The session slot with their buttons' labels, in order ("|"-separated). */
    static final String OFFERED_BUTTONS = "_tijden_knoppen";

    private TimeChoice() {}

    /** The question with the numbered times and "none of these" last. */
    static String text(String prompt, List<Appointments.Offer> offers, String other) {
        StringBuilder b = new StringBuilder(prompt);
        int i = 1;
        for (Appointments.Offer o : offers) b.append(i == 1 ? " " : ", ").append(i++).append(" = ").append(o.label());
        return b.append(", ").append(i).append(" = ").append(other).toString();
    }

    static List<Event.Button> buttons(List<Appointments.Offer> offers, String other) {
        List<Event.Button> out = new ArrayList<>();
        int i = 1;
        for (Appointments.Offer o : offers) out.add(new Event.Button(o.button(), String.valueOf(i++)));
        out.add(new Event.Button(other, String.valueOf(i)));
        return out;
    }

    /** What an answer chose: one of the times (its index), none of them, or nothing that can be told. */
    record Pick(int index, boolean none) {
        static final Pick UNCLEAR = new Pick(-1, false);
        static final Pick NONE = new Pick(-1, true);

        boolean time() {
            return index >= 0;
        }
    }

    static Pick pick(String answer, List<String> buttons, String other) {
        String t = answer == null ? "" : answer.strip();
        int count = buttons.size();
        if (t.matches("\\d{1,2}\\.?")) {
            int n = Integer.parseInt(t.replace(".", ""));
            if (n >= 1 && n <= count) return new Pick(n - 1, false);
            if (n == count + 1) return Pick.NONE;
            return Pick.UNCLEAR;
        }
        String folded = Normalizer.fold(t);
        for (int i = 0; i < count; i++) if (Normalizer.fold(buttons.get(i)).equals(folded)) return new Pick(i, false);
        if (Normalizer.fold(other).equals(folded)) return Pick.NONE;
        // One number among words ("doe maar 2", "2 graag"): that choice. Two numbers, or a time ("14:00"), say no choice.
        java.util.regex.Matcher m = NUMBER.matcher(t);
        java.util.List<Integer> numbers = new java.util.ArrayList<>();
        while (m.find()) numbers.add(Integer.parseInt(m.group()));
        if (numbers.size() == 1 && numbers.get(0) >= 1 && numbers.get(0) <= count) return new Pick(numbers.get(0) - 1, false);
        for (String phrase : NONE_SUITS) if (Normalizer.containsPhrase(folded, Normalizer.fold(phrase))) return Pick.NONE;
        for (String word : NONE_ALONE) if (folded.equals(Normalizer.fold(word))) return Pick.NONE;
        return Pick.UNCLEAR;
    }

    static List<String> list(String kept, String separator) {
        if (kept == null || kept.isBlank()) return List.of();
        return List.of(kept.split(java.util.regex.Pattern.quote(separator), -1));
    }
}
