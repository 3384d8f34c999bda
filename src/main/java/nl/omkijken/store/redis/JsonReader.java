package nl.omkijken.store.redis;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of one stored JSON object: a missing or mistyped field becomes a
 * {@link StoredDataException} naming the field, never a NullPointerException or ClassCastException.
 */
final class JsonReader {
    private final String what;
    private final JsonObject json;

    private JsonReader(String what, JsonObject json) {
        this.what = what;
        this.json = json;
    }

    static JsonReader parse(String what, String text) {
        if (text == null) {
            throw new StoredDataException(what, "no value");
        }
        try {
            return new JsonReader(what, new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            // The decoder's message may quote the content; keep only that it is not JSON.
            throw new StoredDataException(what, "not a JSON object");
        }
    }

    String string(String field) {
        String value = optString(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    String optString(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw wrongType(field, "text");
        }
        return (String) value;
    }

    boolean bool(String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Boolean)) {
            throw value == null ? missing(field) : wrongType(field, "true/false");
        }
        return (Boolean) value;
    }

    long number(String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Number)) {
            throw value == null ? missing(field) : wrongType(field, "a number");
        }
        return ((Number) value).longValue();
    }

    /** The integer field, or {@code otherwise} when it is absent (added in a later version of a record). */
    int optInteger(String field, int otherwise) {
        return json.getValue(field) == null ? otherwise : integer(field);
    }

    int integer(String field) {
        long value = number(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new StoredDataException(what, "field '" + field + "' is out of range");
        }
        return (int) value;
    }

    Instant optInstant(String field) {
        String value = optString(field);
        if (value == null) {
            return null;
        }
        try {
            return IsoInstant.parse(value);
        } catch (DateTimeParseException e) {
            throw wrongType(field, "an ISO-8601 instant");
        }
    }

    Instant instant(String field) {
        Instant value = optInstant(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String value = string(field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new StoredDataException(what, "field '" + field + "' has unknown value '" + value + "'");
        }
    }

    /** A JSON object of text values, in stored order; an absent field is an empty map. */
    Map<String, String> stringMap(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject)) {
            throw wrongType(field, "an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : (JsonObject) value) {
            if (!(e.getValue() instanceof String)) {
                throw wrongType(field + "." + e.getKey(), "text");
            }
            out.put(e.getKey(), (String) e.getValue());
        }
        return out;
    }

    /** A JSON array of text values; an absent field is an empty list. */
    List<String> stringList(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray)) {
            throw wrongType(field, "an array");
        }
        List<String> out = new ArrayList<>();
        for (Object item : (JsonArray) value) {
            if (!(item instanceof String)) {
                throw wrongType(field + "[]", "text");
            }
            out.add((String) item);
        }
        return out;
    }

    private StoredDataException missing(String field) {
        return new StoredDataException(what, "field '" + field + "' is missing");
    }

    private StoredDataException wrongType(String field, String expected) {
        return new StoredDataException(what, "field '" + field + "' is not " + expected);
    }
}
