package nl.omkijken.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.omkijken.console.Presence;

/**
 * Who has the console open: a sorted set of worker ids ({@code omk:console:online}) scored by when each
 * was last seen, and a hash of who signed out when ({@code omk:console:signed-out}); marks older than a
 * day are dropped whenever the set is read, and a sign-out is forgotten at the next mark.
 */
public final class RedisPresence implements Presence {
    private final RedisConnection redis;

    public RedisPresence(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> seen(String workerId, Instant now) {
        return redis.toFuture(redis.commands().zadd(RedisKeys.ONLINE, (double) now.toEpochMilli(), workerId))
                .compose(n -> redis.toFuture(redis.commands().hdel(RedisKeys.SIGNED_OUT, workerId))).mapEmpty();
    }

    @Override
    public Future<Void> signedOut(String workerId, Instant now) {
        return redis.toFuture(redis.commands().hset(RedisKeys.SIGNED_OUT, workerId, Long.toString(now.toEpochMilli()))).mapEmpty();
    }

    @Override
    public Future<Void> away(String workerId, boolean away, Instant now) {
        return (away ? redis.toFuture(redis.commands().hset(RedisKeys.AWAY, workerId, Long.toString(now.toEpochMilli())))
                : redis.toFuture(redis.commands().hdel(RedisKeys.AWAY, workerId))).mapEmpty();
    }

    @Override
    public Future<Boolean> isAway(String workerId) {
        return redis.toFuture(redis.commands().hexists(RedisKeys.AWAY, workerId));
    }

    @Override
    public Future<Map<String, Instant>> online(Instant now, Duration within) {
        return seenWithin(now, within).compose(seen -> redis.toFuture(redis.commands().hgetall(RedisKeys.SIGNED_OUT))
                .compose(out -> redis.toFuture(redis.commands().hkeys(RedisKeys.AWAY)).map(away -> {
                    Map<String, Instant> still = new LinkedHashMap<>();
                    seen.forEach((id, at) -> {
                        String left = out == null ? null : out.get(id);
                        if ((left == null || Long.parseLong(left) < at.toEpochMilli()) && !away.contains(id)) still.put(id, at);
                    });
                    return still;
                })));
    }

    @Override
    public Future<Map<String, Instant>> seenWithin(Instant now, Duration within) {
        long since = now.minus(within).toEpochMilli();
        return redis.toFuture(redis.commands().zremrangebyscore(RedisKeys.ONLINE,
                        Range.create(Double.NEGATIVE_INFINITY, (double) now.minus(Duration.ofDays(1)).toEpochMilli())))
                .compose(n -> redis.toFuture(redis.commands().zrangebyscoreWithScores(RedisKeys.ONLINE,
                        Range.create((double) since, Double.POSITIVE_INFINITY))))
                .compose(list -> redis.toFuture(redis.commands().hgetall(RedisKeys.AWAY)).map(away -> {
                    Map<String, Instant> out = new LinkedHashMap<>();
                    for (ScoredValue<String> v : list) {
                        String awaySince = away == null ? null : away.get(v.getValue());
                        // Away longer than the grace time counts as gone; a short break does not.
                        if (awaySince != null && Long.parseLong(awaySince) < since) continue;
                        out.put(v.getValue(), Instant.ofEpochMilli((long) v.getScore()));
                    }
                    return out;
                }));
    }
}
