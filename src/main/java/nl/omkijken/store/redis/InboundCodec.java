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
        if (in.from() != null) {
            throw new IllegalArgumentException("a message is stored in its conversation, never with its sender's address");
        }
        JsonObject json = new JsonObject()
                .put("channel", in.channel())
                .put("text", in.text())
                .put("media", new JsonArray(new ArrayList<>(in.media())));
        putIfSet(json, "conversationId", in.conversationId());
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
        return decode(json, null);
    }

    /**
     * @param conversationId the conversation of a queued message (the entry's "conv" field: the offer
     *                       found it after the JSON was made), or null to read it from the JSON
     * @throws StoredDataException when the text is not an inbound message
     */
    static Inbound decode(String json, String conversationId) {
        JsonReader r = JsonReader.parse(WHAT, json);
        String conv = conversationId == null || conversationId.isEmpty() ? r.string("conversationId") : conversationId;
        return new Inbound(conv, r.string("channel"), r.optString("address"),
                r.optString("line"), r.optString("language"), r.optString("text"), r.optString("providerId"),
                r.optInstant("receivedAt"), r.stringList("media"));
    }

    private static void putIfSet(JsonObject json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
