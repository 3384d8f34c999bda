package nl.omkijken.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import nl.omkijken.runner.Outbound;

/** {@link Outbound} as the JSON of one outbox stream entry. */
final class OutboundCodec {
    private static final String WHAT = "outbound message";

    private OutboundCodec() {}

    /**
     * {@code templateFor} is written only when set, so an ordinary reply's JSON is what it always was,
     * and entries written before the field existed decode as ordinary replies.
     */
    static String encode(Outbound o) {
        JsonObject json = new JsonObject()
                .put("id", o.id())
                .put("conversationId", o.conversationId())
                .put("channel", o.channel())
                .put("address", o.address())
                .put("text", o.text())
                .put("buttons", new JsonArray(new ArrayList<>(o.buttons())))
                .put("createdAt", SessionCodec.iso(o.createdAt()));
        if (o.templateFor() != null) json.put("templateFor", o.templateFor());
        return json.encode();
    }

    static Outbound decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        return new Outbound(r.string("id"), r.string("conversationId"), r.string("channel"),
                r.optString("address"), r.optString("text"), r.stringList("buttons"), r.optInstant("createdAt"),
                r.optString("templateFor"));
    }
}
