package nl.omkijken.store.redis;

import nl.omkijken.people.Address;
import nl.omkijken.testing.TestPeople;
import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.runner.ConversationStore.AlreadyHandledException;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.InboundReceipt;
import nl.omkijken.runner.InboundSource.Batch;
import nl.omkijken.runner.InboundSource.Entry;
import nl.omkijken.runner.InboundSource.Leases;
import nl.omkijken.runner.TurnCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading side of the inbound queue against a real redis-server: leases, order, takeover, dead letters. */
class RedisInboundSourceTest extends RedisTestBase {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration LONG_IDLE = Duration.ofMinutes(5);
    /** Idle time after which another owner may take an entry over, in the takeover tests. */
    private static final Duration TAKEOVER_IDLE = Duration.ofMillis(10);

    /**
     * Redis measures an entry's idle time on its own clock: let more than {@link #TAKEOVER_IDLE}
     * pass, so a takeover read finds the entries idle however fast or loaded the machine is.
     */
    private static void letIdle() {
        long until = System.nanoTime() + TAKEOVER_IDLE.toNanos() + 5_000_000L;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    /** One partition: every conversation shares it, which is what the order rules are about. */
    private final InboundPartitions one = new InboundPartitions(1);

    private RedisInboundQueue queue() {
        return new RedisInboundQueue(redis, one, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis));
    }

    private RedisInboundSource source() {
        return new RedisInboundSource(redis, one);
    }

    private static Inbound message(String sender, String text) {
        return Inbound.from(new Address("sms", sender, sender), "luisterlijn", "nl", text, null, AT, java.util.List.of());
    }

    private static List<String> texts(Batch batch) {
        return batch.entries().stream().map(e -> e.message().text()).toList();
    }

    private Batch read(RedisInboundSource source, String owner, int max, Duration claimIdle, int maxDeliveries) {
        return result(source.read(0, owner, max, claimIdle, maxDeliveries, false, List.of()));
    }

    @Test
    void oneInstanceTakesAllPartitionsAndASecondGetsItsShareWhenTheFirstGivesBack() {
        RedisInboundSource source = new RedisInboundSource(redis, new InboundPartitions(4));
        Leases a = result(source.keepLeases("a", LEASE));
        assertEquals(Set.of(0, 1, 2, 3), a.held());
        assertEquals(Set.of(0, 1, 2, 3), a.acquired());
        assertEquals(1, a.instances());

        Leases b = result(source.keepLeases("b", LEASE));
        assertEquals(2, b.instances());
        assertEquals(2, b.share());
        assertEquals(Set.of(), b.held(), "all partitions are taken");

        Leases again = result(source.keepLeases("a", LEASE));
        assertEquals(Set.of(0, 1, 2, 3), again.held(), "a keeps what it holds until it gives it back");
        assertEquals(Set.of(), again.acquired());
        result(source.release(3, "a"));
        result(source.release(2, "a"));
        result(source.release(1, "b")); // not b's: nothing happens
        b = result(source.keepLeases("b", LEASE));
        assertEquals(Set.of(2, 3), b.held());
        assertEquals(Set.of(0, 1), result(source.keepLeases("a", LEASE)).held());

        result(source.leave("a"));
        b = result(source.keepLeases("b", LEASE));
        assertEquals(1, b.instances());
        assertEquals(Set.of(0, 1, 2, 3), b.held());
        assertEquals(Set.of(0, 1), b.acquired());
    }

    @Test
    void aLeaseThatRunsOutIsTakenByTheNextInstance() {
        RedisInboundSource source = new RedisInboundSource(redis, new InboundPartitions(2));
        assertEquals(Set.of(0, 1), result(source.keepLeases("dead", Duration.ofMillis(100))).held());
        assertEquals(Set.of(), result(source.keepLeases("alive", LEASE)).held());
        Promise<Void> later = Promise.promise();
        vertx.setTimer(200, t -> later.complete());
        result(later.future());
        Leases taken = result(source.keepLeases("alive", LEASE));
        assertEquals(1, taken.instances(), "the dead instance's membership ran out too");
        assertEquals(Set.of(0, 1), taken.held());
    }

    @Test
    void onlyTheLeaseHolderReads() {
        result(queue().offer(message("1", "hoi")));
        RedisInboundSource source = source();
        assertFalse(read(source, "nobody", 10, LONG_IDLE, 5).leaseHeld());
        result(source.keepLeases("a", LEASE));
        assertFalse(read(source, "b", 10, LONG_IDLE, 5).leaseHeld());
        Batch batch = read(source, "a", 10, LONG_IDLE, 5);
        assertTrue(batch.leaseHeld());
        assertEquals(List.of("hoi"), texts(batch));
        assertEquals(new InboundReceipt(0, batch.entries().get(0).receipt().entryId()), batch.entries().get(0).receipt());
    }

    @Test
    void entriesComeInStreamOrderInBatchesAndPendingOnesComeBackFirst() {
        RedisInboundQueue queue = queue();
        List<Future<?>> offers = new ArrayList<>();
        for (int i = 0; i < 7; i++) offers.add(queue.offer(message("c" + (i % 2), "m" + i)));
        result(Future.all(offers));
        RedisInboundSource source = source();
        result(source.keepLeases("a", LEASE));

        Batch first = read(source, "a", 3, LONG_IDLE, 5);
        assertEquals(List.of("m0", "m1", "m2"), texts(first));
        // Nothing settled: the same three come back (oldest first) before anything new.
        assertEquals(List.of("m0", "m1", "m2"), texts(read(source, "a", 3, LONG_IDLE, 5)));
        // Settle m0 and m1 as a commit would; m2 stays pending and comes first, then new ones.
        ack(first.entries().get(0));
        ack(first.entries().get(1));
        assertEquals(List.of("m2", "m3", "m4"), texts(read(source, "a", 3, LONG_IDLE, 5)));
    }

    @Test
    void anEntryDeliveredTooOftenGoesToTheDeadLettersWithItsDeliveryCount() {
        result(queue().offer(message("poison", "kapot")));
        RedisInboundSource source = source();
        result(source.keepLeases("a", LEASE));
        for (int delivery = 1; delivery <= 3; delivery++) {
            assertEquals(List.of("kapot"), texts(read(source, "a", 10, LONG_IDLE, 3)), "delivery " + delivery);
        }
        Batch fourth = read(source, "a", 10, LONG_IDLE, 3);
        assertEquals(List.of(), fourth.entries());
        assertEquals(1, fourth.deadLettered().size());
        assertEquals(0L, sync(raw().xlen(RedisKeys.inbound(0))));
        assertEquals(0L, pendingCount());
        List<StreamMessage<String, String>> dead = sync(raw().xrange(RedisKeys.INBOUND_DEAD, Range.create("-", "+")));
        assertEquals(1, dead.size());
        Map<String, String> body = dead.get(0).getBody();
        assertEquals("3", body.get("deliveries"));
        assertEquals(RedisKeys.inbound(0), body.get("stream"));
        assertEquals(fourth.deadLettered().get(0), body.get("entry"));
        assertEquals("kapot", InboundCodec.decode(body.get(RedisKeys.INBOUND_FIELD), body.get("conv")).text());
        assertEquals(TestPeople.conversationOf(redis, "sms", "poison"), body.get("conv"), "the dead letter keeps its conversation");
    }

    @Test
    void entriesNotAttemptedGetTheirDeliveryBackSoOnlyTheFailingOneIsDeadLettered() {
        RedisInboundQueue queue = queue();
        result(queue.offer(message("x", "fails")));
        result(queue.offer(message("x", "waits")));
        RedisInboundSource source = source();
        result(source.keepLeases("a", LEASE));
        List<String> notAttempted = List.of();
        for (int delivery = 1; delivery <= 2; delivery++) {
            Batch b = result(source.read(0, "a", 10, LONG_IDLE, 2, false, notAttempted));
            assertEquals(List.of("fails", "waits"), texts(b));
            notAttempted = List.of(b.entries().get(1).receipt().entryId());
        }
        Batch third = result(source.read(0, "a", 10, LONG_IDLE, 2, false, notAttempted));
        assertEquals(1, third.deadLettered().size(), "only the message that was tried twice");
        assertEquals(List.of("waits"), texts(third));
    }

    @Test
    void aNewOwnerTakesOverIdleEntriesBeforeReadingNewOnes() {
        RedisInboundQueue queue = queue();
        RedisInboundSource source = source();
        result(queue.offer(message("a", "old 1")));
        result(queue.offer(message("a", "old 2")));
        result(source.keepLeases("first", LEASE));
        assertEquals(List.of("old 1", "old 2"), texts(read(source, "first", 10, LONG_IDLE, 5)));
        result(source.leave("first"));
        result(queue.offer(message("a", "new 3")));

        result(source.keepLeases("second", LEASE));
        // Not idle long enough to take over: nothing newer may overtake them, so nothing is read.
        Batch waiting = result(source.read(0, "second", 10, LONG_IDLE, 5, true, List.of()));
        assertTrue(waiting.leaseHeld());
        assertEquals(List.of(), waiting.entries());

        letIdle();
        Batch taken = result(source.read(0, "second", 10, TAKEOVER_IDLE, 5, true, List.of()));
        assertEquals(2, taken.claimed());
        assertEquals(List.of("old 1", "old 2", "new 3"), texts(taken));
        // The earlier owner, with nothing pending any more, is forgotten by the group.
        List<Object> consumers = sync(raw().xinfoConsumers(RedisKeys.inbound(0), RedisKeys.INBOUND_GROUP));
        assertEquals(1, consumers.size(), consumers.toString());
    }

    @Test
    void aCommitWithTheReceiptSettlesTheEntryAndASecondCommitForItWritesNothing() {
        result(queue().offer(message("once", "hoi")));
        RedisInboundSource source = source();
        result(source.keepLeases("a", LEASE));
        Entry entry = read(source, "a", 10, LONG_IDLE, 5).entries().get(0);
        String id = TestPeople.conversationOf(redis, "sms", "once");
        RedisConversationStore store = new RedisConversationStore(redis);

        Lock lock = result(store.lock(id, LEASE, LEASE));
        result(store.commit(lock, withReceipt(Turns.plain(id, 1, "hoi", "hallo"), entry.receipt())));
        assertEquals(0L, sync(raw().xlen(RedisKeys.inbound(0))), "entry deleted");
        assertEquals(0L, pendingCount(), "entry acknowledged");

        Throwable again = failure(store.commit(lock, withReceipt(Turns.plain(id, 2, "hoi", "nog eens"), entry.receipt())));
        assertInstanceOf(AlreadyHandledException.class, again);
        assertEquals(1, result(store.load(id)).session().turns(), "the second turn wrote nothing");
        assertEquals(2, result(store.transcript(id)).size());
        letIdle();
        assertEquals(List.of(), texts(read(source, "a", 10, TAKEOVER_IDLE, 5)));
    }

    @Test
    void theWholeCycleWorksOnTheBundledRedis62(@TempDir Path dir) throws IOException {
        EmbeddedRedis old = EmbeddedRedis.start(dir, 0, RedisBinary.bundled(), EmbeddedRedis.DEFAULT_START_TIMEOUT);
        try {
            assertEquals(6, old.program().major());
            RedisConnection conn = result(RedisConnection.connect(vertx, old.url()));
            RedisInboundQueue queue = new RedisInboundQueue(conn, one, Duration.ofMinutes(1), TestPeople.of(conn));
            RedisInboundSource source = new RedisInboundSource(conn, one);
            assertEquals(InboundQueue.Offer.ACCEPTED, result(queue.offer(message("old", "een"))));
            assertEquals(InboundQueue.Offer.ACCEPTED, result(queue.offer(message("old", "twee"))));
            result(source.keepLeases("first", LEASE));
            Batch first = result(source.read(0, "first", 10, LONG_IDLE, 2, true, List.of()));
            assertEquals(List.of("een", "twee"), texts(first));
            result(source.leave("first"));
            result(source.keepLeases("second", LEASE));
            letIdle();
            Batch taken = result(source.read(0, "second", 10, TAKEOVER_IDLE, 2, true, List.of()));
            assertEquals(2, taken.claimed());
            assertEquals(List.of("een", "twee"), texts(taken));
            letIdle();
            // The takeover gave back the delivery the first owner died with: one more try before the end.
            assertEquals(List.of("een", "twee"), texts(result(source.read(0, "second", 10, TAKEOVER_IDLE, 2, false, List.of()))));
            letIdle();
            Batch dead = result(source.read(0, "second", 10, TAKEOVER_IDLE, 2, false, List.of()));
            assertEquals(2, dead.deadLettered().size());
            assertEquals(2L, result(conn.toFuture(conn.commands().xlen(RedisKeys.INBOUND_DEAD))));

            result(queue.offer(message("old", "drie")));
            Entry entry = result(source.read(0, "second", 10, LONG_IDLE, 2, false, List.of())).entries().get(0);
            RedisConversationStore store = new RedisConversationStore(conn);
            String oldConv = TestPeople.conversationOf(conn, "sms", "old");
            Lock lock = result(store.lock(oldConv, LEASE, LEASE));
            result(store.commit(lock, withReceipt(Turns.plain(oldConv, 1, "drie", "ok"), entry.receipt())));
            assertInstanceOf(AlreadyHandledException.class,
                    failure(store.commit(lock, withReceipt(Turns.plain(oldConv, 2, "drie", "ok"), entry.receipt()))));
            result(conn.close());
        } finally {
            old.stop();
        }
    }

    private static TurnCommit withReceipt(TurnCommit c, InboundReceipt receipt) {
        return new TurnCommit(c.conversationId(), c.channel(), c.address(), c.session(), c.contact(), c.transcript(),
                c.timers(), c.outbound(), c.handoff(), c.firedTimerId(), c.firedFence(), receipt);
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        RedisInboundSource source = source();
        Throwable e = failure(source.read(1, "a", 10, LONG_IDLE, 5, false, List.of()));
        assertTrue(e.getMessage().contains("partition must be 0-0"), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, failure(source.read(0, " ", 10, LONG_IDLE, 5, false, List.of())));
        assertInstanceOf(IllegalArgumentException.class, failure(source.read(0, "a", 0, LONG_IDLE, 5, false, List.of())));
        assertInstanceOf(IllegalArgumentException.class, failure(source.keepLeases("a", Duration.ZERO)));
    }

    private void ack(Entry e) {
        String stream = RedisKeys.inbound(e.receipt().partition());
        sync(raw().xack(stream, RedisKeys.INBOUND_GROUP, e.receipt().entryId()));
        sync(raw().xdel(stream, e.receipt().entryId()));
    }

    private long pendingCount() {
        return sync(raw().xpending(RedisKeys.inbound(0), RedisKeys.INBOUND_GROUP)).getCount();
    }
}
