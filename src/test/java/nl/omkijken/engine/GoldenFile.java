package nl.omkijken.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One golden conversation file: its setting, its scripted turns and what each turn should produce.
 * The format is described in {@link GoldenConversationTest}. Files are read with Jackson and written
 * back by {@link #render()} in one fixed layout, so rewriting them gives small, stable diffs.
 */
record GoldenFile(String description, String line, String language, Map<String, String> contact,
                  boolean optedOut, Map<String, String> facts, boolean knowledge, List<Map<String, String>> times, List<Turn> turns) {

    /** What a turn does: at most one action; {@code advance} may come with any of them or alone. */
    record Turn(String note, Duration advance, String user, String intent, boolean crisis,
                Map<String, String> entities, String timer, String begin, String staff,
                Expected expected, String written, String crisisKind, String risk) {

        String describe() {
            if (user != null) return "user: " + user;
            if (timer != null) return "timer: " + timer;
            if (begin != null) return "begin: " + (begin.isEmpty() ? "(line entry)" : begin);
            if (staff != null) return "staff: " + staff;
            return "advance: " + advance;
        }

        Turn withExpected(Expected e) {
            return new Turn(note, advance, user, intent, crisis, entities, timer, begin, staff, e, written, crisisKind, risk);
        }
    }

    /** What a turn produced: replies in order, the quick-reply buttons offered, and the other events. */
    record Expected(List<String> bot, List<String> buttons, List<String> events) {
        static final Expected NONE = new Expected(List.of(), List.of(), List.of());

        Expected {
            bot = List.copyOf(bot);
            buttons = List.copyOf(buttons);
            events = List.copyOf(events);
        }

        /** One text per turn, so a failing assertion shows a readable difference. */
        String render() {
            StringBuilder b = new StringBuilder();
            bot.forEach(s -> b.append("bot: ").append(s).append('\n'));
            buttons.forEach(s -> b.append("button: ").append(s).append('\n'));
            events.forEach(s -> b.append("event: ").append(s).append('\n'));
            return b.toString();
        }
    }

    static final Set<String> STAFF_ACTIONS = Set.of("take_over", "close", "release");
    private static final Set<String> TOP_KEYS = Set.of("description", "line", "language", "contact", "opted_out", "facts", "knowledge", "times", "turns");
    /** risk: possible (the message alone), sensitive (none alone, high after earlier risk in the conversation). */
    static final Set<String> RISKS = Set.of("possible", "sensitive");
    private static final Set<String> TURN_KEYS = Set.of("note", "advance", "user", "intent", "written", "crisis", "risk", "entities",
            "timer", "begin", "staff", "bot", "buttons", "events");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    GoldenFile withTurns(List<Turn> t) {
        return new GoldenFile(description, line, language, contact, optedOut, facts, knowledge, times, t);
    }

    static GoldenFile read(Path file) throws IOException {
        JsonNode root = YAML.readTree(Files.readString(file));
        if (root == null || !root.isObject()) throw bad(file, "the file must be a map with line, language and turns");
        unknownKeys(file, "the file", root, TOP_KEYS);
        String line = text(root, "line");
        if (line == null) throw bad(file, "line: is missing (luisterlijn, helpdesk or telefooncirkel)");
        String language = text(root, "language");
        List<Turn> turns = new ArrayList<>();
        JsonNode list = root.get("turns");
        if (list == null || !list.isArray() || list.isEmpty()) throw bad(file, "turns: must be a non-empty list");
        for (int i = 0; i < list.size(); i++) turns.add(turn(file, i + 1, list.get(i)));
        return new GoldenFile(text(root, "description"), line, language == null ? "nl" : language,
                strings(root.get("contact")), root.path("opted_out").asBoolean(false), strings(root.get("facts")),
                root.path("knowledge").asBoolean(false), times(file, root.get("times")), turns);
    }

    /** The helpdesk's bookable times of the conversation: - {id, district, start, kind, holder, place, taken}. */
    private static List<Map<String, String>> times(Path file, JsonNode n) {
        List<Map<String, String>> out = new ArrayList<>();
        if (n == null) return out;
        if (!n.isArray()) throw bad(file, "times: a list of {id, district, start, kind, holder, place}");
        for (JsonNode t : n) {
            unknownKeys(file, "a time", t, Set.of("id", "district", "start", "kind", "holder", "place", "taken"));
            out.add(strings(t));
        }
        return out;
    }

    private static Turn turn(Path file, int n, JsonNode t) {
        if (!t.isObject()) throw bad(file, "turn " + n + " must be a map");
        unknownKeys(file, "turn " + n, t, TURN_KEYS);
        int actions = 0;
        for (String k : List.of("user", "timer", "begin", "staff")) if (t.has(k)) actions++;
        if (actions > 1) throw bad(file, "turn " + n + " has more than one of user, timer, begin, staff");
        String advance = text(t, "advance");
        if (actions == 0 && advance == null) throw bad(file, "turn " + n + " needs user, timer, begin, staff or advance");
        String staff = text(t, "staff");
        if (staff != null && !STAFF_ACTIONS.contains(staff)) throw bad(file, "turn " + n + ": staff is one of " + STAFF_ACTIONS);
        String begin = t.has("begin") ? t.get("begin").isNull() ? "" : t.get("begin").asText() : null;
        Expected e = new Expected(list(t.get("bot")), list(t.get("buttons")), list(t.get("events")));
        // crisis: true, or the crisis's kind (crisis: acute_danger), as the lexicon's category names it.
        JsonNode c = t.path("crisis");
        String kind = c.isTextual() && !c.asText().equals("true") && !c.asText().equals("false") ? c.asText() : null;
        String risk = text(t, "risk");
        if (risk != null && !RISKS.contains(risk)) throw bad(file, "turn " + n + ": risk is one of " + RISKS);
        return new Turn(text(t, "note"), advance == null ? null : Duration.parse(advance), text(t, "user"),
                text(t, "intent"), kind != null || c.asBoolean(false), strings(t.get("entities")),
                text(t, "timer"), begin, staff, e, text(t, "written"), kind, risk);
    }

    private static void unknownKeys(Path file, String where, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw bad(file, where + " has an unknown key '" + k + "'; allowed: " + allowed);
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null) n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException(file.getFileName() + ": " + why);
    }

    // ----- writing -----

    String render() {
        StringBuilder b = new StringBuilder();
        if (description != null) b.append("description: ").append(quote(description)).append('\n');
        b.append("line: ").append(line).append('\n');
        b.append("language: ").append(language).append('\n');
        map(b, "contact", contact, "");
        if (optedOut) b.append("opted_out: true\n");
        map(b, "facts", facts, "");
        if (knowledge) b.append("knowledge: true\n");
        if (!times.isEmpty()) {
            b.append("times:\n");
            for (Map<String, String> t : times) b.append("  - ").append(inlineMap(t)).append('\n');
        }
        b.append("turns:\n");
        for (Turn t : turns) {
            b.append('\n');
            List<String> lines = new ArrayList<>();
            if (t.note() != null) lines.add("note: " + quote(t.note()));
            if (t.advance() != null) lines.add("advance: " + t.advance());
            if (t.user() != null) lines.add("user: " + quote(t.user()));
            if (t.intent() != null) lines.add("intent: " + t.intent());
            if (t.written() != null) lines.add("written: " + t.written());
            if (t.crisis()) lines.add("crisis: " + (t.crisisKind() != null ? t.crisisKind() : "true"));
            if (t.risk() != null) lines.add("risk: " + t.risk());
            if (!t.entities().isEmpty()) lines.add("entities: " + inlineMap(t.entities()));
            if (t.timer() != null) lines.add("timer: " + t.timer());
            if (t.begin() != null) lines.add("begin: " + (t.begin().isEmpty() ? "null" : t.begin()));
            if (t.staff() != null) lines.add("staff: " + t.staff());
            Expected e = t.expected();
            block(lines, "bot", e.bot());
            block(lines, "buttons", e.buttons());
            block(lines, "events", e.events());
            for (int i = 0; i < lines.size(); i++) b.append(i == 0 ? "  - " : "    ").append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    private static void block(List<String> lines, String key, List<String> values) {
        if (values.isEmpty()) return;
        lines.add(key + ":");
        for (String v : values) lines.add("  - " + quote(v));
    }

    private static void map(StringBuilder b, String key, Map<String, String> m, String indent) {
        if (m.isEmpty()) return;
        b.append(indent).append(key).append(":\n");
        m.forEach((k, v) -> b.append(indent).append("  ").append(k).append(": ").append(quote(v)).append('\n'));
    }

    private static String inlineMap(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + ": " + quote(v)));
        return "{" + String.join(", ", parts) + "}";
    }

    /** A double-quoted YAML scalar: always quoted, so "no", "1" or "ja: nee" stay text. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
