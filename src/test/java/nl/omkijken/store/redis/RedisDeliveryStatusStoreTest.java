package nl.omkijken.store.redis;

import static nl.omkijken.runner.DeliveryStatus.DELIVERED;
import static nl.omkijken.runner.DeliveryStatus.FAILED;
import static nl.omkijken.runner.DeliveryStatus.QUEUED;
import static nl.omkijken.runner.DeliveryStatus.READ;
import static nl.omkijken.runner.DeliveryStatus.SENDING;
import static nl.omkijken.runner.DeliveryStatus.SENT;
import static nl.omkijken.runner.DeliveryStatus.UNDELIVERED;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.omkijken.runner.DeliveryStatus;
import nl.omkijken.runner.DeliveryStatusStore;
import org.junit.jupiter.api.Test;

/** Status callbacks arrive in any order and twice; the stored status only moves forward. */
class RedisDeliveryStatusStoreTest extends RedisTestBase {
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    private DeliveryStatus play(DeliveryStatus... sequence) {
        RedisDeliveryStatusStore store = new RedisDeliveryStatusStore(redis);
        for (int i = 0; i < sequence.length; i++) {
            String code = sequence[i].isFinal() ? "30003" : null;
            result(store.advance(SID, sequence[i], code, "out-1", AT.plusSeconds(i)));
        }
        return result(store.get(SID)).status();
    }

    @Test
    void inOrderEndsAtTheLast() {
        assertEquals(READ, play(QUEUED, SENDING, SENT, DELIVERED, READ));
    }

    @Test
    void outOfOrderNeverMovesBack() {
        server.flushAll();
        assertEquals(SENT, play(SENT, QUEUED));
        server.flushAll();
        assertEquals(DELIVERED, play(DELIVERED, SENT, SENDING, QUEUED));
        server.flushAll();
        assertEquals(READ, play(READ, DELIVERED, SENT));
        server.flushAll();
        assertEquals(DELIVERED, play(SENT, DELIVERED, SENDING));
    }

    @Test
    void aFailureIsFinalAndBeatsEverythingNotFinal() {
        server.flushAll();
        assertEquals(FAILED, play(FAILED, SENT, DELIVERED, READ));
        server.flushAll();
        assertEquals(UNDELIVERED, play(SENT, DELIVERED, UNDELIVERED));
        server.flushAll();
        assertEquals(UNDELIVERED, play(UNDELIVERED, FAILED), "the first final status stays");
    }

    @Test
    void theAnswerSaysWhetherItChangedAndTheRecordKeepsCodeAndOutbound() {
        RedisDeliveryStatusStore store = new RedisDeliveryStatusStore(redis);
        assertTrue(result(store.advance(SID, SENT, null, "out-1", AT)));
        assertFalse(result(store.advance(SID, SENT, null, "out-1", AT.plusSeconds(1))), "a repeat");
        assertFalse(result(store.advance(SID, QUEUED, null, "out-1", AT.plusSeconds(2))), "stale");
        assertTrue(result(store.advance(SID, UNDELIVERED, "30003", null, AT.plusSeconds(3))));
        DeliveryStatusStore.Record r = result(store.get(SID));
        assertEquals(UNDELIVERED, r.status());
        assertEquals("30003", r.errorCode());
        assertEquals("out-1", r.outboundId(), "kept from the earlier callback");
        assertEquals(AT.plusSeconds(3), r.at());
        long ttl = sync(raw().ttl(RedisKeys.delivery(SID)));
        assertTrue(ttl > 29L * 24 * 3600 && ttl <= 30L * 24 * 3600, "expires after 30 days: " + ttl);
    }

    @Test
    void nothingRecordedIsNull() {
        assertNull(result(new RedisDeliveryStatusStore(redis).get("SMnothing")));
    }

    @Test
    void concurrentCallbacksInAnyOrderEndAtTheFurthestStatus() {
        RedisDeliveryStatusStore store = new RedisDeliveryStatusStore(redis);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            String sid = "SM" + round;
            List<DeliveryStatus> callbacks = new ArrayList<>(List.of(QUEUED, SENDING, SENT, DELIVERED, READ, SENT, DELIVERED));
            Collections.shuffle(callbacks, random);
            List<Future<Boolean>> all = new ArrayList<>();
            for (DeliveryStatus s : callbacks) all.add(store.advance(sid, s, null, null, AT));
            result(Future.all(all));
            assertEquals(READ, result(store.get(sid)).status(), "round " + round + ": " + callbacks);
        }
    }

    @Test
    void theRuleInJavaMatchesTheScript() {
        for (DeliveryStatus current : DeliveryStatus.values()) {
            for (DeliveryStatus next : DeliveryStatus.values()) {
                server.flushAll();
                RedisDeliveryStatusStore store = new RedisDeliveryStatusStore(redis);
                result(store.advance(SID, current, null, null, AT));
                boolean changed = result(store.advance(SID, next, null, null, AT));
                assertEquals(next.advances(current), changed, current + " -> " + next);
            }
        }
    }

    @Test
    void badArgumentsFailTheFuture() {
        RedisDeliveryStatusStore store = new RedisDeliveryStatusStore(redis);
        assertTrue(nl.omkijken.testing.Await.failure(store.advance("", SENT, null, null, AT)) instanceof IllegalArgumentException);
        assertTrue(nl.omkijken.testing.Await.failure(store.advance(SID, null, null, null, AT)) instanceof IllegalArgumentException);
    }
}
