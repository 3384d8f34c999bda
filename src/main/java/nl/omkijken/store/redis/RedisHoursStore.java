package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import nl.omkijken.hours.HoursStore;

/** The opening hours saved in the console: one hash ({@code omk:hours}: yaml, version, by, at), kept until replaced. */
public final class RedisHoursStore implements HoursStore {
    private static final LuaScript SAVE = LuaScript.load("save_hours");
    private final RedisConnection redis;

    public RedisHoursStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Saved> current() {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.HOURS)).map(f -> {
            if (f == null || f.get("yaml") == null || f.get("version") == null) return null;
            return new Saved(f.get("yaml"), Long.parseLong(f.get("version")), f.getOrDefault("by", ""),
                    Instant.parse(f.getOrDefault("at", "1970-01-01T00:00:00Z")));
        });
    }

    @Override
    public Future<Long> save(String yaml, String by, Instant at, long over) {
        return redis.<Long>toFuture(SAVE.run(redis.commands(), ScriptOutputType.INTEGER, new String[] {RedisKeys.HOURS}, yaml, by,
                at.toString(), String.valueOf(over))).compose(v -> v < 0 ? Future.failedFuture(new Stale()) : Future.succeededFuture(v));
    }
}
