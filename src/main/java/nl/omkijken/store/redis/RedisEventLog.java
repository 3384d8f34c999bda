package nl.omkijken.store.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import java.util.List;
import nl.omkijken.runner.EventLog;

/** The event log as the Redis stream {@link RedisKeys#EVENTS}, written by the commit and outbox scripts. */
public final class RedisEventLog implements EventLog {
    private final RedisConnection redis;

    public RedisEventLog(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<String> latestId() {
        return redis.toFuture(redis.commands().xrevrange(RedisKeys.EVENTS, Range.create("-", "+"), Limit.from(1)))
                .map(newest -> newest.isEmpty() ? "0-0" : newest.get(0).getId());
    }

    @Override
    public Future<List<Entry>> after(String id, int max) {
        return RedisConversationStore.guarded(() -> {
            if (id == null || !id.matches("[0-9]+-[0-9]+")) throw new IllegalArgumentException("not an event id: " + id);
            if (max < 1) throw new IllegalArgumentException("read at least one event, not " + max);
            // "(" makes the start exclusive (Redis 6.2+): the entries after the one seen last.
            return redis.toFuture(redis.commands().xrange(RedisKeys.EVENTS,
                            Range.create("(" + id, "+"), Limit.from(max)))
                    .map(list -> list.stream().map(RedisEventLog::entry).toList());
        });
    }

    private static Entry entry(StreamMessage<String, String> m) {
        return new Entry(m.getId(), m.getBody());
    }
}
