package nl.omkijken.channels.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks what the sandbox API receives; every refusal says what was wrong. */
final class SandboxRequests {
    static final int MAX_TEXT = 2000;
    static final int MAX_NAME = 60;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> LANGUAGES = Set.of("nl", "en");

    private SandboxRequests() {}

    static String conversationId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiError(400, "conversation id must be 1-64 characters: letters, digits, '-' or '_'");
        }
        return id;
    }

    static JsonObject body(Buffer body) {
        if (body == null || body.length() == 0) throw new ApiError(400, "request body must be a JSON object, e.g. {\"text\": \"hallo\", \"line\": \"luisterlijn\"}");
        Object parsed;
        try {
            parsed = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new ApiError(400, "request body is not valid JSON");
        }
        if (parsed instanceof JsonObject o) return o;
        if (parsed instanceof java.util.Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> map = (java.util.Map<String, Object>) m;
            return new JsonObject(map);
        }
        throw new ApiError(400, "request body must be a JSON object, not " + (parsed == null ? "null" : "a list or a single value"));
    }

    static String text(JsonObject body) {
        Object t = body.getValue("text");
        if (!(t instanceof String s)) throw new ApiError(400, "'text' is required and must be a string");
        // Control characters other than line breaks and tabs carry no meaning in a chat message.
        String clean = s.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        if (clean.isEmpty()) throw new ApiError(400, "'text' must not be empty");
        if (clean.codePointCount(0, clean.length()) > MAX_TEXT) throw new ApiError(413, "'text' is longer than " + MAX_TEXT + " characters");
        return clean;
    }

    static String line(JsonObject body, java.util.List<String> lines, boolean required) {
        Object l = body.getValue("line");
        if (l == null) {
            if (required) throw new ApiError(400, "'line' is required for a new conversation: one of " + lines);
            return null;
        }
        if (!(l instanceof String s) || !lines.contains(s)) throw new ApiError(400, "'line' must be one of " + lines);
        return s;
    }

    static String language(JsonObject body) {
        Object l = body.getValue("language");
        if (l == null) return null;
        if (!(l instanceof String s) || !LANGUAGES.contains(s)) throw new ApiError(400, "'language' must be nl or en");
        return s;
    }

    static String firstName(JsonObject body) {
        Object n = body.getValue("first_name");
        if (n == null) return null;
        if (!(n instanceof String s)) throw new ApiError(400, "'first_name' must be a string");
        String clean = s.replaceAll("[\\p{Cc}{}]", "").strip();
        if (clean.length() > MAX_NAME) throw new ApiError(400, "'first_name' is longer than " + MAX_NAME + " characters");
        return clean.isEmpty() ? null : clean;
    }

    /** What a caller keyed or said: keys (0-9, *, #) or words; null when they stayed silent. */
    static String answer(JsonObject body) {
        Object v = body.getValue("answer");
        if (v == null) return null;
        if (!(v instanceof String a)) throw new ApiError(400, "'answer' must be text: the keys pressed or the words said");
        if (a.isBlank()) return null;
        if (a.length() > MAX_TEXT) throw new ApiError(400, "'answer' is longer than " + MAX_TEXT + " characters");
        String answer = a.strip();
        // Keys typed as on a phone end with #, which ends the typing and is no part of the answer (as Twilio sends them).
        if (answer.matches("[0-9*]*#")) answer = answer.substring(0, answer.length() - 1);
        return answer.isEmpty() ? null : answer;
    }

    /** The silences in a row so far, as the last answer of the call reported them (0 to 9). */
    static int silences(JsonObject body) {
        Object v = body.getValue("silences");
        if (v == null) return 0;
        if (!(v instanceof Integer n) || n < 0 || n > 9) throw new ApiError(400, "'silences' must be a whole number from 0 to 9");
        return n;
    }
}
