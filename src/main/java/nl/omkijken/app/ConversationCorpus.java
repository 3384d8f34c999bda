package nl.omkijken.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scripted conversations in everyday wording (conversations/*.yaml), each with what must and must not
 * happen, played through the whole service's understanding and dialogs by {@link CorpusRun}. Unlike the
 * golden conversations, no turn says what it means: the language model reads every message as it would
 * in service. A conversation marked {@code pending} names a gap still open (an issue); its violations are
 * reported, but do not fail the run.
 *
 * <pre>
 * description: "After the helpdesk intake, 'wanneer hoor ik iets?' gets where the request stands"
 * source: "issue 12: restarts"          # where the case comes from
 * pending: "issue 12: several needs"    # optional: a known gap
 * line: helpdesk
 * language: nl                           # the conversation's language at the start
 * contact: {first_name: "Kees"}          # optional, for a conversation the service begins
 * turns:
 *   - begin: telefooncirkel_checkin      # the service starts a dialog (the daily check-in), or
 *   - user: "Wanneer hoor ik iets?"      # a message, then what it must do:
 *     expect:
 *       says: ["wachtrij"]               # every one of these appears in a reply (case does not matter)
 *       not_says: ["Welkom"]             # none of these does
 *       language: nl                     # the conversation speaks this language afterwards
 *       restart: false                   # the line's welcome is (not) said again
 *       handoff: true                    # a request for a person is open afterwards (or not)
 *       outcome: handed_off              # the conversation's recorded outcome afterwards
 *       replies: true                    # it gets an answer at all (false: none, e.g. a worker has it)
 * finally: {handoff: true}               # the same checks once more after the last turn
 * </pre>
 */
public record ConversationCorpus(List<Conversation> conversations) {
    private static final Set<String> TOP = Set.of("description", "source", "pending", "line", "language", "contact", "turns", "finally");
    private static final Set<String> TURN = Set.of("user", "begin", "expect", "note");
    private static final Set<String> EXPECT = Set.of("says", "not_says", "language", "restart", "handoff", "outcome", "replies");

    public record Conversation(String file, String description, String source, String pending, String line, String language,
                               Map<String, String> contact, List<Turn> turns, Expect last) {}

    /** A message ({@code user}) or a dialog the service begins ({@code begin}), and what it must do. */
    public record Turn(String user, String begin, Expect expect) {}

    /** Each check is optional (null or empty: not checked). */
    public record Expect(List<String> says, List<String> notSays, String language, Boolean restart, Boolean handoff, String outcome,
                         Boolean replies) {
        static final Expect NONE = new Expect(List.of(), List.of(), null, null, null, null, null);
    }

    /** A corpus file that cannot be read as one: which file, and why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Every *.yaml file in {@code dir}, by name. */
    public static ConversationCorpus read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new Invalid("there is no conversations folder at " + dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Conversation> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            JsonNode root;
            try {
                root = yaml.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new Invalid(name + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            out.add(conversation(name, root));
        }
        if (out.isEmpty()) throw new Invalid("no conversations (*.yaml) in " + dir);
        return new ConversationCorpus(List.copyOf(out));
    }

    static Conversation conversation(String file, JsonNode root) {
        if (root == null || !root.isObject()) throw new Invalid(file + ": write a conversation: description, line, turns");
        keys(file, "", root, TOP);
        String line = text(root, "line");
        if (line == null) throw new Invalid(file + ": line: is missing (luisterlijn, helpdesk or telefooncirkel)");
        JsonNode turns = root.get("turns");
        if (turns == null || !turns.isArray() || turns.isEmpty()) throw new Invalid(file + ": turns: needs at least one turn");
        List<Turn> out = new ArrayList<>();
        int n = 0;
        for (JsonNode t : turns) {
            n++;
            if (!t.isObject()) throw new Invalid(file + ": turn " + n + " must be a map with user: or begin:");
            keys(file, "turn " + n + " ", t, TURN);
            String user = text(t, "user");
            String begin = text(t, "begin");
            if ((user == null) == (begin == null)) throw new Invalid(file + ": turn " + n + " needs user: or begin: (one of them)");
            out.add(new Turn(user, begin, expect(file, "turn " + n, t.get("expect"))));
        }
        Map<String, String> contact = new LinkedHashMap<>();
        JsonNode c = root.get("contact");
        if (c != null) {
            if (!c.isObject()) throw new Invalid(file + ": contact: must be a map, e.g. {first_name: \"Kees\"}");
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                contact.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Conversation(file, text(root, "description"), text(root, "source"), text(root, "pending"), line,
                text(root, "language") == null ? "nl" : text(root, "language"), contact, List.copyOf(out),
                expect(file, "finally", root.get("finally")));
    }

    private static Expect expect(String file, String where, JsonNode e) {
        if (e == null || e.isNull()) return Expect.NONE;
        if (!e.isObject()) throw new Invalid(file + ": " + where + " expect must be a map of checks: " + EXPECT);
        keys(file, where + " expect ", e, EXPECT);
        return new Expect(strings(file, where, e.get("says")), strings(file, where, e.get("not_says")), text(e, "language"),
                bool(file, where, e, "restart"), bool(file, where, e, "handoff"), text(e, "outcome"), bool(file, where, e, "replies"));
    }

    private static void keys(String file, String where, JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new Invalid(file + ": " + where + "has an unknown key '" + k + "'; the keys are " + allowed);
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Boolean bool(String file, String where, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw new Invalid(file + ": " + where + " " + key + ": write true or false");
        return v.asBoolean();
    }

    private static List<String> strings(String file, String where, JsonNode v) {
        if (v == null || v.isNull()) return List.of();
        if (v.isValueNode()) return List.of(v.asText());
        if (!v.isArray()) throw new Invalid(file + ": " + where + ": write a list of texts");
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
