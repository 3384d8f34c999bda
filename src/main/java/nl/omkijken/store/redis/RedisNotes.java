package nl.omkijken.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.console.Notes;

/** Notes in a list under their conversation ({@code omk:conv:{ID}:notes}), living as long as it does. */
public final class RedisNotes implements Notes {
    private final RedisConnection redis;
    private final Duration retention;

    public RedisNotes(RedisConnection redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public Future<Void> add(String conversationId, Note n) {
        String key = RedisKeys.notes(conversationId);
        String json = new JsonObject().put("at", n.at().toString()).put("worker", n.workerId()).put("by", n.by())
                .put("text", n.text()).encode();
        return redis.toFuture(redis.commands().rpush(key, json))
                .compose(len -> redis.toFuture(redis.commands().pexpire(key, retention.toMillis()))).mapEmpty();
    }

    @Override
    public Future<List<Note>> of(String conversationId) {
        return redis.toFuture(redis.commands().lrange(RedisKeys.notes(conversationId), 0, -1)).map(items -> {
            List<Note> out = new ArrayList<>();
            for (String item : items) {
                JsonReader r = JsonReader.parse("note", item);
                out.add(new Note(r.optInstant("at"), r.optString("worker"), r.optString("by"), r.optString("text")));
            }
            return out;
        });
    }
}
