package nl.omkijken.store.redis;

import io.vertx.core.json.JsonObject;
import nl.omkijken.runner.Job;

/**
 * A {@link Job} as the JSON kept in {@link RedisKeys#JOBS_DATA}: kind, key, dueAt, payload. A
 * conversation follow-up (kind turn) is kept as its timer, {@link TimerCodec}, with the same kind and key.
 */
final class JobCodec {
    private static final String WHAT = "job";

    private JobCodec() {}

    static String encode(Job job) {
        return new JsonObject().put("kind", job.kind()).put("key", job.key())
                .put("dueAt", SessionCodec.iso(job.dueAt())).put("payload", job.payload()).encode();
    }

    /** The job; its payload is the whole JSON for a follow-up, which carries its timer's fields. */
    static Job decode(String json) {
        JsonReader r = JsonReader.parse(WHAT, json);
        String kind = r.string("kind");
        return new Job(kind, r.string("key"), r.instant("dueAt"), Job.TURN.equals(kind) ? json : r.optString("payload"));
    }
}
