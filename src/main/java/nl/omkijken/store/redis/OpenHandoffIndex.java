package nl.omkijken.store.redis;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.handoff.Handoff;

/**
 * Puts every open handoff record (waiting or with a worker) in {@link RedisKeys#HANDOFFS_OPEN}: the
 * upgrade to key layout 4, after which every commit keeps the index in step with the record.
 * Idempotent: run again, it adds the same members with the same scores.
 */
final class OpenHandoffIndex {
    private final RedisConnection redis;

    OpenHandoffIndex(RedisConnection redis) {
        this.redis = redis;
    }

    /** @return how many open handoffs are in the index */
    Future<Integer> rebuild() {
        return KeyScan.each(redis, RedisKeys.handoff("*"), keys -> index(keys).map(Integer::longValue)).map(Long::intValue);
    }

    private Future<Integer> index(List<String> keys) {
        List<Future<Integer>> each = new ArrayList<>();
        for (String key : keys) {
            each.add(redis.toFuture(redis.commands().get(key)).compose(json -> {
                if (json == null) return Future.succeededFuture(0);
                Handoff h = HandoffCodec.decode(json);
                if (!h.state().open()) return Future.succeededFuture(0);
                return redis.toFuture(redis.commands().zadd(RedisKeys.HANDOFFS_OPEN, (double) h.queueScore(), h.conversationId()))
                        .map(added -> 1);
            }));
        }
        return Future.all(each).map(all -> each.stream().mapToInt(Future::result).sum());
    }
}
