package nl.omkijken.engine;

import java.util.Map;
import java.util.Set;

/** A text in several languages. Dutch is the first language; English the second. */
public record Localized(Map<String, String> byLanguage) {
    public static final Set<String> LANGUAGES = Set.of("nl", "en");
    public static final String DEFAULT_LANGUAGE = "nl";

    public Localized {
        byLanguage = Map.copyOf(byLanguage);
    }

    public static Localized of(String nl, String en) {
        return new Localized(Map.of("nl", nl, "en", en));
    }

    /** The text in the given language, falling back to Dutch, then to any text. */
    public String in(String language) {
        String t = byLanguage.get(language);
        if (t == null) t = byLanguage.get(DEFAULT_LANGUAGE);
        if (t == null) t = byLanguage.values().stream().findFirst().orElse("");
        return t;
    }
}
