package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.omkijken.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * The account's calls-per-second limit on a real redis-server and the real clock: calls asked for all at once,
 * by two "instances" (two limiters on one Redis), go out at most the limit in any second, none lost.
 */
class RedisCallRateTest extends RedisTestBase {
    @Test
    void callsAskedAtOnceByTwoInstancesStayWithinTheLimitEverySecond() {
        RedisCallRate a = new RedisCallRate(redis, vertx, Clock.systemUTC(), 3);
        RedisCallRate b = new RedisCallRate(redis, vertx, Clock.systemUTC(), 3);
        List<Long> placedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (RedisCallRate r : List.of(a, b)) all.add(r.take().onSuccess(v -> placedAt.add(System.currentTimeMillis())));
        }
        Await.result(Future.all(all));
        assertEquals(20, placedAt.size());
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (long t : placedAt) perSecond.merge(t / 1000, 1, Integer::sum);
        for (Map.Entry<Long, Integer> e : perSecond.entrySet()) {
            assertTrue(e.getValue() <= 3, "second " + e.getKey() + " had " + e.getValue() + " calls: " + perSecond);
        }
        assertTrue(perSecond.size() >= 7, "20 calls at 3 a second take at least 7 seconds: " + perSecond);
    }

    /**
     * A call woken after its second passed (the machine stalled: here the clock jumps two seconds while it waits) takes a
     * new slot in the second it is in, rather than going out beside that second's own calls.
     */
    @Test
    void aCallWokenAfterItsSecondPassedTakesANewSlot() {
        long start = (System.currentTimeMillis() / 1000 + 100) * 1000;
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(start + 100);
        Clock stalling = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        RedisCallRate rate = new RedisCallRate(redis, vertx, stalling, 2);
        // Second S: the first call goes at once; ours is its second, due at S + 0.5 s, and while it waits the clock jumps.
        Await.result(rate.take());
        Future<Void> ours = rate.take();
        vertx.setTimer(100, t -> now.set(start + 2_300));
        Await.result(ours);
        long s = start / 1000;
        assertEquals("2", Await.result(redis.toFuture(redis.commands().get(RedisKeys.callRate(s)))), "S counted both (its slot is spent)");
        assertEquals("1", Await.result(redis.toFuture(redis.commands().get(RedisKeys.callRate(s + 2)))), "ours went out in S + 2, newly counted");
    }
}
