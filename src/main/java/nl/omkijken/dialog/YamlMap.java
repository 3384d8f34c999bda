package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.omkijken.engine.Localized;

/**
 * One YAML map read with the format's rules: unknown keys are reported, required keys must be there, and
 * every value is checked for its shape. Readers return null (or the default) after reporting, so reading
 * goes on and every error in a file is found in one run.
 */
final class YamlMap {
    /** Ids of dialogs, steps, slots, lines, intents, queues and timers. */
    static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    private final JsonNode node;
    private final Place at;
    private final String what;

    private YamlMap(JsonNode node, Place at, String what) {
        this.node = node;
        this.at = at;
        this.what = what;
    }

    /**
     * Opens {@code node} as a map described as {@code what} (e.g. "the say step", "route 2"), reporting
     * every key outside {@code allowed}. Returns null after reporting INVALID_VALUE when it is not a map.
     */
    static YamlMap open(JsonNode node, Place at, String what, List<String> allowed) {
        if (node == null || !node.isObject()) {
            at.error(ErrorCode.INVALID_VALUE, what + " must be a map of keys (key: value), not " + shape(node)
                    + "; allowed keys: " + String.join(", ", allowed));
            return null;
        }
        YamlMap map = new YamlMap(node, at, what);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String near = closest(key, allowed);
                at.error(ErrorCode.UNKNOWN_KEY, "unknown key '" + key + "' in " + what
                        + (near == null ? "" : "; did you mean '" + near + "'?")
                        + (near == null ? "; " : " ") + "allowed keys: " + String.join(", ", allowed));
            }
        }
        return map;
    }

    /** Opens a map whose keys the caller checks itself; {@code node} must be a map. */
    static YamlMap withoutKeyCheck(JsonNode node, Place at, String what) {
        return new YamlMap(node, at, what);
    }

    Place at() { return at; }

    String what() { return what; }

    /** True when the key is there with a value (an empty {@code key:} counts as absent). */
    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** True when the key is written, even without a value. */
    boolean written(String key) { return node.has(key); }

    JsonNode get(String key) { return has(key) ? node.get(key) : null; }

    /** Keys in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A single value as text, or null when absent or not a single value (reported). */
    String string(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isValueNode()) {
            at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " must be a single value, not " + shape(v));
            return null;
        }
        return v.asText();
    }

    /** A single value that must be there; {@code hint} says what to write. */
    String required(String key, String hint) {
        String s = string(key);
        if (s == null && !has(key)) missing(key, hint);
        else if (s != null && s.isBlank()) {
            missing(key, hint);
            return null;
        }
        return s;
    }

    void missing(String key, String hint) {
        at.error(ErrorCode.MISSING_KEY, what + " has no '" + key + "'" + (hint == null ? "" : ": " + hint));
    }

    /** An id ([a-z0-9_]+), optional or required. */
    String id(String key, boolean required, String hint) {
        String s = required ? required(key, hint) : string(key);
        if (s != null) checkId(s, "'" + key + "' in " + what, at);
        return s;
    }

    static boolean checkId(String id, String what, Place at) {
        if (ID.matcher(id).matches()) return true;
        String suggestion = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        at.error(ErrorCode.INVALID_VALUE, what + " is '" + id + "', but ids may only use a-z, 0-9 and _"
                + (ID.matcher(suggestion).matches() ? " (e.g. '" + suggestion + "')" : ""));
        return false;
    }

    /** A whole number of at least 0, or {@code dflt} when absent. */
    int count(String key, int dflt) {
        String s = string(key);
        if (s == null) return dflt;
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " is '" + s + "'; it must be a whole number of 0 or more");
        return dflt;
    }

    /** true or false, written so (not "yes", not 1); null (and reported) otherwise. */
    Boolean bool(String key) {
        JsonNode n = get(key);
        if (n != null && n.isBoolean()) return n.asBoolean();
        // The dialog reader keeps scalars as written.
        if (n != null && n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) return Boolean.parseBoolean(n.asText());
        at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " must be true or false");
        return null;
    }

    /** A positive ISO-8601 duration such as PT30M. */
    Duration duration(String key, String hint) {
        String s = required(key, hint);
        if (s == null) return null;
        try {
            Duration d = Duration.parse(s.strip());
            if (!d.isNegative() && !d.isZero()) return d;
        } catch (DateTimeParseException e) {
            // reported below
        }
        at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " is '" + s + "', which is not a positive"
                + " ISO-8601 duration; write e.g. PT30M (30 minutes), PT2H (2 hours) or P1D (1 day)");
        return null;
    }

    /** A list of non-empty single values; List.of() when absent. */
    List<String> strings(String key) {
        JsonNode v = get(key);
        if (v == null) return List.of();
        if (!v.isArray()) {
            at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " must be a list, e.g. " + key
                    + ": [" + (v.isValueNode() ? v.asText() : "a, b") + "]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull() || e.asText().isBlank()) {
                at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " holds " + shape(e)
                        + "; every entry must be a non-empty word or phrase");
            } else {
                out.add(e.asText());
            }
        }
        return List.copyOf(out);
    }

    /** A list value; null when absent, or when not a list (reported). */
    List<JsonNode> list(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isArray()) {
            at.error(ErrorCode.INVALID_VALUE, "'" + key + "' in " + what + " must be a list (lines starting with -), not " + shape(v));
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** A nested map with its own allowed keys; null when absent or not a map (reported). */
    YamlMap map(String key, String nestedWhat, List<String> allowed) {
        JsonNode v = get(key);
        if (v == null) return null;
        return open(v, at, nestedWhat, allowed);
    }

    /** A text in every language: {nl: ..., en: ...}. Null when absent or unusable (reported). */
    Localized text(String key, boolean required, String hint) {
        JsonNode v = get(key);
        if (v == null) {
            if (required) missing(key, hint);
            return null;
        }
        return localized(v, at, "'" + key + "' in " + what);
    }

    static Localized localized(JsonNode v, Place at, String what) {
        if (v.isValueNode()) {
            at.error(ErrorCode.MISSING_TRANSLATION, what + " is a single text; write it in both languages:"
                    + " {nl: \"...\", en: \"...\"}");
            return null;
        }
        if (!v.isObject()) {
            at.error(ErrorCode.INVALID_VALUE, what + " must be a map {nl: \"...\", en: \"...\"}, not " + shape(v));
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String lang = e.getKey();
            JsonNode t = e.getValue();
            if ((Localized.POLITE_DUTCH.equals(lang) || Localized.PHONE.containsKey(lang)) && t.isValueNode() && !t.asText().isBlank()) {
                texts.put(lang, t.asText());
            } else if (!Localized.LANGUAGES.contains(lang)) {
                at.error(ErrorCode.MISSING_TRANSLATION, what + " has a text in '" + lang
                        + "', which the service does not speak; write only nl and en (and nl_phone, en_phone for the phone)");
            } else if (t.isNull() || (t.isValueNode() && t.asText().isBlank())) {
                // reported below as a missing translation
            } else if (!t.isValueNode()) {
                at.error(ErrorCode.INVALID_VALUE, what + ": the " + lang + " text must be one piece of text, not " + shape(t));
            } else {
                texts.put(lang, t.asText());
            }
        }
        for (String lang : List.of("nl", "en")) {
            JsonNode t = v.get(lang);
            if (t == null || t.isNull() || (t.isValueNode() && t.asText().isBlank())) {
                at.error(ErrorCode.MISSING_TRANSLATION, what + " has no " + lang + " text; add " + lang + ": \"...\""
                        + " (every text needs nl and en)");
            }
        }
        return texts.isEmpty() ? null : new Localized(texts);
    }

    /** "a list", "a map", "a text"... for messages. */
    static String shape(JsonNode v) {
        if (v == null || v.isNull()) return "empty";
        if (v.isArray()) return "a list";
        if (v.isObject()) return "a map";
        return "'" + v.asText() + "'";
    }

    /** The allowed key nearest to a typo, if it is near enough to suggest. */
    static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return bestDistance <= Math.max(1, Math.min(2, key.length() / 3)) ? best : null;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) return Integer.MAX_VALUE;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
