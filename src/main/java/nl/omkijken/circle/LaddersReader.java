package nl.omkijken.circle;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dialogs/circles.yaml, checking every value: each problem with its place ("circles.Heemstede
 * ochtend.tries") and what to write instead, all at once, and the service does not start. No file: everyone
 * has {@link Ladder#DEFAULT}.
 *
 * <pre>
 * ladder:                      # everyone's, unless their circle has its own; each key optional
 *   tries: 3                   # calls a day before the text message, 1 to 5
 *   retry_after: 15m           # between calls
 *   text_wait: 30m             # the text message's time for an answer
 *   contact_wait: 30m          # the contact person's, then the key holder's
 *   look_wait: 45m             # one who goes to look, to say how it is
 * circles:
 *   Heemstede ochtend:         # a circle as written under Deelnemers
 *     tries: 2                 # what it leaves out is the ladder's above
 * </pre>
 */
public final class LaddersReader {
    public static final String FILE = "circles.yaml";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,3})\\s*(m|h)");
    private static final List<String> KEYS = List.of("tries", "retry_after", "text_wait", "contact_wait", "look_wait");
    /** A circle's ladder only while the sandbox's simulator places the calls (for trying the ladder). */
    static final String SANDBOX_ONLY = "sandbox_only";

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

    private LaddersReader() {}

    public static Ladders read(Path dialogsDir) {
        Path file = dialogsDir.resolve(FILE);
        if (!Files.exists(file)) return Ladders.DEFAULT;
        try {
            return parseText(Files.readString(file));
        } catch (IOException e) {
            throw new Invalid(List.of("cannot be read: " + e.getClass().getSimpleName()));
        }
    }

    public static Ladders parseText(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory())
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(yaml);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Invalid(List.of("cannot be read as YAML: " + first));
        }
        if (root == null || root.isNull() || root.isMissingNode()) return Ladders.DEFAULT;
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) throw new Invalid(List.of("write ladder: and circles: at the top"));
        unknownKeys("", root, List.of("ladder", "circles"), problems);
        Ladder written = root.has("ladder") ? ladder("ladder", root.get("ladder"), Ladder.DEFAULT, problems) : Ladder.DEFAULT;
        // A standard ladder with mistakes (reported): the circles are still checked, against the default.
        Ladder standard = written == null ? Ladder.DEFAULT : written;
        Map<String, Ladder> circles = new LinkedHashMap<>();
        java.util.Set<String> sandboxOnly = new java.util.HashSet<>();
        JsonNode list = root.get("circles");
        if (list != null && !list.isNull()) {
            if (!list.isObject()) {
                problems.add("circles: write each circle's name with its own values under it, e.g. Heemstede ochtend: {tries: 2}");
            } else {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String name = e.getKey().strip();
                    if (name.isEmpty() || name.length() > 60) {
                        problems.add("circles: '" + e.getKey() + "' is not a circle's name (1 to 60 characters)");
                        continue;
                    }
                    if (!seen.add(Ladders.key(name))) {
                        problems.add("circles." + name + ": written twice (names are compared without case)");
                        continue;
                    }
                    JsonNode values = e.getValue();
                    if (values != null && values.isObject() && values.has(SANDBOX_ONLY)) {
                        JsonNode only = values.get(SANDBOX_ONLY);
                        if (!only.isBoolean()) problems.add("circles." + name + "." + SANDBOX_ONLY + ": true or false, not '" + only.asText() + "'");
                        else if (only.booleanValue()) sandboxOnly.add(name);
                        values = ((com.fasterxml.jackson.databind.node.ObjectNode) values.deepCopy()).without(SANDBOX_ONLY);
                    }
                    Ladder l = ladder("circles." + name, values, standard, problems);
                    if (l != null) circles.put(name, l);
                }
            }
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return new Ladders(standard, circles, sandboxOnly);
    }

    /** The values written, each checked; what is left out is {@code base}'s. */
    private static Ladder ladder(String at, JsonNode n, Ladder base, List<String> problems) {
        if (n == null || !n.isObject()) {
            problems.add(at + ": write its values under it, e.g. tries: 3 and retry_after: 15m");
            return null;
        }
        unknownKeys(at + ".", n, KEYS, problems);
        int before = problems.size();
        int tries = base.tries();
        if (n.has("tries")) {
            String t = n.get("tries").asText("").strip();
            if (!t.matches("[1-5]")) problems.add(at + ".tries: 1 to 5 calls a day before the text message, not '" + t + "'");
            else tries = Integer.parseInt(t);
        }
        Duration retry = duration(at + ".retry_after", n.get("retry_after"), base.retryAfter(), problems);
        Duration text = duration(at + ".text_wait", n.get("text_wait"), base.textWait(), problems);
        Duration contact = duration(at + ".contact_wait", n.get("contact_wait"), base.contactWait(), problems);
        Duration look = duration(at + ".look_wait", n.get("look_wait"), base.lookWait(), problems);
        return problems.size() == before ? new Ladder(tries, retry, text, contact, look) : null;
    }

    /** "15m" or "2h", from 1 minute to 4 hours; {@code base} when not written. */
    private static Duration duration(String at, JsonNode n, Duration base, List<String> problems) {
        if (n == null) return base;
        String text = n.asText("").strip();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problems.add(at + ": write a time like 15m or 2h, not '" + text + "'");
            return base;
        }
        long v = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("m") ? Duration.ofMinutes(v) : Duration.ofHours(v);
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofHours(4)) > 0) {
            problems.add(at + ": from 1m to 4h; an elderly person not reached must not wait longer for the next step");
            return base;
        }
        return d;
    }

    private static void unknownKeys(String at, JsonNode n, List<String> known, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) problems.add(at + k + ": unknown; write " + String.join(", ", known));
        }
    }
}
