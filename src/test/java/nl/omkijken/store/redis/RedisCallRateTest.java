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
}
