package nl.omkijken.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.omkijken.runner.TranscriptEntry;

/** {@link TranscriptEntry} as the JSON of one transcript list item. */
final class TranscriptEntryCodec {
    private static final String WHAT = "transcript entry";

    private TranscriptEntryCodec() {}

    static String encode(TranscriptEntry e) {
        JsonObject o = new JsonObject()
                .put("direction", e.direction())
                .put("text", e.text())
                .put("at", SessionCodec.iso(e.at()))
                .put("buttons", new JsonArray(new java.util.ArrayList<>(e.buttons())));
        if (e.by() != null) o.put("by", e.by());
        if (e.ref() != null) o.put("ref", e.ref());
        return o.encode();
    }

    static TranscriptEntry decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        return new TranscriptEntry(r.string("direction"), r.optString("text"), r.optInstant("at"),
                r.stringList("buttons"), r.optString("by"), r.optString("ref"));
    }
}
