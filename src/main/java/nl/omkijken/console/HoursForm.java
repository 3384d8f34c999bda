package nl.omkijken.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The opening hours as a form, for coordinators who should not have to write YAML: per line whether it
 * has hours at all, a time per weekday, open or closed on public holidays, dated exceptions and seasons.
 * The form is read from the hours text and written back as hours text, which then goes through the same
 * check as the text editor ({@link nl.omkijken.hours.OpeningHoursReader}); this class checks only the
 * form's own fields (a date that is no date, a time with letters), each named for the page to show
 * beside it. Pure.
 *
 * <pre>
 * {"lines": {"luisterlijn": {"scheduled": true,
 *    "weekly": {"monday": "09:00-21:00", ..., "sunday": "closed"},
 *    "publicHolidays": "closed",
 *    "exceptions": [{"date": "2026-12-24", "hours": "09:00-16:00"}],
 *    "seasons": [{"name": "winterlijn", "from": "2026-12-01", "to": "2027-02-28", "weekly": {...}}]}}}
 * </pre>
 */
final class HoursForm {
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    /** A day's hours as the form takes them: spans of digits, or closed (an empty field is closed too). */
    private static final Pattern HOURS = Pattern.compile("[0-9:\\-–, ]{1,80}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} '’()\\-]{1,40}");
    static final int MAX_EXCEPTIONS = 200;
    static final int MAX_SEASONS = 20;

    private HoursForm() {}

    /**
     * The form of an hours text, or null when the text is not one the form can show (not readable, or a
     * shape the form does not know): the page then offers the text editor only.
     */
    static JsonObject read(String yaml, List<String> lines) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml == null ? "" : yaml);
        } catch (java.io.IOException e) {
            return null;
        }
        if (root != null && !root.isNull() && !root.isMissingNode() && !root.isObject()) return null;
        JsonObject out = new JsonObject();
        for (String line : lines) {
            JsonNode n = root == null || root.isMissingNode() ? null : root.get(line);
            if (n == null || n.isNull()) {
                out.put(line, new JsonObject().put("scheduled", false).put("weekly", weekly(null)).put("publicHolidays", "closed")
                        .put("exceptions", new JsonArray()).put("seasons", new JsonArray()));
                continue;
            }
            if (!n.isObject()) return null;
            JsonObject weekly = weekly(n.get("weekly"));
            if (weekly == null) return null;
            JsonArray exceptions = new JsonArray();
            JsonNode ex = n.get("exceptions");
            if (ex != null && !ex.isNull()) {
                if (!ex.isObject()) return null;
                for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = it.next();
                    exceptions.add(new JsonObject().put("date", d.getKey()).put("hours", text(d.getValue())));
                }
            }
            JsonArray seasons = new JsonArray();
            JsonNode ss = n.get("seasons");
            if (ss != null && !ss.isNull()) {
                if (!ss.isArray()) return null;
                for (JsonNode s : ss) {
                    JsonObject w = s.isObject() ? weekly(s.get("weekly")) : null;
                    if (w == null) return null;
                    seasons.add(new JsonObject().put("name", s.path("name").asText("")).put("from", s.path("from").asText(""))
                            .put("to", s.path("to").asText("")).put("weekly", w));
                }
            }
            out.put(line, new JsonObject().put("scheduled", true).put("weekly", weekly)
                    .put("publicHolidays", "open".equals(n.path("public_holidays").asText("closed")) ? "open" : "closed")
                    .put("exceptions", exceptions).put("seasons", seasons));
        }
        return new JsonObject().put("lines", out);
    }

    /** Each day of the week (monday..sunday), "closed" for a day not written; null for a shape not known. */
    private static JsonObject weekly(JsonNode n) {
        JsonObject out = new JsonObject();
        for (String d : DAYS) out.put(d, "closed");
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) return null;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            DayOfWeek day = day(e.getKey());
            if (day == null) return null;
            out.put(DAYS.get(day.ordinal()), text(e.getValue()));
        }
        return out;
    }

    private static String text(JsonNode v) {
        String t = v == null || v.isNull() ? "" : v.asText("").trim();
        return t.isEmpty() || t.equals("gesloten") ? "closed" : t;
    }

    private static DayOfWeek day(String name) {
        int i = DAYS.indexOf(name.toLowerCase(Locale.ROOT));
        if (i >= 0) return DayOfWeek.of(i + 1);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "maandag" -> DayOfWeek.MONDAY;
            case "dinsdag" -> DayOfWeek.TUESDAY;
            case "woensdag" -> DayOfWeek.WEDNESDAY;
            case "donderdag" -> DayOfWeek.THURSDAY;
            case "vrijdag" -> DayOfWeek.FRIDAY;
            case "zaterdag" -> DayOfWeek.SATURDAY;
            case "zondag" -> DayOfWeek.SUNDAY;
            default -> null;
        };
    }

    /**
     * The hours text of a filled-in form, every line of {@code lines} in order (a line without hours is
     * left out: open at all hours).
     *
     * @throws FieldErrors naming each field the form cannot take ("luisterlijn.exceptions.2.date")
     */
    static String write(JsonObject form, List<String> lines) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonObject all = form == null ? null : objectOr(form.getValue("lines"));
        if (all == null) throw new FieldErrors(Map.of("lines", "Vul de openingstijden per lijn in."));
        StringBuilder out = new StringBuilder();
        out.append("# The opening hours, saved with the form in the console. Format: dialogs/hours.yaml and docs/DIALOGS.md.\n");
        for (String key : all.fieldNames()) {
            if (!lines.contains(key)) errors.put(key, "Er is geen lijn '" + key + "'.");
        }
        for (String line : lines) {
            JsonObject l = objectOr(all.getValue(line));
            if (l == null || !Boolean.TRUE.equals(l.getValue("scheduled"))) continue;
            out.append(line).append(":\n");
            out.append("  weekly:\n");
            writeWeekly(out, "    ", line + ".weekly", l.getValue("weekly"), errors);
            Object ph = l.getValue("publicHolidays");
            if (!"open".equals(ph) && !"closed".equals(ph)) errors.put(line + ".publicHolidays", "Kies open of dicht.");
            out.append("  public_holidays: ").append("open".equals(ph) ? "open" : "closed").append('\n');
            JsonArray ex = arrayOr(l.getValue("exceptions"));
            if (ex == null) errors.put(line + ".exceptions", "De uitzonderingen ontbreken.");
            else if (ex.size() > MAX_EXCEPTIONS) errors.put(line + ".exceptions", "Hoogstens " + MAX_EXCEPTIONS + " uitzonderingen per lijn.");
            else if (!ex.isEmpty()) {
                out.append("  exceptions:\n");
                // In the order of the calendar, whatever order they were added in.
                java.util.TreeMap<String, String> byDate = new java.util.TreeMap<>();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < ex.size(); i++) {
                    String at = line + ".exceptions." + i;
                    JsonObject e = objectOr(ex.getValue(i));
                    String date = date(at + ".date", e == null ? null : e.getValue("date"), errors);
                    if (date != null && !seen.add(date)) errors.put(at + ".date", "Deze datum staat er al; één regel per datum.");
                    String hours = hours(at + ".hours", e == null ? null : e.getValue("hours"), errors);
                    if (date != null && hours != null) byDate.putIfAbsent(date, hours);
                }
                byDate.forEach((date, hours) -> out.append("    ").append(date).append(": ").append(hours).append('\n'));
            }
            JsonArray ss = arrayOr(l.getValue("seasons"));
            if (ss == null) errors.put(line + ".seasons", "De seizoenen ontbreken.");
            else if (ss.size() > MAX_SEASONS) errors.put(line + ".seasons", "Hoogstens " + MAX_SEASONS + " seizoenen per lijn.");
            else if (!ss.isEmpty()) {
                out.append("  seasons:\n");
                for (int i = 0; i < ss.size(); i++) {
                    String at = line + ".seasons." + i;
                    JsonObject s = objectOr(ss.getValue(i));
                    Object name = s == null ? null : s.getValue("name");
                    if (!(name instanceof String n) || !NAME.matcher(n.trim()).matches()) {
                        errors.put(at + ".name", "Geef het seizoen een naam (letters, cijfers, spaties; hoogstens 40 tekens).");
                    } else {
                        // NAME allows no quote or backslash: quoted as it is, it is the same text in YAML.
                        out.append("    - name: \"").append(n.trim()).append("\"\n");
                    }
                    String from = date(at + ".from", s == null ? null : s.getValue("from"), errors);
                    String to = date(at + ".to", s == null ? null : s.getValue("to"), errors);
                    if (from != null && to != null && LocalDate.parse(to).isBefore(LocalDate.parse(from))) {
                        errors.put(at + ".to", "Het einde ligt voor het begin.");
                    }
                    out.append("      from: ").append(from).append('\n');
                    out.append("      to: ").append(to).append('\n');
                    out.append("      weekly:\n");
                    writeWeekly(out, "        ", at + ".weekly", s == null ? null : s.getValue("weekly"), errors);
                }
            }
        }
        if (!errors.isEmpty()) throw new FieldErrors(errors);
        return out.toString();
    }

    private static void writeWeekly(StringBuilder out, String indent, String at, Object weekly, Map<String, String> errors) {
        JsonObject w = objectOr(weekly);
        if (w == null) {
            errors.put(at, "Vul de tijden per dag in.");
            return;
        }
        for (String d : DAYS) {
            String hours = hours(at + "." + d, w.getValue(d), errors);
            if (hours != null) out.append(indent).append(d).append(": ").append(hours).append('\n');
        }
    }

    /** A day's hours as YAML ("09:00-17:00" quoted, or closed), or null with the field's error noted. */
    private static String hours(String at, Object value, Map<String, String> errors) {
        if (value != null && !(value instanceof String)) {
            errors.put(at, "Schrijf tijden als 09:00-17:00, of kies dicht.");
            return null;
        }
        String t = value == null ? "" : ((String) value).trim();
        if (t.isEmpty() || t.equalsIgnoreCase("closed") || t.equalsIgnoreCase("gesloten") || t.equalsIgnoreCase("dicht")) return "closed";
        if (!HOURS.matcher(t).matches()) {
            errors.put(at, "Schrijf tijden als 09:00-17:00 (meer keer op een dag: 09:00-12:00, 13:00-17:00), of kies dicht.");
            return null;
        }
        return "\"" + t.replace('–', '-') + "\"";
    }

    private static String date(String at, Object value, Map<String, String> errors) {
        if (value instanceof String s) {
            try {
                return LocalDate.parse(s.trim()).toString();
            } catch (DateTimeParseException e) {
                // below
            }
        }
        errors.put(at, "Kies een datum.");
        return null;
    }

    private static JsonObject objectOr(Object o) {
        return o instanceof JsonObject j ? j : o instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : null;
    }

    private static JsonArray arrayOr(Object o) {
        return o instanceof JsonArray a ? a : o instanceof List<?> l ? new JsonArray(new java.util.ArrayList<>(l)) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
