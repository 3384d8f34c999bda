package nl.omkijken.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dialogs/bookings.yaml, checking every value: each problem with its place ("closed[1].to") and what to write
 * instead, all at once, and the service does not start. No file: {@link BookingRules#DEFAULT}.
 *
 * <pre>
 * notice: 18h            # the soonest time offered, from now: 2h to 7d
 * horizon: 42d           # the latest, from now: 7d to 90d
 * offer: 3               # times offered at once, 1 to 5
 * reminder: "10:00"      # the reminder the day before, Dutch time
 * closed:                # no talks then, every year (month-day, both included)
 *   - {from: "07-20", to: "08-16", why: zomersluiting}
 *   - {from: "12-01", to: "12-31", why: december}
 * </pre>
 */
public final class BookingRulesReader {
    public static final String FILE = "bookings.yaml";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,3})\\s*(h|d)");
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");
    private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final List<String> KEYS = List.of("notice", "horizon", "offer", "reminder", "closed", "mail");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    /** Everything wrong with the file, one line per problem. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(FILE + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  "
                    + String.join("\n  ", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private BookingRulesReader() {}

    public static BookingRules read(Path dialogsDir) {
        Path file = dialogsDir.resolve(FILE);
        if (!Files.exists(file)) return BookingRules.DEFAULT;
        try {
            return parseText(Files.readString(file));
        } catch (IOException e) {
            throw new Invalid(List.of("cannot be read: " + e.getClass().getSimpleName()));
        }
    }

    public static BookingRules parseText(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory())
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(yaml);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Invalid(List.of("cannot be read as YAML: " + first));
        }
        if (root == null || root.isNull() || root.isMissingNode()) return BookingRules.DEFAULT;
        if (!root.isObject()) throw new Invalid(List.of("write notice:, horizon:, offer:, reminder: and closed: at the top"));
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) problems.add(k + ": unknown; write " + String.join(", ", KEYS));
        }
        BookingRules d = BookingRules.DEFAULT;
        Duration notice = duration("notice", root.get("notice"), d.notice(), Duration.ofHours(2), Duration.ofDays(7),
                "the account holder needs time to read the intake, and a person should not wait a week for the first time offered", problems);
        Duration horizon = duration("horizon", root.get("horizon"), d.horizon(), Duration.ofDays(7), Duration.ofDays(90),
                "times further ahead are rarely kept", problems);
        int offer = d.offer();
        if (root.has("offer")) {
            String t = root.get("offer").asText("").strip();
            if (!t.matches("[1-5]")) problems.add("offer: 1 to 5 times at once (more do not fit a text message), not '" + t + "'");
            else offer = Integer.parseInt(t);
        }
        LocalTime reminder = d.reminderAt();
        if (root.has("reminder")) {
            String t = root.get("reminder").asText("").strip();
            Matcher m = CLOCK.matcher(t);
            if (!m.matches()) problems.add("reminder: a time of day like \"10:00\", not '" + t + "'");
            else {
                reminder = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                if (reminder.isBefore(LocalTime.of(8, 0)) || reminder.isAfter(LocalTime.of(20, 0))) {
                    problems.add("reminder: between 08:00 and 20:00, not at night");
                }
            }
        }
        List<BookingRules.Closure> closures = new ArrayList<>();
        JsonNode closed = root.get("closed");
        if (closed != null && !closed.isNull()) {
            if (!closed.isArray()) {
                problems.add("closed: a list, e.g. - {from: \"07-20\", to: \"08-16\", why: zomersluiting}");
            } else {
                for (int i = 0; i < closed.size(); i++) {
                    JsonNode c = closed.get(i);
                    String at = "closed[" + (i + 1) + "]";
                    if (!c.isObject()) {
                        problems.add(at + ": write {from: \"07-20\", to: \"08-16\", why: zomersluiting}");
                        continue;
                    }
                    for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                        String k = it.next();
                        if (!List.of("from", "to", "why").contains(k)) problems.add(at + "." + k + ": unknown; write from, to, why");
                    }
                    MonthDay from = monthDay(at + ".from", c.get("from"), problems);
                    MonthDay to = monthDay(at + ".to", c.get("to"), problems);
                    String why = c.has("why") ? c.get("why").asText("").strip() : "";
                    if (why.isEmpty() || why.length() > 60) problems.add(at + ".why: what staff are told, 1 to 60 characters");
                    if (from != null && to != null && !why.isEmpty() && why.length() <= 60) closures.add(new BookingRules.Closure(from, to, why));
                }
            }
        }
        BookingRules.Mails mails = null;
        JsonNode mail = root.get("mail");
        if (mail != null && !mail.isNull()) {
            if (!mail.isObject()) problems.add("mail: write booked: and cancelled:, each with subject: and body: in nl and en");
            else {
                for (java.util.Iterator<String> it = mail.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!List.of("booked", "cancelled").contains(k)) problems.add("mail." + k + ": unknown; write booked, cancelled");
                }
                BookingRules.Text booked = mailText("mail.booked", mail.get("booked"), problems);
                BookingRules.Text cancelled = mailText("mail.cancelled", mail.get("cancelled"), problems);
                if (booked != null && cancelled != null) mails = new BookingRules.Mails(booked, cancelled);
            }
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return new BookingRules(notice, horizon, offer, reminder, closures, mails);
    }

    private static BookingRules.Text mailText(String at, JsonNode n, List<String> problems) {
        if (n == null || !n.isObject()) {
            problems.add(at + ": write subject: and body:, each {nl: \"...\", en: \"...\"}");
            return null;
        }
        java.util.Map<String, String> subject = localized(at + ".subject", n.get("subject"), problems);
        java.util.Map<String, String> body = localized(at + ".body", n.get("body"), problems);
        return subject == null || body == null ? null : new BookingRules.Text(subject, body);
    }

    /** nl and en, each written, with no placeholder but {name} and {when}. */
    private static java.util.Map<String, String> localized(String at, JsonNode n, List<String> problems) {
        if (n == null || !n.isObject()) {
            problems.add(at + ": write {nl: \"...\", en: \"...\"}");
            return null;
        }
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String lang : List.of("nl", "en")) {
            String t = n.has(lang) ? n.get(lang).asText("").strip() : "";
            if (t.isEmpty()) {
                problems.add(at + "." + lang + ": missing; write the text in " + (lang.equals("nl") ? "Dutch" : "English"));
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                if (!List.of("name", "when").contains(m.group(1))) {
                    problems.add(at + "." + lang + ": {" + m.group(1) + "} is not known; write {name} or {when}");
                }
            }
            out.put(lang, t);
        }
        return out.size() == 2 ? out : null;
    }

    private static MonthDay monthDay(String at, JsonNode n, List<String> problems) {
        String t = n == null ? "" : n.asText("").strip();
        Matcher m = MONTH_DAY.matcher(t);
        if (m.matches()) {
            try {
                return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (DateTimeException e) {
                // reported below
            }
        }
        problems.add(at + ": a day of the year as month-day, like \"07-20\", not '" + t + "'");
        return null;
    }

    /** "18h" or "42d", within its bounds; {@code base} when not written. */
    private static Duration duration(String at, JsonNode n, Duration base, Duration min, Duration max, String why, List<String> problems) {
        if (n == null) return base;
        String text = n.asText("").strip();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problems.add(at + ": write a time like 18h or 42d, not '" + text + "'");
            return base;
        }
        long v = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("h") ? Duration.ofHours(v) : Duration.ofDays(v);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(at + ": from " + show(min) + " to " + show(max) + "; " + why);
            return base;
        }
        return d;
    }

    private static String show(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
