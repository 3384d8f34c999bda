package nl.omkijken.store.redis;

import io.vertx.core.json.JsonObject;
import nl.omkijken.handoff.Handoff;

/** {@link Handoff} as stored JSON; round-trips every field. */
public final class HandoffCodec {
    static final int VERSION = 1;
    private static final String WHAT = "handoff";

    private HandoffCodec() {}

    public static String encode(Handoff h) {
        JsonObject json = new JsonObject()
                .put("v", VERSION)
                .put("conversationId", h.conversationId())
                .put("queue", h.queue())
                .put("kind", h.kind().name())
                .put("state", h.state().name())
                .put("requestedAt", SessionCodec.iso(h.requestedAt()))
                .put("changedAt", SessionCodec.iso(h.changedAt()));
        if (h.urgentSince() != null) json.put("urgentSince", SessionCodec.iso(h.urgentSince()));
        if (h.reason() != null) json.put("reason", h.reason());
        if (h.owner() != null) json.put("owner", h.owner());
        if (h.dueAt() != null) json.put("dueAt", SessionCodec.iso(h.dueAt()));
        if (h.attempts() > 0) json.put("attempts", h.attempts());
        if (h.origin() != null) json.put("origin", h.origin());
        if (h.takenAt() != null) json.put("takenAt", SessionCodec.iso(h.takenAt()));
        if (h.passedOnAt() != null) json.put("passedOnAt", SessionCodec.iso(h.passedOnAt()));
        return json.encode();
    }

    /** @throws StoredDataException when the text is not a handoff this version can read */
    public static Handoff decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        if (r.integer("v") != VERSION) {
            throw new StoredDataException(WHAT, "format version " + r.integer("v") + " is not " + VERSION);
        }
        try {
            return new Handoff(r.string("conversationId"), r.string("queue"), Handoff.Kind.valueOf(r.string("kind")),
                    r.optInstant("urgentSince"), r.optString("reason"), Handoff.State.valueOf(r.string("state")),
                    r.instant("requestedAt"), r.optString("owner"), r.instant("changedAt"), r.optInstant("dueAt"),
                    r.optInteger("attempts", 0), r.optString("origin"),
                    // Written before takenAt was kept: a claimed one was taken by its last change at the latest.
                    r.optInstant("takenAt") != null ? r.optInstant("takenAt")
                            : Handoff.State.valueOf(r.string("state")) == Handoff.State.CLAIMED ? r.instant("changedAt") : null,
                    r.optInstant("passedOnAt"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoredDataException(WHAT, String.valueOf(e.getMessage()), e);
        }
    }
}
