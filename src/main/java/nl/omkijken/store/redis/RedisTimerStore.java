package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.TimerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers in three keys: a due set, a claimed set and the timer data (see {@link RedisKeys}).
 * Timers are written and removed by the conversation commit; this store only claims them.
 * The claim is one Lua script, so concurrent callers (threads or instances) never get the same timer.
 */
public final class RedisTimerStore implements TimerStore {
    private static final Logger log = LoggerFactory.getLogger(RedisTimerStore.class);
    private static final LuaScript CLAIM = LuaScript.load("claim_timers");
    private static final LuaScript DROP = LuaScript.load("drop_timer");
    private static final String[] KEYS = {RedisKeys.TIMERS_DUE, RedisKeys.TIMERS_CLAIMED, RedisKeys.TIMERS_DATA};

    private final RedisConnection redis;

    public RedisTimerStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<DueTimer>> claimDue(Instant now, int max, Duration lease) {
        return RedisConversationStore.guarded(() -> {
            if (now == null) {
                throw new IllegalArgumentException("claim time must be given");
            }
            if (lease == null || lease.toMillis() <= 0) {
                throw new IllegalArgumentException("timer lease must be at least 1 ms, was " + lease);
            }
            if (max <= 0) {
                return Future.succeededFuture(List.of());
            }
            long nowMillis = now.toEpochMilli();
            return redis.<List<Object>>toFuture(CLAIM.run(redis.commands(), ScriptOutputType.MULTI, KEYS,
                            Long.toString(nowMillis), Integer.toString(max),
                            Long.toString(nowMillis + lease.toMillis())))
                    .map(RedisTimerStore::decodeAll);
        });
    }

    @Override
    public Future<Boolean> drop(DueTimer timer) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(DROP.run(redis.commands(), ScriptOutputType.INTEGER,
                KEYS, timer.id())).map(n -> n == 1L));
    }

    private static List<DueTimer> decodeAll(List<Object> claimed) {
        List<DueTimer> timers = new ArrayList<>(claimed.size());
        for (Object json : claimed) {
            try {
                timers.add(TimerCodec.decode(json.toString()));
            } catch (StoredDataException e) {
                // One unreadable timer must not block the others; it stays claimed, and so comes back
                // after its lease, where it is reported again rather than lost silently.
                log.error("skipping a claimed timer: {}", e.getMessage());
            }
        }
        return timers;
    }
}
