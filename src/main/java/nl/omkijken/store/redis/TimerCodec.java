package nl.omkijken.store.redis;

import io.vertx.core.json.JsonObject;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.TimerChange;

/**
 * A conversation follow-up as the JSON of its job (kind turn) in {@link RedisKeys#JOBS_DATA}, and back as
 * a {@link DueTimer}.
 */
final class TimerCodec {
    private static final String WHAT = "timer";

    private TimerCodec() {}

    static String encode(TimerChange t) {
        return new JsonObject()
                .put("kind", Job.TURN)
                .put("key", TimerChange.keyOf(t.conversationId(), t.timer()))
                .put("id", TimerChange.idOf(t.conversationId(), t.timer()))
                .put("conversationId", t.conversationId())
                .put("timer", t.timer())
                .put("dueAt", SessionCodec.iso(t.dueAt()))
                .put("target", t.target())
                .put("token", t.token())
                .encode();
    }

    static DueTimer decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        return new DueTimer(r.string("id"), r.string("conversationId"), r.string("timer"), r.instant("dueAt"),
                r.optString("target"), r.number("token"));
    }
}
