package nl.omkijken.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import nl.omkijken.runner.Inbound;

/** {@link Inbound} as the JSON of one inbound stream entry. Null fields are left out. */
final class InboundCodec {
    private static final String WHAT = "inbound message";

    private InboundCodec() {}

    static String encode(Inbound in) {
        JsonObject json = new JsonObject()
                .put("conversationId", in.conversationId())
                .put("channel", in.channel())
                .put("text", in.text())
                .put("media", new JsonArray(new ArrayList<>(in.media())));
        putIfSet(json, "address", in.address());
        putIfSet(json, "line", in.line());
        putIfSet(json, "language", in.language());
        putIfSet(json, "providerId", in.providerId());
        if (in.receivedAt() != null) {
            json.put("receivedAt", SessionCodec.iso(in.receivedAt()));
        }
        return json.encode();
    }

    /** @throws StoredDataException when the text is not an inbound message */
    static Inbound decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        return new Inbound(r.string("conversationId"), r.string("channel"), r.optString("address"),
                r.optString("line"), r.optString("language"), r.optString("text"), r.optString("providerId"),
                r.optInstant("receivedAt"), r.stringList("media"));
    }

    private static void putIfSet(JsonObject json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
