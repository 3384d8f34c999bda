package nl.omkijken.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.omkijken.console.CannedReplies;

/** Canned replies in a hash per line ({@code omk:canned:LINE}: id to JSON), kept until deleted. */
public final class RedisCannedReplies implements CannedReplies {
    private final RedisConnection redis;

    public RedisCannedReplies(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<Canned>> of(String line) {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.canned(line))).map(all -> {
            List<Canned> out = new ArrayList<>();
            if (all != null) {
                all.forEach((id, json) -> {
                    JsonReader r = JsonReader.parse("canned reply", json);
                    out.add(new Canned(id, line, r.optString("title"), r.optString("nl"), r.optString("en")));
                });
            }
            out.sort(Comparator.comparing(c -> c.title().toLowerCase(java.util.Locale.ROOT)));
            return out;
        });
    }

    @Override
    public Future<Void> put(Canned c) {
        String json = new JsonObject().put("title", c.title()).put("nl", c.nl()).put("en", c.en()).encode();
        return redis.toFuture(redis.commands().hset(RedisKeys.canned(c.line()), c.id(), json)).mapEmpty();
    }

    @Override
    public Future<Boolean> delete(String line, String id) {
        return redis.toFuture(redis.commands().hdel(RedisKeys.canned(line), id)).map(n -> n > 0);
    }
}
