package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import nl.omkijken.circle.CallRate;

/**
 * The calls-per-second limit as a counter per second in Redis ({@code omk:call-rate:EPOCHSECOND}), shared by
 * every instance: a call takes the first second from now whose count stays within the limit, and waits for its
 * share of that second (the n-th of five calls 0.2 s times n-1 into it).
 * Seconds are the service's clock's (instances keep their clocks in step, as NTP does).
 */
public final class RedisCallRate implements CallRate {
    private static final LuaScript COUNT = LuaScript.load("count_call");
    /** How far ahead a call looks for room: less than a job's lease, so a waiting call is never claimed twice. */
    static final int HORIZON_SECONDS = 45;
    /** A second's count is kept until ten seconds after that second (it may be taken up to the horizon ahead). */
    private static final long KEPT_MILLIS = 10_000;

    private final RedisConnection redis;
    private final Vertx vertx;
    private final Clock clock;
    private final int perSecond;

    public RedisCallRate(RedisConnection redis, Vertx vertx, Clock clock, int perSecond) {
        if (perSecond < 1) throw new IllegalArgumentException("at least one call a second");
        this.redis = redis;
        this.vertx = vertx;
        this.clock = clock;
        this.perSecond = perSecond;
    }

    @Override
    public int perSecond() {
        return perSecond;
    }

    @Override
    public Future<Void> take() {
        long now = Math.floorDiv(clock.millis(), 1000);
        return slot(now, now);
    }

    private Future<Void> slot(long second, long now) {
        if (second - now > HORIZON_SECONDS) {
            return Future.failedFuture(new IllegalStateException("no room for a call within " + HORIZON_SECONDS + " seconds"));
        }
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(COUNT.run(redis.commands(), ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.callRate(second)}, new String[] {String.valueOf(second * 1000 + KEPT_MILLIS)})))
                // The n-th call of a second waits for its share of it: spread over the second, a short stall on the way to
                // Twilio does not bunch one second's calls into the next.
                .compose(n -> n <= perSecond ? until(second * 1000 + (n - 1) * 1000L / perSecond, 3).compose(v -> stillIn(second, now))
                        : slot(second + 1, now));
    }

    /**
     * A call woken after its second had passed (the machine stalled) would land in a later second beside that second's
     * own calls: it takes a new slot instead, from now (within the same horizon from the first asking).
     */
    private Future<Void> stillIn(long second, long asked) {
        long current = Math.floorDiv(clock.millis(), 1000);
        if (current <= second) return Future.succeededFuture();
        return slot(current, asked);
    }

    /**
     * Waits until {@code epochMillis} by the clock: a timer may fire a little early, so it is looked at again, a few
     * times at most (a clock that does not move, as in a test, never holds a call for ever).
     */
    private Future<Void> until(long epochMillis, int looks) {
        long wait = epochMillis - clock.millis();
        if (wait <= 0 || looks == 0) return Future.succeededFuture();
        Promise<Void> p = Promise.promise();
        vertx.setTimer(wait, id -> until(epochMillis, looks - 1).onComplete(p));
        return p.future();
    }
}
