package nl.omkijken.store.redis;

import io.lettuce.core.XTrimArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import nl.omkijken.runner.Sweep;

/**
 * Removes a stream's entries older than {@code keep} (exact, by entry id: an id starts with the time
 * it was added). For the streams that hold something about people: the event log (conversation ids),
 * the inbound dead letters (message text, kept no longer than the conversations themselves).
 */
public final class StreamTrim implements Sweep {
    private final RedisConnection redis;
    private final String stream;
    private final Duration keep;

    private StreamTrim(RedisConnection redis, String stream, Duration keep) {
        this.redis = redis;
        this.stream = stream;
        this.keep = keep;
    }

    /** The event log, kept {@code keep}. */
    public static StreamTrim events(RedisConnection redis, Duration keep) {
        return new StreamTrim(redis, RedisKeys.EVENTS, keep);
    }

    /** The inbound dead letters, kept as long as conversations are ({@code retention}). */
    public static StreamTrim deadLetters(RedisConnection redis, Duration retention) {
        return new StreamTrim(redis, RedisKeys.INBOUND_DEAD, retention);
    }

    /** Tasks no handler could carry out: they may name people, so they go after the retention time. */
    public static StreamTrim taskDeadLetters(RedisConnection redis, Duration retention) {
        return new StreamTrim(redis, RedisKeys.TASKS_DEAD, retention);
    }

    /** The console's audit log: it names conversations, so it goes after the retention time. */
    public static StreamTrim audit(RedisConnection redis, Duration retention) {
        return new StreamTrim(redis, RedisKeys.AUDIT, retention);
    }

    @Override
    public String name() {
        return stream;
    }

    @Override
    public Future<Long> run(Instant now) {
        String minId = Math.max(0, now.minus(keep).toEpochMilli()) + "-0";
        return redis.toFuture(redis.commands().xtrim(stream, XTrimArgs.Builder.minId(minId)));
    }
}
