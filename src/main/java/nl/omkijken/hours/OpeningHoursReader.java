package nl.omkijken.hours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dialogs/hours.yaml, checking every value: a wrong one is reported with its place ("luisterlijn.
 * weekly.monday") and what to write instead, all problems at once, and the service does not start.
 * No file: every line is open at all hours.
 *
 * <pre>
 * luisterlijn:
 *   weekly:                      # monday..sunday (or maandag..zondag): "09:00-17:00", "09:00-12:00, 13:00-17:00", closed
 *     monday: "09:00-21:00"
 *   public_holidays: closed      # closed or open
 *   exceptions:                  # a date: its hours, or closed
 *     2026-12-24: "09:00-16:00"
 *   seasons:                     # hours of their own between two dates (the winter line)
 *     - {name: winterlijn, from: 2026-12-01, to: 2027-02-28, weekly: {monday: "18:00-23:00"}}
 * </pre>
 */
public final class OpeningHoursReader {
    public static final String FILE = "hours.yaml";

    /** Everything wrong with the file, one line per problem, in English (the start-up check) and Dutch (the console). */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;
        private final List<String> dutch;

        Invalid(Found found) {
            super(FILE + " has " + found.english.size() + (found.english.size() == 1 ? " problem" : " problems") + ":\n  "
                    + String.join("\n  ", found.english), null, false, false);
            this.problems = List.copyOf(found.english);
            this.dutch = List.copyOf(found.dutch);
        }

        Invalid(String english, String dutch) {
            this(new Found().add(english, dutch));
        }

        public List<String> problems() {
            return problems;
        }

        /** The same problems in Dutch, for coordinators in the console. */
        public List<String> dutch() {
            return dutch;
        }
    }

    /** The problems found so far, each in English and in Dutch. */
    static final class Found {
        final List<String> english = new ArrayList<>();
        final List<String> dutch = new ArrayList<>();

        Found add(String en, String nl) {
            english.add(en);
            dutch.add(nl);
            return this;
        }

        boolean isEmpty() {
            return english.isEmpty();
        }

        int size() {
            return english.size();
        }
    }

    private OpeningHoursReader() {}

    /** @param lines the lines the dialogs open: hours for any other line are a mistake */
    public static OpeningHours read(Path dialogsDir, Collection<String> lines) {
        return readFile(dialogsDir.resolve(FILE), lines);
    }

    /** Every line staffed at all hours (OPENING_HOURS=off). */
    public static OpeningHours none() {
        return new OpeningHours(Map.of(), new DutchHolidays());
    }

    /** The given file; none there: every line staffed at all hours. */
    public static OpeningHours readFile(Path file, Collection<String> lines) {
        if (!Files.exists(file)) return new OpeningHours(Map.of(), new DutchHolidays());
        JsonNode root;
        try {
            root = yaml().readTree(Files.readString(file));
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Invalid("cannot be read as YAML: " + first, "dit is geen YAML die ik kan lezen: " + first);
        }
        return parse(root, lines);
    }

    /** Hours from the text of an hours.yaml (the console's editor). */
    public static OpeningHours parseText(String yaml, Collection<String> lines) {
        JsonNode root;
        try {
            root = yaml().readTree(yaml == null ? "" : yaml);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Invalid("this is not YAML the reader understands: " + first, "dit is geen YAML die ik kan lezen: " + first);
        }
        return parse(root, lines);
    }

    /** A key written twice (two mondays, one date twice) is a mistake, not a silent overwrite. */
    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static OpeningHours parse(JsonNode root, Collection<String> lines) {
        Found problems = new Found();
        Map<String, LineSchedule> out = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) return new OpeningHours(Map.of(), new DutchHolidays());
        if (!root.isObject()) {
            throw new Invalid("write one section per line, e.g. luisterlijn: {weekly: {monday: \"09:00-17:00\"}}",
                    "schrijf per lijn een deel, bijvoorbeeld luisterlijn: {weekly: {maandag: \"09:00-17:00\"}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String line = e.getKey();
            if (!lines.contains(line)) {
                problems.add(line + ": there is no line '" + line + "'; the lines are " + lines,
                        line + ": er is geen lijn '" + line + "'; de lijnen zijn " + lines);
                continue;
            }
            LineSchedule s = schedule(line, e.getValue(), problems);
            if (s != null) out.put(line, s);
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return new OpeningHours(out, new DutchHolidays());
    }

    private static LineSchedule schedule(String at, JsonNode n, Found problems) {
        if (!n.isObject()) {
            problems.add(at + ": write weekly:, public_holidays:, exceptions: and seasons: under the line",
                    at + ": schrijf onder de lijn weekly:, public_holidays:, exceptions: en seasons:");
            return null;
        }
        unknownKeys(at, n, List.of("weekly", "public_holidays", "exceptions", "seasons"), problems);
        if (!n.has("weekly")) {
            problems.add(at + ".weekly: missing; write the weekly hours, or weekly: {} for a line that is only open in its seasons or exceptions",
                    at + ".weekly: ontbreekt; schrijf de tijden per week, of weekly: {} voor een lijn die alleen in seizoenen of uitzonderingen open is");
        }
        Map<DayOfWeek, List<Span>> weekly = weekly(at + ".weekly", n.get("weekly"), problems);
        boolean closedOnHolidays = true;
        JsonNode ph = n.get("public_holidays");
        if (ph != null) {
            if ("open".equals(ph.asText())) closedOnHolidays = false;
            else if (!"closed".equals(ph.asText())) problems.add(at + ".public_holidays: write closed or open, not '" + ph.asText() + "'",
                    at + ".public_holidays: schrijf closed (dicht) of open, niet '" + ph.asText() + "'");
        }
        Map<LocalDate, List<Span>> exceptions = new LinkedHashMap<>();
        JsonNode ex = n.get("exceptions");
        if (ex != null && !ex.isNull()) {
            if (!ex.isObject()) {
                problems.add(at + ".exceptions: write one date per line, e.g. 2026-12-24: \"09:00-16:00\" or 2026-12-31: closed",
                        at + ".exceptions: schrijf één datum per regel, bijvoorbeeld 2026-12-24: \"09:00-16:00\" of 2026-12-31: closed");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = it.next();
                    LocalDate date = date(at + ".exceptions." + d.getKey(), d.getKey(), problems);
                    List<Span> spans = spans(at + ".exceptions." + d.getKey(), d.getValue(), problems);
                    if (date != null && spans != null) exceptions.put(date, spans);
                }
            }
        }
        List<Season> seasons = new ArrayList<>();
        JsonNode ss = n.get("seasons");
        if (ss != null && !ss.isNull()) {
            if (!ss.isArray()) {
                problems.add(at + ".seasons: write a list: - {name: winterlijn, from: 2026-12-01, to: 2027-02-28, weekly: {...}}",
                        at + ".seasons: schrijf een lijst: - {name: winterlijn, from: 2026-12-01, to: 2027-02-28, weekly: {...}}");
            } else {
                for (int i = 0; i < ss.size(); i++) {
                    Season season = season(at + ".seasons[" + i + "]", ss.get(i), problems);
                    if (season != null) seasons.add(season);
                }
            }
        }
        for (int i = 0; i < seasons.size(); i++) {
            for (int j = i + 1; j < seasons.size(); j++) {
                Season a = seasons.get(i);
                Season b = seasons.get(j);
                if (!a.to().isBefore(b.from()) && !b.to().isBefore(a.from())) {
                    problems.add(at + ".seasons: '" + a.name() + "' and '" + b.name() + "' overlap; a day can be in one season only",
                            at + ".seasons: '" + a.name() + "' en '" + b.name() + "' overlappen; een dag hoort bij één seizoen");
                }
            }
        }
        return weekly == null ? null : new LineSchedule(weekly, closedOnHolidays, exceptions, seasons);
    }

    private static Season season(String at, JsonNode n, Found problems) {
        if (!n.isObject()) {
            problems.add(at + ": write {name: ..., from: YYYY-MM-DD, to: YYYY-MM-DD, weekly: {...}}",
                    at + ": schrijf {name: ..., from: JJJJ-MM-DD, to: JJJJ-MM-DD, weekly: {...}}");
            return null;
        }
        unknownKeys(at, n, List.of("name", "from", "to", "weekly"), problems);
        String name = n.path("name").asText("");
        if (name.isBlank()) problems.add(at + ".name: give the season a name, e.g. winterlijn", at + ".name: geef het seizoen een naam, bijvoorbeeld winterlijn");
        LocalDate from = date(at + ".from", n.path("from").asText(""), problems);
        LocalDate to = date(at + ".to", n.path("to").asText(""), problems);
        if (from != null && to != null && to.isBefore(from)) problems.add(at + ": 'to' (" + to + ") is before 'from' (" + from + ")",
                at + ": 'to' (" + to + ") ligt voor 'from' (" + from + ")");
        Map<DayOfWeek, List<Span>> weekly = weekly(at + ".weekly", n.get("weekly"), problems);
        return from == null || to == null || weekly == null ? null : new Season(name, from, to, weekly);
    }

    private static Map<DayOfWeek, List<Span>> weekly(String at, JsonNode n, Found problems) {
        Map<DayOfWeek, List<Span>> out = new EnumMap<>(DayOfWeek.class);
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) {
            problems.add(at + ": write one day per line, e.g. monday: \"09:00-17:00\"",
                    at + ": schrijf één dag per regel, bijvoorbeeld maandag: \"09:00-17:00\"");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            DayOfWeek day = OpeningHours.day(d.getKey());
            if (day == null) {
                problems.add(at + "." + d.getKey() + ": not a day; use monday..sunday (or maandag..zondag)",
                        at + "." + d.getKey() + ": geen dag; schrijf maandag..zondag (of monday..sunday)");
                continue;
            }
            if (out.containsKey(day)) {
                problems.add(at + "." + d.getKey() + ": this day is written twice (in English and Dutch?); keep one",
                        at + "." + d.getKey() + ": deze dag staat er twee keer (in het Engels en het Nederlands?); houd er één");
                continue;
            }
            List<Span> spans = spans(at + "." + d.getKey(), d.getValue(), problems);
            if (spans != null) out.put(day, spans);
        }
        return out;
    }

    /** "09:00-17:00", "09:00-12:00, 13:00-17:00" or closed; spans in order, not overlapping. */
    private static List<Span> spans(String at, JsonNode n, Found problems) {
        String text = n == null || n.isNull() ? "" : n.asText("").trim();
        if (text.equals("closed") || text.equals("gesloten")) return List.of();
        List<Span> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})").matcher(p);
            if (!m.matches()) {
                problems.add(at + ": '" + p + "' is not a time span; write e.g. \"09:00-17:00\" or closed",
                        at + ": '" + p + "' is geen tijd van-tot; schrijf bijvoorbeeld \"09:00-17:00\" of closed (dicht)");
                return null;
            }
            int fh = Integer.parseInt(m.group(1));
            int fm = Integer.parseInt(m.group(2));
            int th = Integer.parseInt(m.group(3));
            int tm = Integer.parseInt(m.group(4));
            if (fh > 23 || fm > 59 || th > 24 || tm > 59 || (th == 24 && tm > 0)) {
                problems.add(at + ": '" + p + "' has a time that does not exist", at + ": '" + p + "' heeft een tijd die niet bestaat");
                return null;
            }
            int from = fh * 60 + fm;
            int to = th * 60 + tm;
            if (to <= from) {
                problems.add(at + ": '" + p + "' ends before it begins; a span after midnight is two: \"22:00-24:00\" today and \"00:00-02:00\" the next day",
                        at + ": '" + p + "' eindigt voor het begint; na middernacht zijn het er twee: \"22:00-24:00\" vandaag en \"00:00-02:00\" de dag erna");
                return null;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).to() > from) {
                problems.add(at + ": '" + p + "' overlaps the span before it; write the spans in order of the day",
                        at + ": '" + p + "' overlapt de tijd ervoor; schrijf de tijden in de volgorde van de dag");
                return null;
            }
            out.add(new Span(from, to));
        }
        return out;
    }

    private static LocalDate date(String at, String text, Found problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(at + ": '" + text + "' is not a date; write YYYY-MM-DD, e.g. 2026-12-24",
                    at + ": '" + text + "' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-12-24");
            return null;
        }
    }

    private static void unknownKeys(String at, JsonNode n, List<String> known, Found problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) problems.add(at + "." + k + ": unknown key; the keys here are " + known, at + "." + k + ": onbekend; hier horen " + known);
        }
    }
}
