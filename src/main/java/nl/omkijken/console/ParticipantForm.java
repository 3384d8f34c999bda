package nl.omkijken.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.PhoneNumbers;

/**
 * The console's enrolment form of a Telefooncirkel participant, checked field by field, every problem at
 * once in the coordinator's words: a name; a number that can be called (checked with libphonenumber and
 * kept in E.164); the language of the call; a call window of at least a quarter of an hour between 07:00
 * and 22:00, Dutch time; at least one day; optional contact person and key holder, each with a name and a
 * number (not the participant's own); consent: who gave it, when (not in the future) and how.
 */
final class ParticipantForm {
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    /** Nobody is rung for a check-in at night. */
    static final LocalTime EARLIEST = LocalTime.of(7, 0);
    static final LocalTime LATEST = LocalTime.of(22, 0);
    /** A window shorter than this leaves no room for a second try. */
    static final Duration SHORTEST_WINDOW = Duration.ofMinutes(15);
    static final int MAX_NAME = 80;
    static final int MAX_NOTES = 2000;
    static final int MAX_CIRCLE = 60;
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    private ParticipantForm() {}

    /**
     * @param enrolledAt when the participant was first enrolled (a change keeps it)
     * @return the participant, or null with the problems in {@code errors}
     */
    static Participant read(JsonObject b, String id, Instant enrolledAt, LocalDate today, Map<String, String> errors) {
        String name = text(b, "name", MAX_NAME);
        if (name == null || name.isEmpty()) errors.put("name", "Vul de naam in.");
        PhoneNumbers.Checked phone = PhoneNumbers.check(b.getValue("phone") instanceof String p ? p : null);
        if (!phone.ok()) errors.put("phone", phone.problem());
        String language = b.getValue("language") instanceof String l && (l.equals("nl") || l.equals("en")) ? l : null;
        if (language == null) errors.put("language", "Kies Nederlands of Engels.");
        LocalTime from = time(b, "from", errors);
        LocalTime until = time(b, "until", errors);
        if (from != null && until != null) {
            if (from.isBefore(EARLIEST) || until.isAfter(LATEST)) {
                errors.put("until", "Bel tussen 07:00 en 22:00.");
            } else if (Duration.between(from, until).compareTo(SHORTEST_WINDOW) < 0) {
                errors.put("until", "Het belmoment duurt minstens een kwartier (tijd voor een tweede poging).");
            }
        }
        Set<DayOfWeek> days = days(b.getValue("days"), errors);
        Participant.Person contact = person(b, "contact", phone.e164(), errors);
        Participant.Person keyHolder = person(b, "keyHolder", phone.e164(), errors);
        String circle = text(b, "circle", MAX_CIRCLE);
        if (circle == null) errors.put("circle", "Hoogstens " + MAX_CIRCLE + " tekens.");
        String notes = text(b, "notes", MAX_NOTES);
        if (notes == null) errors.put("notes", "Hoogstens " + MAX_NOTES + " tekens.");
        Participant.Consent consent = consent(b.getValue("consent"), today, errors);
        boolean active = !(b.getValue("active") instanceof Boolean a) || a;
        if (!errors.isEmpty()) return null;
        return new Participant(id, name, phone.e164(), language, from, until, days, contact, keyHolder, circle, notes, consent,
                active, enrolledAt);
    }

    /** A participant as the console shows it (the numbers also as people read them). */
    static JsonObject json(Participant p) {
        JsonArray days = new JsonArray();
        EnumSet<DayOfWeek> sorted = EnumSet.noneOf(DayOfWeek.class);
        sorted.addAll(p.days());
        for (DayOfWeek d : sorted) {
            for (var e : DAYS.entrySet()) if (e.getValue() == d) days.add(e.getKey());
        }
        JsonObject o = new JsonObject().put("id", p.id()).put("name", p.name()).put("phone", p.phone())
                .put("phoneShown", PhoneNumbers.display(p.phone())).put("language", p.language())
                .put("from", p.callFrom().toString()).put("until", p.callUntil().toString()).put("days", days)
                .put("circle", p.circle()).put("notes", p.notes()).put("active", p.active())
                .put("enrolledAt", p.enrolledAt().toString())
                .put("consent", new JsonObject().put("by", p.consent().by()).put("on", p.consent().on().toString())
                        .put("how", p.consent().how()));
        if (p.contact() != null) o.put("contact", person(p.contact()));
        if (p.keyHolder() != null) o.put("keyHolder", person(p.keyHolder()));
        return o;
    }

    private static JsonObject person(Participant.Person p) {
        return new JsonObject().put("name", p.name()).put("phone", p.phone()).put("phoneShown", PhoneNumbers.display(p.phone()));
    }

    /** A text field, stripped; "" when absent; null when too long or not text. */
    private static String text(JsonObject b, String field, int max) {
        Object v = b.getValue(field);
        if (v == null) return "";
        if (!(v instanceof String s)) return null;
        String t = s.strip();
        return t.length() > max ? null : t;
    }

    static LocalTime time(JsonObject b, String field, Map<String, String> errors) {
        Matcher m = b.getValue(field) instanceof String s ? TIME.matcher(s.strip()) : null;
        if (m == null || !m.matches()) {
            errors.put(field, "Schrijf een tijd als 09:30.");
            return null;
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static Set<DayOfWeek> days(Object v, Map<String, String> errors) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (v instanceof JsonArray a) {
            for (Object d : a) {
                DayOfWeek day = d instanceof String s ? DAYS.get(s) : null;
                if (day == null) {
                    errors.put("days", "Onbekende dag; kies uit ma tot en met zo.");
                    return out;
                }
                out.add(day);
            }
        }
        if (out.isEmpty()) errors.put("days", "Kies minstens één dag.");
        return out;
    }

    /** An optional person to warn: both a name and a number, or neither. */
    private static Participant.Person person(JsonObject b, String field, String ownPhone, Map<String, String> errors) {
        Object v = b.getValue(field);
        if (v == null) return null;
        if (!(v instanceof JsonObject o)) {
            errors.put(field, "Vul een naam en een telefoonnummer in.");
            return null;
        }
        String name = o.getValue("name") instanceof String n ? n.strip() : "";
        String raw = o.getValue("phone") instanceof String p ? p.strip() : "";
        if (name.isEmpty() && raw.isEmpty()) return null;
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.put(field, "Vul de naam in (hoogstens " + MAX_NAME + " tekens).");
            return null;
        }
        PhoneNumbers.Checked phone = PhoneNumbers.check(raw);
        if (!phone.ok()) {
            errors.put(field, phone.problem());
            return null;
        }
        if (phone.e164().equals(ownPhone)) {
            errors.put(field, "Dit is het nummer van de deelnemer zelf; vul het nummer van iemand anders in.");
            return null;
        }
        return new Participant.Person(name, phone.e164());
    }

    private static Participant.Consent consent(Object v, LocalDate today, Map<String, String> errors) {
        if (!(v instanceof JsonObject o)) {
            errors.put("consent", "Noteer de toestemming: wie, wanneer en hoe.");
            return null;
        }
        String by = o.getValue("by") instanceof String s && Participant.Consent.BY.contains(s) ? s : null;
        String how = o.getValue("how") instanceof String s && Participant.Consent.HOW.contains(s) ? s : null;
        LocalDate on;
        try {
            on = o.getValue("on") instanceof String s ? LocalDate.parse(s.strip()) : null;
        } catch (DateTimeParseException e) {
            on = null;
        }
        if (by == null) errors.put("consent", "Wie gaf toestemming: de deelnemer of een vertegenwoordiger?");
        else if (how == null) errors.put("consent", "Hoe is de toestemming gegeven: telefonisch, op papier, persoonlijk of per e-mail?");
        else if (on == null) errors.put("consent", "Op welke dag is de toestemming gegeven (jjjj-mm-dd)?");
        else if (on.isAfter(today)) errors.put("consent", "De toestemming kan niet in de toekomst liggen.");
        return errors.containsKey("consent") ? null : new Participant.Consent(by, on, how);
    }
}
