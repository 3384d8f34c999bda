package nl.omkijken.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves placeholders such as {@code {contact.first_name}} or {@code {slots.organisation|uw organisatie}}.
 * The part after {@code |} is the fallback when the value is unknown. Namespaces: {@code contact},
 * {@code slots}, {@code facts} (values the runner knows, such as {@code facts.queue_position}).
 */
public final class Templates {
    /** A placeholder: namespace.name with an optional |fallback. */
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\.([a-z0-9_]+)(?:\\|([^{}]*))?}");

    /** Values the runner can supply as {facts.NAME}. */
    public static final java.util.Set<String> FACTS = java.util.Set.of("queue_position", "line_name", "today", "line_open",
            "opens_at", "expected_wait", "retry_at", "request", "request_since", "request_due", "appointment");

    private Templates() {}

    public static String render(String template, Session session, Contact contact, Map<String, String> facts) {
        // Most texts have no placeholder and nothing to tidy: as they are, without the regular expressions (every reply of
        // every turn comes here; a profile of the webhook benchmark showed them).
        if (template.indexOf('{') < 0 && !template.contains("  ") && !template.contains(" ,") && !template.contains(" .")
                && !template.startsWith(", ") && template.equals(template.trim())) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "contact" -> contact.fields().get(m.group(2));
                case "slots" -> spoken(session.slots().get(m.group(2)), session.language());
                case "facts" -> facts.get(m.group(2));
                default -> null;
            };
            if (value == null || value.isBlank()) value = m.group(3) == null ? "" : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        // An empty value leaves doubled spaces and " ," behind: tidy them.
        String tidy = SPACES.matcher(out).replaceAll(" ").replace(" ,", ",").replace(" .", ".").trim();
        // A list built up in a slot ("{slots.onderwerpen|}, subsidie") starts without its separator.
        return tidy.startsWith(", ") ? tidy.substring(2) : tidy;
    }

    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * A slot as a person reads it: a date kept as 2026-12-11 (from the language layer's date) is said as
     * "vrijdag 11 december" (or "Friday 11 December"); anything else as it is.
     */
    static String spoken(String value, String language) {
        if (value == null || !ISO_DATE.matcher(value).matches()) return value;
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(value);
            boolean en = "en".equals(language);
            java.util.Locale locale = en ? java.util.Locale.UK : java.util.Locale.forLanguageTag("nl");
            String day = d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, locale);
            String month = d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, locale);
            return en ? day + " " + d.getDayOfMonth() + " " + month : day + " " + d.getDayOfMonth() + " " + month;
        } catch (java.time.DateTimeException e) {
            return value;
        }
    }

    /** Every placeholder in a text, as "namespace.name". */
    public static List<String> placeholders(String template) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) found.add(m.group(1) + "." + m.group(2));
        return found;
    }
}
