package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisReconcileStoreTest extends RedisTestBase {
    private static final String JOB = "twilio";
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");

    private RedisReconcileStore store;

    @BeforeEach
    void createStore() {
        store = new RedisReconcileStore(redis);
    }

    @Test
    void oneOwnerAtATime() {
        List<Future<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 10; i++) racing.add(store.acquire(JOB, "owner-" + i, LEASE));
        result(Future.all(racing));
        assertEquals(1L, racing.stream().filter(Future::result).count(), "exactly one of ten racing rounds gets the lease");
        String holder = "owner-" + racing.indexOf(racing.stream().filter(Future::result).findFirst().orElseThrow());

        assertFalse(result(store.renew(JOB, "someone-else", LEASE)));
        assertTrue(result(store.renew(JOB, holder, LEASE)));
        result(store.release(JOB, "someone-else"));
        assertFalse(result(store.acquire(JOB, "late", LEASE)), "a stranger cannot release it");
        result(store.release(JOB, holder));
        assertTrue(result(store.acquire(JOB, "late", LEASE)), "free again after its owner gave it back");
    }

    @Test
    void anExpiredLeaseCanBeTakenAndItsOldOwnerWritesNothing() {
        assertTrue(result(store.acquire(JOB, "slow", Duration.ofMillis(50))));
        result(after(120));
        assertTrue(result(store.acquire(JOB, "next", LEASE)));
        assertFalse(result(store.advance(JOB, "slow", "+3197010200300", T)), "fenced: the old owner lost the lease");
        assertNull(result(store.checkpoint(JOB, "+3197010200300")));
        assertFalse(result(store.renew(JOB, "slow", LEASE)));
    }

    @Test
    void checkpointsMoveOnlyForwardAndPerSource() {
        assertTrue(result(store.acquire(JOB, "o", LEASE)));
        assertNull(result(store.checkpoint(JOB, "+3197010200300")));
        assertTrue(result(store.advance(JOB, "o", "+3197010200300", T)));
        assertTrue(result(store.advance(JOB, "o", "+3197010200300", T.minusSeconds(60))));
        assertEquals(T, result(store.checkpoint(JOB, "+3197010200300")), "never backward");
        assertTrue(result(store.advance(JOB, "o", "+3197010200300", T.plusSeconds(60))));
        assertEquals(T.plusSeconds(60), result(store.checkpoint(JOB, "+3197010200300")));
        assertNull(result(store.checkpoint(JOB, "whatsapp:+3197010200300")), "each number has its own");
    }

    @Test
    void badArgumentsFailTheFuture() {
        assertInstanceOf(IllegalArgumentException.class, failure(store.acquire(JOB, " ", LEASE)));
        assertInstanceOf(IllegalArgumentException.class, failure(store.acquire(JOB, "o", Duration.ZERO)));
        assertInstanceOf(IllegalArgumentException.class, failure(store.acquire("a:b", "o", LEASE)));
        assertInstanceOf(IllegalArgumentException.class, failure(store.checkpoint(JOB, "")));
        assertInstanceOf(IllegalArgumentException.class, failure(store.advance(JOB, "o", "+31", null)));
        sync(raw().hset(RedisKeys.reconcileCheckpoints(JOB), "+3197010200300", "gisteren"));
        assertInstanceOf(StoredDataException.class, failure(store.checkpoint(JOB, "+3197010200300")));
    }

    /** Lets a lease run out: a Vert.x timer, not a sleeping test thread. */
    private Future<Void> after(long millis) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(millis, t -> p.complete());
        return p.future();
    }
}
