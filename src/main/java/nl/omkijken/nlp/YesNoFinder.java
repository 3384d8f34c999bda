package nl.omkijken.nlp;

import java.util.List;

/**
 * A yes or no at the start of an answer ("ja hoor, prima", "nee dank je", "nope"), or a lone DTMF
 * digit on the phone: 1 = yes, 2 = no, as the dialogs offer them.
 */
final class YesNoFinder {
    // Longer phrases first, so "no problem" is read as yes before "no" is read as no.
    private static final List<String> YES = List.of("no problem", "geen probleem", "geen bezwaar", "is goed", "dat is goed",
            "doe maar", "ja", "jaa", "jah", "jawel", "jazeker", "jep", "jup", "jip", "yes", "yess", "yep", "yup", "yeah",
            "ya", "sure", "klopt", "zeker", "graag", "prima", "akkoord", "ok", "oke", "okay", "okee", "okido", "oki",
            "correct", "absoluut", "natuurlijk", "certainly", "definitely");
    private static final List<String> NO = List.of("liever niet", "niet echt", "not really", "no thanks", "nee", "neen",
            "nee hoor", "nah", "nope", "no", "nein", "neuh", "nooit", "never");

    /** "yes", "no" or null, for a folded message. */
    String find(String folded) {
        // Single keys and letters count only on their own: "'n beetje" folds to "n beetje".
        if (folded.equals("1") || folded.equals("j") || folded.equals("y")) return "yes";
        if (folded.equals("2") || folded.equals("n")) return "no";
        String padded = folded + " ";
        for (String y : YES) if (padded.startsWith(y + " ")) return "yes";
        for (String n : NO) if (padded.startsWith(n + " ")) return "no";
        return null;
    }
}
