package nl.omkijken.store.redis;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;

/**
 * {@link Session} as stored JSON. Every field round-trips exactly: instants as ISO-8601 text (full
 * nanosecond precision), absent values as JSON null, slots as an object. {@code v} marks the format
 * so that a later change can still read what an older version wrote.
 */
public final class SessionCodec {
    static final int VERSION = 1;
    private static final String WHAT = "session";

    private SessionCodec() {}

    public static String encode(Session s) {
        return new JsonObject()
                .put("v", VERSION)
                .put("conversationId", s.conversationId())
                .put("line", s.line())
                .put("language", s.language())
                .put("dialog", s.dialog())
                .put("step", s.step())
                .put("ownership", s.ownership() == null ? null : s.ownership().name())
                .put("ended", s.ended())
                .put("slots", new JsonObject(new java.util.LinkedHashMap<>(s.slots())))
                .put("retries", s.retries())
                .put("waitToken", s.waitToken())
                .put("handoffDialog", s.handoffDialog())
                .put("handoffStep", s.handoffStep())
                .put("outcome", s.outcome())
                .put("turns", s.turns())
                .put("createdAt", iso(s.createdAt()))
                .put("updatedAt", iso(s.updatedAt()))
                .encode();
    }

    /** @throws StoredDataException when the text is not a session this version can read */
    public static Session decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        if (r.integer("v") != VERSION) {
            throw new StoredDataException(WHAT, "format version " + r.integer("v") + " is not " + VERSION);
        }
        return new Session(
                r.string("conversationId"),
                r.optString("line"),
                r.optString("language"),
                r.optString("dialog"),
                r.optString("step"),
                r.enumValue("ownership", Ownership.class),
                r.bool("ended"),
                r.stringMap("slots"),
                r.integer("retries"),
                r.number("waitToken"),
                r.optString("handoffDialog"),
                r.optString("handoffStep"),
                r.optString("outcome"),
                r.integer("turns"),
                r.optInstant("createdAt"),
                r.optInstant("updatedAt"));
    }

    static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
