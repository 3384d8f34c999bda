package nl.omkijken.engine;

import java.util.Map;
import java.util.Set;

/**
 * A text in several languages. Dutch is the first language; English the second. A text shared by lines
 * that speak "je" and lines that speak "u" (the crisis dialog) may have a polite Dutch variant,
 * {@link #POLITE_DUTCH}, said on the "u" lines. A text may also say how it sounds on the phone
 * ({@code nl_phone}, {@code en_phone}): "Toets 1 als alles goed is" where the message says "Antwoord met 1";
 * without one the phone says the written text.
 */
public record Localized(Map<String, String> byLanguage) {
    public static final Set<String> LANGUAGES = Set.of("nl", "en");
    public static final String DEFAULT_LANGUAGE = "nl";
    /** The key of the Dutch text with "u" instead of "je" ({nl: "...je...", nl_u: "...u...", en: "..."}). */
    public static final String POLITE_DUTCH = "nl_u";
    /** The keys of the texts said on the phone instead of the written ones, by the language they are in. */
    public static final Map<String, String> PHONE = Map.of("nl_phone", "nl", "en_phone", "en");

    public Localized {
        byLanguage = Map.copyOf(byLanguage);
    }

    public static Localized of(String nl, String en) {
        return new Localized(Map.of("nl", nl, "en", en));
    }

    /** The text in the given language; in Dutch on a line that says "u", its polite variant when there is one. */
    public String in(String language, boolean polite) {
        if (polite && "nl".equals(language) && byLanguage.containsKey(POLITE_DUTCH)) return byLanguage.get(POLITE_DUTCH);
        return in(language);
    }

    /** The text in the given language, falling back to Dutch, then to any written text. */
    public String in(String language) {
        String t = byLanguage.get(language);
        if (t == null) t = byLanguage.get(DEFAULT_LANGUAGE);
        if (t == null) t = byLanguage.entrySet().stream().filter(e -> !PHONE.containsKey(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("");
        return t;
    }

    /** The phone's own text in the given language, or null when the phone says the written one. */
    public String onPhone(String language) {
        return byLanguage.get(language + "_phone");
    }

    /** What the phone says: its own text in the language when there is one, else the written one. */
    public String spoken(String language) {
        String phone = onPhone(language);
        return phone != null ? phone : in(language);
    }

    /** Whether some language has a text of its own for the phone. */
    public boolean hasPhoneText() {
        for (String key : PHONE.keySet()) if (byLanguage.containsKey(key)) return true;
        return false;
    }
}
