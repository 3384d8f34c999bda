package nl.omkijken.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dialogs/routing.yaml, checking every value: each problem is reported with its place
 * ("helpdesk.districts.whole_line_after") and what to write instead, all at once, and the service does
 * not start. No file: every line has one queue.
 *
 * <pre>
 * helpdesk:
 *   districts:
 *     slot: stadsdeel                 # the slot the dialogs collect the part in
 *     names: [Centrum, Escamp, ...]    # the parts; each is a queue: helpdesk:centrum, helpdesk:escamp, ...
 *     whole_line_after: 15m            # then any worker of the line: 90s, 15m, 2h, or 0
 * luisterlijn:
 *   offer: 30s                         # offer each waiting conversation to one worker at a time (10s..5m)
 * </pre>
 */
public final class RoutingReader {
    public static final String FILE = "routing.yaml";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})\\s*(s|m|h)");
    private static final Pattern SLOT = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Duration MAX_WAIT = Duration.ofHours(24);
    private static final Duration MIN_OFFER = Duration.ofSeconds(10);
    private static final Duration MAX_OFFER = Duration.ofMinutes(5);

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

    private RoutingReader() {}

    /** @param lines the lines the dialogs open: routing for any other line is a mistake */
    public static Routing read(Path dialogsDir, Collection<String> lines) {
        Path file = dialogsDir.resolve(FILE);
        if (!Files.exists(file)) return Routing.none();
        try {
            return parseText(Files.readString(file), lines);
        } catch (IOException e) {
            throw new Invalid(List.of("cannot be read: " + e.getClass().getSimpleName()));
        }
    }

    public static Routing parseText(String yaml, Collection<String> lines) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory())
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(yaml);
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new Invalid(List.of("cannot be read as YAML: " + first));
        }
        if (root == null || root.isNull() || root.isMissingNode()) return Routing.none();
        if (!root.isObject()) throw new Invalid(List.of("write one section per line, e.g. helpdesk: {districts: {...}}"));
        List<String> problems = new ArrayList<>();
        Map<String, LineRouting> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String line = e.getKey();
            if (!lines.contains(line)) {
                problems.add(line + ": there is no line '" + line + "'; the lines are " + lines);
                continue;
            }
            JsonNode n = e.getValue();
            if (!n.isObject()) {
                problems.add(line + ": write districts: or offer: under the line");
                continue;
            }
            unknownKeys(line, n, List.of("districts", "offer"), problems);
            DistrictQueues d = n.has("districts") ? districts(line + ".districts", n.get("districts"), problems) : null;
            Duration offer = null;
            if (n.has("offer")) {
                offer = duration(line + ".offer", n.get("offer"), problems);
                if (offer.compareTo(MIN_OFFER) < 0 || offer.compareTo(MAX_OFFER) > 0) {
                    problems.add(line + ".offer: between 10s and 5m: the time a worker has to accept an offered conversation");
                }
            }
            out.put(line, new LineRouting(line, d, offer));
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return new Routing(out);
    }

    private static DistrictQueues districts(String at, JsonNode n, List<String> problems) {
        if (!n.isObject()) {
            problems.add(at + ": write slot:, names: and whole_line_after: under districts");
            return null;
        }
        int before = problems.size();
        unknownKeys(at, n, List.of("slot", "names", "whole_line_after"), problems);
        String slot = n.path("slot").asText("");
        if (!SLOT.matcher(slot).matches()) {
            problems.add(at + ".slot: write the name of the slot the dialogs collect the part in, e.g. stadsdeel");
        }
        Map<String, String> names = new LinkedHashMap<>();
        JsonNode list = n.get("names");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(at + ".names: write the parts as a list, e.g. [Centrum, Escamp, Laak]");
        } else {
            for (JsonNode name : list) {
                String text = name.isTextual() ? name.asText().strip() : "";
                String id = DistrictQueues.id(text);
                if (id.isEmpty() || text.length() > 60) {
                    problems.add(at + ".names: '" + name.asText() + "' is not a name (letters, digits, spaces, dashes; at most 60)");
                } else if (names.containsKey(id)) {
                    problems.add(at + ".names: '" + text + "' is written twice");
                } else {
                    names.put(id, text);
                }
            }
        }
        Duration after = duration(at + ".whole_line_after", n.get("whole_line_after"), problems);
        return problems.size() == before ? new DistrictQueues(slot, names, after) : null;
    }

    /** "90s", "15m", "2h" or 0. */
    static Duration duration(String at, JsonNode n, List<String> problems) {
        if (n == null) {
            problems.add(at + ": missing; write how long the part's own workers have first, e.g. 15m (or 0)");
            return Duration.ZERO;
        }
        String text = n.asText("").strip();
        if (text.equals("0")) return Duration.ZERO;
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problems.add(at + ": write a time like 90s, 15m or 2h (or 0), not '" + text + "'");
            return Duration.ZERO;
        }
        long v = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
        if (d.compareTo(MAX_WAIT) > 0) problems.add(at + ": at most 24h; a conversation must not wait a day for one person");
        return d;
    }

    private static void unknownKeys(String at, JsonNode n, List<String> known, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) problems.add(at + "." + k + ": unknown; write " + String.join(", ", known));
        }
    }
}
