package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.EventLog;
import nl.omkijken.runner.LiveEvents;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Sweeps;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.Test;

/**
 * The cross-instance event log: every commit leaves one entry, written in the same script; a follower
 * on another instance (its own Vert.x and Redis connection) sees them in order; the log and the dead
 * letters are trimmed by age.
 */
class RedisEventLogTest extends RedisTestBase {
    private static final String ID = "sandbox:ev-1";

    private void commit(int turn, Outbound... replies) {
        RedisConversationStore store = new RedisConversationStore(redis);
        Lock lock = result(store.lock(ID, Duration.ofSeconds(10), Duration.ofSeconds(5)));
        result(store.commit(lock, Turns.builder(ID, turn).outbound(replies).build()));
        result(store.unlock(lock));
    }

    @Test
    void commitsAreLoggedForEveryInstanceToFollow() {
        RedisEventLog log = new RedisEventLog(redis);
        assertEquals("0-0", result(log.latestId()));

        // Another instance follows from now on.
        Vertx other = Vertx.vertx();
        RedisConnection otherConn = result(RedisConnection.connect(other, server.url()));
        LiveEvents follower = new LiveEvents(other, new RedisEventLog(otherConn), Duration.ofMillis(20));
        List<JsonObject> seen = new CopyOnWriteArrayList<>();
        other.eventBus().<JsonObject>consumer(LiveEvents.ADDRESS, m -> seen.add(m.body()));
        String host = result(nl.omkijken.runner.PeriodicHost.deploy(other, List.of(follower)));
        try {
            commit(1, Turns.reply("out-1", ID, "hallo"));
            commit(2);

            Poll.until(() -> seen.size() >= 2, Duration.ofSeconds(10), "both events on the other instance");
            assertEquals("turn", seen.get(0).getString("type"));
            assertEquals(ID, seen.get(0).getString("conversation"));
            assertEquals("BOT", seen.get(0).getString("ownership"));
            assertEquals("turn", seen.get(1).getString("type"));
            assertTrue(seen.get(0).getString("id").compareTo(seen.get(1).getString("id")) < 0, "in order");

            List<EventLog.Entry> all = result(log.after("0-0", 10));
            assertEquals(2, all.size());
            assertEquals(List.of(all.get(1)), result(log.after(all.get(0).id(), 10)), "after an id: only what came later");
        } finally {
            result(other.undeploy(host));
            result(otherConn.close());
            result(other.close());
        }
    }

    @Test
    void whatBecameOfRepliesReachesConsolesOnEveryInstance() {
        Vertx other = Vertx.vertx();
        RedisConnection otherConn = result(RedisConnection.connect(other, server.url()));
        List<JsonObject> seen = new CopyOnWriteArrayList<>();
        other.eventBus().<JsonObject>consumer(LiveEvents.ADDRESS, m -> seen.add(m.body()));
        result(DeliveryNotices.follow(otherConn));
        try {
            RedisOutboxStore outbox = new RedisOutboxStore(redis);
            result(outbox.start());
            Outbound reply = Turns.reply("out-7", ID, "hallo");
            commit(1, reply);
            result(outbox.complete(result(outbox.claim("s", 10, Duration.ofSeconds(30))).get(0), "sent", "SM7"));
            Outbound refused = Turns.reply("out-8", ID, "nog iets");
            commit(2, refused);
            result(outbox.complete(result(outbox.claim("s", 10, Duration.ofSeconds(30))).get(0), "failed:21211", null));
            result(new RedisDeliveryStatusStore(redis).advance("SM7", nl.omkijken.runner.DeliveryStatus.DELIVERED, null,
                    "out-7", java.time.Instant.now()));
            Poll.until(() -> seen.size() >= 2, Duration.ofSeconds(10), "the send and the delivery on the other instance");
            assertEquals(new JsonObject().put("type", "send").put("outbound", "out-8").put("status", "failed:21211")
                    .put("conversation", ID), seen.get(0), "a reply that did not go out");
            assertEquals(new JsonObject().put("type", "delivery").put("outbound", "out-7").put("status", "DELIVERED"),
                    seen.get(1), "and the provider's report on one that did");
            assertEquals(2, seen.size(), "a reply that went out is reported by its delivery report, not twice");
        } finally {
            result(otherConn.close());
            result(other.close());
        }
    }

    @Test
    void theLogAndTheDeadLettersAreTrimmedByAge() {
        for (int i = 1; i <= 30; i++) commit(i);
        sync(raw().xadd(RedisKeys.INBOUND_DEAD, java.util.Map.of(RedisKeys.INBOUND_FIELD, "{\"text\":\"hallo\"}")));
        RedisEventLog log = new RedisEventLog(redis);
        assertEquals(30, result(log.after("0-0", 100)).size());
        Sweeps sweeps = new Sweeps(List.of(StreamTrim.events(redis, Duration.ofHours(1)),
                StreamTrim.deadLetters(redis, Duration.ofDays(180))), Clock.systemUTC(), Duration.ofMinutes(1));
        assertEquals(0L, result(sweeps.runOnce()), "nothing is old enough");
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(181));
        assertEquals(31L, result(new Sweeps(List.of(StreamTrim.events(redis, Duration.ofHours(1)),
                StreamTrim.deadLetters(redis, Duration.ofDays(180))), later, Duration.ofMinutes(1)).runOnce()));
        assertEquals(0, result(log.after("0-0", 100)).size());
        assertEquals(0L, sync(raw().xlen(RedisKeys.INBOUND_DEAD)), "no message text past retention");
        assertTrue(RedisKeys.EVENTS_MAX >= 1_000, "the cap keeps enough for a console that reconnects");
    }
}
