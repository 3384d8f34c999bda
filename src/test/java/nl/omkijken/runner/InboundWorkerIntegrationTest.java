package nl.omkijken.runner;

import nl.omkijken.people.Address;
import nl.omkijken.testing.TestPeople;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.InboundQueue.Offer;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisInboundSource;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durable inbound path with every real part: redis-server, the queue and source in store/redis, the
 * worker, and the real runner with the project's dialogs and language layer. Instances are separate
 * Vert.x instances with their own Redis connections, as separate processes would be.
 */
class InboundWorkerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RedisServer redis;
    private static DialogSet dialogs;
    private static RedisClient rawClient;
    private static StatefulRedisConnection<String, String> rawConnection;

    private final List<Instance> instances = new ArrayList<>();
    private final Vertx testVertx = Vertx.vertx();

    /** Fast leases and polls, so takeovers happen within a test's patience. */
    private static InboundWorker.Options fast(int maxDeliveries, Duration retryDelay) {
        return new InboundWorker.Options(100, Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(20),
                Duration.ofMillis(200), maxDeliveries, retryDelay, retryDelay.multipliedBy(4));
    }

    /** One service instance: Vert.x, Redis connection, runner, inbound queue and worker. */
    private final class Instance {
        final Vertx vertx = Vertx.vertx();
        final RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        final RedisConversationStore store = new RedisConversationStore(conn);
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final Pseudonym pseudonym = new Pseudonym("test-key-0123456789abcdef".getBytes());
        final TurnRunner runner;
        final InboundPipeline pipeline;
        boolean closed;

        Instance(String name, InboundPartitions partitions, InboundWorker.Options options, Duration lockWait) {
            runner = new TurnRunner(vertx, new Engine(dialogs), store, Nlu.shared(), Clock.systemUTC(),
                    new TurnRunner.Options(Duration.ofSeconds(30), lockWait, "nl"), metrics, pseudonym);
            pipeline = new InboundPipeline(vertx, new RedisInboundQueue(conn, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(conn)),
                    new RedisInboundSource(conn, partitions), runner, options, metrics, pseudonym, name,
                    // Two event-loop lanes, as on a 2-core host: turns of different conversations run side by side.
                    Await.result(Lanes.deploy(vertx, 2)));
        }

        Instance start() {
            Await.result(pipeline.start());
            return this;
        }

        Offer offer(Inbound in) {
            return Await.result(pipeline.queue().offer(in));
        }

        double turns() {
            return metrics.find("omk_turns_total").counters().stream().mapToDouble(c -> c.count()).sum();
        }

        /** Dies without a word: the connection drops, the event loops stop, no lease is given back. */
        void crash() {
            closed = true;
            Await.result(conn.close());
            Await.result(vertx.close());
        }

        void close() {
            if (closed) return;
            closed = true;
            Await.result(pipeline.stop());
            Await.result(conn.close());
            Await.result(vertx.close());
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        var loaded = DialogLoader.load(Path.of("dialogs"));
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        dialogs = loaded.dialogSet();
        rawClient = RedisClient.create(redis.url());
        rawConnection = rawClient.connect();
    }

    @AfterAll
    static void stop() {
        rawConnection.close();
        rawClient.shutdown();
        redis.stop();
    }

    @BeforeEach
    void clean() {
        redis.flushAll();
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(Instance::close);
        // Its own Lettuce threads: closing Vert.x does not end them (left open, they keep reconnecting for the
        // rest of the run once this class's Redis stops).
        if (peopleConn != null) Await.result(peopleConn.close());
        Await.result(testVertx.close());
    }

    private Instance instance(String name, InboundPartitions partitions, InboundWorker.Options options, Duration lockWait) {
        Instance i = new Instance(name, partitions, options, lockWait);
        instances.add(i);
        return i;
    }

    private Instance instance(String name) {
        return instance(name, new InboundPartitions(16), fast(5, Duration.ofMillis(100)), Duration.ofSeconds(20));
    }

    private static RedisCommands<String, String> raw() {
        return rawConnection.sync();
    }

    private static Inbound sms(String number, String text, String providerId) {
        return Inbound.from(new Address("sms", number, number), "luisterlijn", "nl", text, providerId, Instant.now(), List.of());
    }

    /** The test's own connection, to find conversations by their sender's address. */
    private RedisConnection peopleConn;

    /**
     * The conversation id of a sender ("sms:+316..."), made now when it did not write yet (as its first
     * message would make it), so a test can lock or break a conversation before its first message.
     */
    private String id(String sender) {
        if (peopleConn == null) peopleConn = Await.result(RedisConnection.connect(testVertx, redis.url()));
        int colon = sender.indexOf(':');
        String handle = sender.substring(colon + 1);
        return TestPeople.resolve(peopleConn, new Address(sender.substring(0, colon), handle, handle)).conversationId();
    }

    @Test
    void aCrashBetweenAcknowledgementAndProcessingLosesNothingAndTheTurnRunsOnce() {
        String conv = "sms:+31600000001";
        Instance first = instance("first");
        assertEquals(Offer.ACCEPTED, first.offer(sms("+31600000001", "hallo, is daar iemand", "SM-crash")));

        // Someone else holds the conversation, so the first instance reads the message but cannot run it.
        RedisConversationStore other = new RedisConversationStore(first.conn);
        ConversationStore.Lock held = Await.result(other.lock(id(conv), Duration.ofMinutes(1), Duration.ofSeconds(5)));
        first.start();
        awaitUntil("the first instance read the message", () -> pendingOf(conv, "first") == 1);
        first.crash();
        assertEquals(0, first.turns());

        Instance second = instance("second");
        Await.result(second.store.unlock(held));
        second.start();
        awaitUntil("the second instance ran the message", () -> inbound(conv).size() == 1);
        awaitUntil("the entry is settled", () -> streamLength(conv) == 0 && pendingTotal(conv) == 0);
        assertEquals(List.of("hallo, is daar iemand"), inbound(conv));
        assertEquals(1, Await.result(second.store.load(id(conv))).session().turns());
        assertEquals(1.0, second.turns());
        // The provider's retry of the same webhook is a duplicate: no second turn.
        assertEquals(Offer.DUPLICATE, second.offer(sms("+31600000001", "hallo, is daar iemand", "SM-crash")));
    }

    @Test
    void fiftyMessagesOfferedAtOnceToOneConversationGiveFiftyTurnsInOrderAndFiftyReplies() {
        String conv = "sms:+31600000050";
        Instance a = instance("a").start();
        List<Future<Offer>> offers = new ArrayList<>();
        for (int i = 0; i < 50; i++) offers.add(a.pipeline.queue().offer(sms("+31600000050", "bericht " + i, "SM50-" + i)));
        Await.result(Future.all(offers));
        offers.forEach(o -> assertEquals(Offer.ACCEPTED, o.result()));

        awaitUntil("50 turns", () -> inbound(conv).size() == 50);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) expected.add("bericht " + i);
        assertEquals(expected, inbound(conv));
        assertEquals(50, Await.result(a.store.load(id(conv))).session().turns());
        assertRepliesFollowEachMessage(a, conv, 50);
    }

    @Test
    void twoInstancesShareThePartitionsAndRunEveryMessageOnceAndInOrder() {
        InboundPartitions partitions = new InboundPartitions(16);
        Instance a = instance("a").start();
        Instance b = instance("b").start();
        awaitUntil("the partitions are shared", () -> held(a).size() == 8 && held(b).size() == 8);

        // Round by round, so each conversation's order of arrival is known; within a round the
        // conversations' messages come in at once, through both instances.
        for (int round = 0; round < 10; round++) {
            List<Future<Offer>> offers = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                Instance by = (round + c) % 2 == 0 ? a : b;
                offers.add(by.pipeline.queue().offer(sms("+316100000" + (10 + c), "m" + round, "SM2-" + c + "-" + round)));
            }
            Await.result(Future.all(offers));
        }
        awaitUntil("200 turns", () -> a.turns() + b.turns() == 200);
        assertTrue(a.turns() > 0 && b.turns() > 0, "both instances ran turns: " + a.turns() + " / " + b.turns());
        List<String> expected = List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        for (int c = 0; c < 20; c++) {
            String conv = "sms:+316100000" + (10 + c);
            assertEquals(expected, inbound(conv), conv);
            assertEquals(10, Await.result(a.store.load(id(conv))).session().turns(), conv);
            assertRepliesFollowEachMessage(a, conv, 10);
        }
        for (int p = 0; p < partitions.count(); p++) assertEquals(0L, raw().xlen(RedisKeys.inbound(p)));

        // A clean stop gives the partitions back; the other instance takes them at its next round.
        a.close();
        awaitUntil("b holds every partition", () -> held(b).size() == 16);
    }

    @Test
    void aFailedMessageHoldsBackTheLaterOnesOfItsConversationOnlyAndTheyRunInOrderOnRetry() {
        // One partition: the blocked conversation and the free one share it.
        Instance a = instance("a", new InboundPartitions(1), fast(50, Duration.ofMillis(100)), Duration.ofMillis(200));
        String blocked = "sms:+31600000077";
        String free = "sms:+31600000078";
        ConversationStore.Lock held = Await.result(a.store.lock(id(blocked), Duration.ofMinutes(1), Duration.ofSeconds(5)));
        a.offer(sms("+31600000077", "eerste", "SM7-1"));
        a.offer(sms("+31600000077", "tweede", "SM7-2"));
        a.offer(sms("+31600000078", "los", "SM8-1"));
        a.start();

        awaitUntil("the other conversation went ahead", () -> inbound(free).size() == 1);
        awaitUntil("the blocked message was tried more than once",
                () -> a.metrics.counter("omk_inbound_failures_total", "reason", "locked").count() >= 2);
        assertEquals(List.of(), inbound(blocked));
        // A lock held elsewhere is not the message's fault: neither it nor the one behind it counts its
        // deliveries (each is given back), so waiting out a lock never leads to the dead letters.
        List<Long> deliveries = deliveries(blocked);
        assertEquals(2, deliveries.size());
        assertTrue(deliveries.get(0) <= 1 && deliveries.get(1) <= 1, deliveries.toString());

        Await.result(a.store.unlock(held));
        awaitUntil("both ran", () -> inbound(blocked).size() == 2);
        assertEquals(List.of("eerste", "tweede"), inbound(blocked));
        assertEquals(2, Await.result(a.store.load(id(blocked))).session().turns());
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterItsDeliveriesAndCounted() {
        Instance a = instance("a", new InboundPartitions(1), fast(3, Duration.ofMillis(20)), Duration.ofSeconds(5));
        String broken = "sms:+31600000099";
        // A conversation whose stored session cannot be read: every turn of it fails.
        raw().set(RedisKeys.session(id(broken)), "{not json");
        a.offer(sms("+31600000099", "gif", "SM9-1"));
        a.offer(sms("+31600000098", "gezond", "SM9-2"));
        a.start();

        awaitUntil("dead-lettered", () -> raw().xlen(RedisKeys.INBOUND_DEAD) == 1);
        awaitUntil("the healthy message ran", () -> inbound("sms:+31600000098").size() == 1);
        List<StreamMessage<String, String>> dead = raw().xrange(RedisKeys.INBOUND_DEAD, Range.create("-", "+"));
        assertEquals("3", dead.get(0).getBody().get("deliveries"));
        assertTrue(dead.get(0).getBody().get(RedisKeys.INBOUND_FIELD).contains("\"providerId\":\"SM9-1\""));
        assertEquals(1.0, a.metrics.counter("omk_inbound_dead_letters_total").count());
        assertEquals(3.0, a.metrics.counter("omk_inbound_failures_total", "reason", "turn").count());
        assertEquals(0L, raw().xlen(RedisKeys.inbound(0)));
    }

    @Test
    void aConversationLockedLongerThanTheDeliveriesAllowIsWaitedOutNotDeadLettered() {
        // Two deliveries at most, a 200 ms lock wait: the lock a dead instance left (2 s lease) makes
        // several attempts time out. They are not the message's fault and cost it no delivery.
        Instance a = instance("a", new InboundPartitions(1), fast(2, Duration.ofMillis(20)), Duration.ofMillis(200));
        String conv = "sms:+31600000077";
        RedisConversationStore dead = new RedisConversationStore(a.conn);
        Await.result(dead.lock(id(conv), Duration.ofSeconds(2), Duration.ofSeconds(1)));
        a.offer(sms("+31600000077", "hallo, ik ben er nog", "SM-locked"));
        a.start();
        awaitUntil("the message ran once the dead lock ran out", () -> inbound(conv).size() == 1);
        assertEquals(0L, raw().xlen(RedisKeys.INBOUND_DEAD), "never given up");
        assertTrue(a.metrics.counter("omk_inbound_failures_total", "reason", "locked").count() >= 2,
                "it did meet the lock more often than it may be delivered");
    }

    @Test
    void aMessagePendingThroughMoreCrashesThanItsDeliveriesAllowIsStillHandled() {
        // Two deliveries at most; four instances in a row die while the message is theirs (each reads it,
        // finds its conversation busy, and is killed). None of that is the message's fault.
        String conv = "sms:+31600000066";
        RedisConversationStore other = new RedisConversationStore(instance("lock-holder", new InboundPartitions(1),
                fast(2, Duration.ofMillis(20)), Duration.ofMillis(100)).conn);
        ConversationStore.Lock held = Await.result(other.lock(id(conv), Duration.ofMinutes(1), Duration.ofSeconds(1)));
        boolean offered = false;
        for (int i = 0; i < 4; i++) {
            Instance doomed = instance("doomed-" + i, new InboundPartitions(1), fast(2, Duration.ofMillis(20)), Duration.ofMillis(100));
            if (!offered) {
                doomed.offer(sms("+31600000066", "ik ben er nog steeds", "SM-crashes"));
                offered = true;
            }
            doomed.start();
            String name = "doomed-" + i;
            awaitUntil("instance " + i + " has the message", () -> pendingOf(conv, name) == 1);
            doomed.crash();
        }
        assertEquals(0L, raw().xlen(RedisKeys.INBOUND_DEAD), "not given up while instances died");
        Instance survivor = instance("survivor", new InboundPartitions(1), fast(2, Duration.ofMillis(20)), Duration.ofSeconds(5));
        Await.result(other.unlock(held));
        survivor.start();
        awaitUntil("the message ran", () -> inbound(conv).size() == 1);
        assertEquals(0L, raw().xlen(RedisKeys.INBOUND_DEAD));
    }

    @Test
    void anUnreadableEntryIsDeadLetteredToo() {
        Instance a = instance("a", new InboundPartitions(1), fast(2, Duration.ofMillis(20)), Duration.ofSeconds(5));
        raw().xadd(RedisKeys.inbound(0), Map.of(RedisKeys.INBOUND_FIELD, "{\"channel\":\"sms\"}"));
        a.start();
        awaitUntil("dead-lettered", () -> raw().xlen(RedisKeys.INBOUND_DEAD) == 1);
        assertEquals(2.0, a.metrics.counter("omk_inbound_failures_total", "reason", "unreadable").count());
        assertEquals(0.0, a.turns());
    }

    @Test
    void aSecondDeliveryOfAMessageWhoseTurnWasWrittenWritesNothing() {
        String conv = "sms:+31600000011";
        Instance a = instance("a", new InboundPartitions(1), fast(5, Duration.ofMillis(100)), Duration.ofSeconds(20));
        a.offer(sms("+31600000011", "hoi", "SM11"));
        // Read by hand, as a worker would, then run the same delivery twice (a takeover racing the first).
        RedisInboundSource source = new RedisInboundSource(a.conn, new InboundPartitions(1));
        Await.result(source.keepLeases("hand", Duration.ofMinutes(1)));
        InboundSource.Entry entry = Await.result(source.read(0, "hand", 10, Duration.ofMinutes(1), 5, true, List.of()))
                .entries().get(0);
        TurnResult once = Await.result(a.runner.handle(entry.message(), entry.receipt()));
        TurnResult twice = Await.result(a.runner.handle(entry.message(), entry.receipt()));
        assertTrue(!once.replies().isEmpty());
        assertNull(twice, "the second turn was dropped whole");
        assertEquals(List.of("hoi"), inbound(conv));
        assertEquals(1, Await.result(a.store.load(id(conv))).session().turns());
        assertEquals(1.0, a.metrics.counter("omk_inbound_already_handled_total").count());
        assertEquals(1.0, a.turns());
    }

    @Test
    void aRedeliveredWebhookAfterItsTurnIsADuplicate() {
        String conv = "sms:+31600000012";
        Instance a = instance("a").start();
        assertEquals(Offer.ACCEPTED, a.offer(sms("+31600000012", "hoi", "SM12")));
        awaitUntil("ran", () -> inbound(conv).size() == 1);
        assertEquals(Offer.DUPLICATE, a.offer(sms("+31600000012", "hoi", "SM12")));
        assertEquals(Offer.ACCEPTED, a.offer(sms("+31600000012", "nog iets", "SM13")));
        awaitUntil("ran", () -> inbound(conv).size() == 2);
        assertEquals(List.of("hoi", "nog iets"), inbound(conv));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private void assertRepliesFollowEachMessage(Instance a, String conv, int messages) {
        List<TranscriptEntry> t = Await.result(a.store.transcript(id(conv)));
        int replies = 0;
        boolean waiting = false;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).direction().equals("in")) {
                // Once the person waits for a human, a message may be kept without a reply (the bot does not
                // repeat the same words at every message); before that, every message has its replies.
                if (!waiting) assertTrue(i + 1 < t.size() && t.get(i + 1).direction().equals("out"), "a reply follows message at " + i);
            } else {
                replies++;
                if (t.get(i).text() != null && (t.get(i).text().contains("medewerker") || t.get(i).text().contains("wachtrij") || t.get(i).text().contains("vrijwilliger of hulpverlener"))) waiting = true;
            }
        }
        assertTrue(replies >= Math.min(messages, 3), replies + " replies for " + messages + " messages");
        long queued = raw().xrange(RedisKeys.OUTBOX, Range.create("-", "+")).stream()
                .filter(m -> m.getBody().get(RedisKeys.OUTBOX_FIELD).contains("\"conversationId\":\"" + id(conv) + "\""))
                .count();
        assertEquals(replies, queued, "every reply of the transcript is in the outbox");
    }

    private List<String> inbound(String sender) {
        List<String> texts = new ArrayList<>();
        for (String json : raw().lrange(RedisKeys.transcript(id(sender)), 0, -1)) {
            io.vertx.core.json.JsonObject e = new io.vertx.core.json.JsonObject(json);
            if ("in".equals(e.getString("direction"))) texts.add(e.getString("text"));
        }
        return texts;
    }

    private static String stream(String sender) {
        // Messages are partitioned by their sender's address key. The tests use 16 or 1 partitions; a
        // sender's stream is found by looking in both.
        String many = RedisKeys.inbound(new InboundPartitions(16).of(TestPeople.KEYS.keyOf(sender)));
        return raw().exists(many) > 0 ? many : RedisKeys.inbound(0);
    }

    private static long streamLength(String conv) {
        return raw().xlen(stream(conv));
    }

    private static long pendingTotal(String conv) {
        return raw().xpending(stream(conv), RedisKeys.INBOUND_GROUP).getCount();
    }

    private static long pendingOf(String conv, String consumer) {
        Long n = raw().xpending(stream(conv), RedisKeys.INBOUND_GROUP).getConsumerMessageCount().get(consumer);
        return n == null ? 0 : n;
    }

    /** Delivery counts of the pending entries of a conversation's stream, oldest first. */
    private static List<Long> deliveries(String conv) {
        return raw().xpending(stream(conv), RedisKeys.INBOUND_GROUP, Range.create("-", "+"), io.lettuce.core.Limit.from(100))
                .stream().map(p -> p.getRedeliveryCount()).toList();
    }

    private static List<Integer> held(Instance i) {
        return Await.result(i.pipeline.worker().heldPartitions());
    }

    /** Checks {@code condition} every 20 ms on a Vert.x timer until it holds; fails after 30 s. */
    private void awaitUntil(String what, Supplier<Boolean> condition) {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + WAIT.toNanos();
        testVertx.setPeriodic(20, id -> testVertx.executeBlocking(() -> {
            if (done.future().isComplete()) return null;
            if (condition.get()) {
                testVertx.cancelTimer(id);
                done.tryComplete();
            } else if (System.nanoTime() > deadline) {
                testVertx.cancelTimer(id);
                done.tryFail(new AssertionError("not within " + WAIT.toSeconds() + " s: " + what));
            }
            return null;
        }, false));
        try {
            done.future().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (AssertionError) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("waiting for " + what + ": " + e, e);
        }
    }
}
