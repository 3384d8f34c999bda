package nl.omkijken.store.redis;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;
import nl.omkijken.runner.OnceMarks;

/** Once-marks as {@code omk:once:KEY} set with NX and a time to live. */
public final class RedisOnceMarks implements OnceMarks {
    static final Duration TTL = Duration.ofDays(1);
    private final RedisConnection redis;

    public RedisOnceMarks(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Boolean> claim(String key) {
        return redis.toFuture(redis.commands().set(RedisKeys.once(key), "1", SetArgs.Builder.nx().px(TTL.toMillis())))
                .map("OK"::equals);
    }

    @Override
    public Future<Boolean> isSet(String key) {
        return redis.toFuture(redis.commands().exists(RedisKeys.once(key))).map(n -> n != null && n > 0);
    }

    @Override
    public Future<Void> release(String key) {
        return redis.toFuture(redis.commands().del(RedisKeys.once(key))).mapEmpty();
    }
}
