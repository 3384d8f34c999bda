package nl.omkijken.store.redis;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import nl.omkijken.engine.Contact;

/** {@link Contact} as stored JSON; round-trips every field. */
public final class ContactCodec {
    static final int VERSION = 1;
    private static final String WHAT = "contact";

    private ContactCodec() {}

    public static String encode(Contact c) {
        return new JsonObject()
                .put("v", VERSION)
                .put("id", c.id())
                .put("fields", new JsonObject(new LinkedHashMap<>(c.fields())))
                .put("optedOut", c.optedOut())
                .encode();
    }

    /** @throws StoredDataException when the text is not a contact this version can read */
    public static Contact decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        if (r.integer("v") != VERSION) {
            throw new StoredDataException(WHAT, "format version " + r.integer("v") + " is not " + VERSION);
        }
        return new Contact(r.optString("id"), r.stringMap("fields"), r.bool("optedOut"));
    }
}
