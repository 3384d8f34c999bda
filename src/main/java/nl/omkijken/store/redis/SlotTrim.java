package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import nl.omkijken.runner.Sweep;

/**
 * The helpdesk's past times and their bookings go after the retention (RETENTION, as conversations): a booking holds
 * the intake (a name, an e-mail address, a phone number), which is not kept longer than the conversation it came from.
 * Cancelled bookings go the same time after their cancellation.
 */
public final class SlotTrim implements Sweep {
    private static final LuaScript TRIM = LuaScript.load("trim_slots");
    private static final int PER_RUN = 1_000;
    private final RedisConnection redis;
    private final Duration retention;

    public SlotTrim(RedisConnection redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "helpdesk times and bookings";
    }

    @Override
    public Future<Long> run(Instant now) {
        String cutoff = String.valueOf(now.minus(retention).getEpochSecond());
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(TRIM.run(redis.commands(), ScriptOutputType.INTEGER,
                RedisSlots.KEYS, cutoff, String.valueOf(PER_RUN))));
    }
}
