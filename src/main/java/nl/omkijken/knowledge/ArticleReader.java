package nl.omkijken.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one knowledge article: YAML front matter between two {@code ---} lines, then the text in Dutch after a line
 * {@code <!-- nl -->} and in English after {@code <!-- en -->} (comments, so the file reads as plain Markdown).
 * Every mistake is named with its field, all at once:
 *
 * <pre>
 * ---
 * id: stichting-oprichten
 * title: {nl: Een stichting oprichten, en: Founding a stichting (foundation)}
 * summary: {nl: "...", en: "..."}          # what the bot sends: at most 320 characters
 * topics: [stichting]
 * stadsdelen: []                            # empty: all of Den Haag
 * audience: organisaties
 * source: "KvK, Notarissen (knb.nl)"
 * last_reviewed: 2026-11-20
 * review_before: 2027-05-20
 * ---
 * &lt;!-- nl --&gt;
 * ...
 * &lt;!-- en --&gt;
 * ...
 * </pre>
 */
public final class ArticleReader {
    /**
     * The bot's answer is the summary, with the link to the rest: short enough for a chat message, and a few text
     * messages at most (an SMS of accented text holds fewer characters).
     */
    public static final int MAX_SUMMARY = 320;
    static final List<String> FIELDS = List.of("id", "title", "summary", "topics", "stadsdelen", "audience", "source", "last_reviewed",
            "review_before");
    static final List<String> AUDIENCES = List.of("organisaties", "bewoners", "vrijwilligers", "mantelzorgers");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern WORD = Pattern.compile("[a-z0-9_-]{2,40}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ArticleReader() {}

    /**
     * @param file     its name, for the problems
     * @param problems where each mistake goes, as "file: field: what to write instead"
     * @return the article, or null when it has mistakes
     */
    public static Article read(String file, String text, List<String> problems) {
        int before = problems.size();
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("---\n")) {
            problems.add(file + ": start with a line --- and the article's fields (id, title, summary, ...), then --- again");
            return null;
        }
        int end = normalized.indexOf("\n---\n", 3);
        if (end < 0) {
            problems.add(file + ": the fields at the top end with a line --- ; it is missing");
            return null;
        }
        JsonNode front;
        try {
            front = YAML.readTree(normalized.substring(4, end + 1));
        } catch (IOException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            problems.add(file + ": the fields at the top are not valid YAML: " + first);
            return null;
        }
        if (front == null || !front.isObject()) {
            problems.add(file + ": the fields at the top are missing");
            return null;
        }
        for (var it = front.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) problems.add(file + ": " + f + ": not a field of an article; write only " + String.join(", ", FIELDS));
        }
        String id = text(front, "id");
        if (id == null || !ID.matcher(id).matches()) problems.add(file + ": id: lower-case letters, digits and '-' (2 to 64), e.g. stichting-oprichten");
        Map<String, String> title = languages(file, front, "title", 120, problems);
        Map<String, String> summary = languages(file, front, "summary", MAX_SUMMARY, problems);
        List<String> topics = words(file, front, "topics", true, problems);
        List<String> stadsdelen = words(file, front, "stadsdelen", false, problems);
        String audience = text(front, "audience");
        if (audience == null || !AUDIENCES.contains(audience)) problems.add(file + ": audience: one of " + String.join(", ", AUDIENCES));
        String source = text(front, "source");
        if (source == null || source.isBlank()) problems.add(file + ": source: where the facts come from, to check them again (a site, a document)");
        LocalDate reviewed = date(file, front, "last_reviewed", problems);
        LocalDate due = date(file, front, "review_before", problems);
        if (reviewed != null && due != null && !due.isAfter(reviewed)) problems.add(file + ": review_before: after last_reviewed");
        Map<String, String> body = bodies(file, normalized.substring(end + 5), problems);
        if (problems.size() != before) return null;
        return new Article(id, title, summary, body, topics, stadsdelen, audience, source.strip(), reviewed, due);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText().strip();
    }

    private static Map<String, String> languages(String file, JsonNode n, String field, int max, List<String> problems) {
        JsonNode v = n.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || !v.isObject()) {
            problems.add(file + ": " + field + ": write it in Dutch and English, e.g. " + field + ": {nl: \"...\", en: \"...\"}");
            return out;
        }
        for (String lang : Article.LANGUAGES) {
            String t = text(v, lang);
            if (t == null || t.isEmpty()) problems.add(file + ": " + field + "." + lang + ": missing");
            else if (t.length() > max) problems.add(file + ": " + field + "." + lang + ": at most " + max + " characters, not " + t.length());
            else out.put(lang, t);
        }
        return out;
    }

    private static List<String> words(String file, JsonNode n, String field, boolean required, List<String> problems) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || !v.isArray() || required && v.isEmpty()) {
            problems.add(file + ": " + field + ": a list" + (required ? " of at least one" : " (empty for all)") + ", e.g. " + field + ": [stichting]");
            return out;
        }
        for (JsonNode w : v) {
            String s = w.isValueNode() ? w.asText().strip() : "";
            if (!WORD.matcher(s).matches()) problems.add(file + ": " + field + ": '" + s + "' is not a name (lower case, digits, '-' or '_')");
            else out.add(s);
        }
        return out;
    }

    private static LocalDate date(String file, JsonNode n, String field, List<String> problems) {
        String t = text(n, field);
        try {
            if (t != null) return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            // said below
        }
        problems.add(file + ": " + field + ": a date as 2026-11-20");
        return null;
    }

    /** The text after {@code <!-- nl -->} and after {@code <!-- en -->}, each required and not empty. */
    private static Map<String, String> bodies(String file, String rest, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        int nl = rest.indexOf("<!-- nl -->");
        int en = rest.indexOf("<!-- en -->");
        if (nl < 0 || en < 0 || en < nl) {
            problems.add(file + ": the text: write the Dutch after a line <!-- nl --> and then the English after a line <!-- en -->");
            return out;
        }
        String dutch = rest.substring(nl + "<!-- nl -->".length(), en).strip();
        String english = rest.substring(en + "<!-- en -->".length()).strip();
        if (dutch.isEmpty()) problems.add(file + ": the Dutch text (after <!-- nl -->) is empty");
        if (english.isEmpty()) problems.add(file + ": the English text (after <!-- en -->) is empty");
        out.put("nl", dutch);
        out.put("en", english);
        return out;
    }
}
