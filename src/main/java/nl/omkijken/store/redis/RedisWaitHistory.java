package nl.omkijken.store.redis;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.WaitHistory;

/** Waits per queue as a capped list ({@code omk:waits:QUEUE}: "requestedAtMillis:waitedSeconds", newest first). */
public final class RedisWaitHistory implements WaitHistory {
    static final int KEEP = 500;
    private final RedisConnection redis;

    public RedisWaitHistory(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> record(String queue, Wait w) {
        String key = RedisKeys.waits(queue);
        return redis.toFuture(redis.commands().lpush(key, w.requestedAt().toEpochMilli() + ":" + w.waited().toSeconds()))
                .compose(n -> redis.toFuture(redis.commands().ltrim(key, 0, KEEP - 1))).mapEmpty();
    }

    @Override
    public Future<List<Wait>> recent(String queue, int max) {
        return redis.toFuture(redis.commands().lrange(RedisKeys.waits(queue), 0, Math.max(0, max - 1))).map(items -> {
            List<Wait> out = new ArrayList<>();
            for (String item : items) {
                int colon = item.indexOf(':');
                if (colon < 0) continue;
                try {
                    out.add(new Wait(Instant.ofEpochMilli(Long.parseLong(item.substring(0, colon))),
                            Duration.ofSeconds(Long.parseLong(item.substring(colon + 1)))));
                } catch (NumberFormatException skip) {
                    // an unreadable entry says nothing about waits
                }
            }
            return out;
        });
    }
}
