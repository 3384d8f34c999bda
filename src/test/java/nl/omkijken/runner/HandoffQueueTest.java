package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staff queue is exact (issue 9): the place a waiting person hears is their real place, through
 * requests, a worker taking one over, a person who stops, a close and a second request months later.
 * Whole turns with the project's dialogs against a real redis-server.
 */
class HandoffQueueTest {
    private static final String Q = "luisterlijn";

    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private TurnRunner runner;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(conn), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"),
                new SimpleMeterRegistry(), new Pseudonym("queue-test-key-0123456789".getBytes()));
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private TurnResult say(String person, String text) {
        return Await.result(runner.handle(new Inbound("sandbox:" + person, "sandbox", person, Q, "nl", text, null, Instant.now())));
    }

    private long place(String person) {
        return Await.result(runner.store().queuePosition(Q, "sandbox:" + person));
    }

    private Handoff staff(String person, HandoffAction action) {
        return Await.result(runner.staff("sandbox:" + person, action));
    }

    private Ownership owner(String person) {
        return Await.result(runner.store().load("sandbox:" + person)).session().ownership();
    }

    @Test
    void aPersonInCrisisWhoSendsStopStaysFirstInTheQueueForAWorker() {
        say("dirk", "hallo");
        say("dirk", "ik wil niet meer leven");
        Handoff before = Await.result(runner.store().load("sandbox:dirk")).handoff();
        assertTrue(before.urgent() && before.state().open(), String.valueOf(before));
        say("dirk", "STOP");
        Handoff after = Await.result(runner.store().load("sandbox:dirk")).handoff();
        assertTrue(after.state().open(), "an urgent request leaves the queue only by a worker: " + after);
        assertTrue(after.urgent());
        assertEquals(1L, place("dirk"));
    }

    private void asksForAPerson(String person) {
        say(person, "hallo");
        say(person, "ik wil graag een medewerker spreken");
        assertEquals(Ownership.WAITING, owner(person));
    }

    @Test
    void thePlaceAPersonHearsIsTheirRealPlace() {
        asksForAPerson("anna");
        asksForAPerson("bert");
        asksForAPerson("cor");
        assertEquals(List.of(1L, 2L, 3L), List.of(place("anna"), place("bert"), place("cor")));

        // A worker takes Anna's conversation: she leaves the queue, the others move up.
        Handoff anna = staff("anna", new HandoffAction.Claim("worker-1", Instant.now()));
        assertEquals(Handoff.State.CLAIMED, anna.state());
        assertEquals(Ownership.AGENT, owner("anna"));
        assertEquals(List.of(0L, 1L, 2L), List.of(place("anna"), place("bert"), place("cor")));
        TurnResult waiting = say("cor", "is er al iemand?");
        assertTrue(waiting.replies().get(0).text().contains("Plaats in de wachtrij: 2"), waiting.replies().toString());

        // Bert stops: he no longer waits.
        say("bert", "STOP");
        assertEquals(0L, place("bert"));
        assertEquals(Handoff.State.EXPIRED, Await.result(runner.store().load("sandbox:bert")).handoff().state());
        assertEquals(1L, place("cor"));

        // Anna's conversation is closed; when she asks again she joins at the back, not at her old place.
        staff("anna", new HandoffAction.Resolve(Instant.now()));
        assertEquals(Ownership.CLOSED, owner("anna"));
        asksForAPerson("anna");
        assertEquals(List.of(1L, 2L), List.of(place("cor"), place("anna")));

        // A worker takes Cor and gives him back: he is first again, at his old place.
        staff("cor", new HandoffAction.Claim("worker-2", Instant.now()));
        assertEquals(1L, place("anna"));
        staff("cor", new HandoffAction.Release(Instant.now()));
        assertEquals(Ownership.WAITING, owner("cor"));
        assertEquals(List.of(1L, 2L), List.of(place("cor"), place("anna")));
    }

    /** A call-back task waits behind the people waiting in the chat, as "Volgende gesprek" takes them. */
    @Test
    void aCallBackTaskDoesNotGoBeforeAPersonWaitingInTheChat() {
        for (String t : List.of("hoi", "2", "Joke", "06-1234 5678", "maakt niet uit")) say("dirk", t);
        Handoff dirk = Await.result(runner.store().load("sandbox:dirk")).handoff();
        assertEquals(Handoff.Kind.CALLBACK, dirk.kind());
        asksForAPerson("emma");
        assertEquals(List.of(1L, 2L), List.of(place("emma"), place("dirk")));
        TurnResult waiting = say("emma", "is er al iemand?");
        assertTrue(waiting.replies().get(0).text().contains("Plaats in de wachtrij: 1"), waiting.replies().toString());

        // A call-back scored the old way (before call-backs went behind): the queue sweep puts it in its place.
        io.lettuce.core.RedisClient raw = io.lettuce.core.RedisClient.create(redis.url());
        try (var c = raw.connect()) {
            // The commits that queued them listed their queue, where the sweep reads it.
            assertTrue(c.sync().smembers(nl.omkijken.store.redis.RedisKeys.QUEUES).contains(nl.omkijken.store.redis.RedisKeys.queue(Q)));
            c.sync().zadd(nl.omkijken.store.redis.RedisKeys.queue(Q), (double) dirk.requestedAt().toEpochMilli(), "sandbox:dirk");
            c.sync().zadd(nl.omkijken.store.redis.RedisKeys.HANDOFFS_OPEN, (double) dirk.requestedAt().toEpochMilli(), "sandbox:dirk");
        }
        assertEquals(List.of(2L, 1L), List.of(place("emma"), place("dirk")));
        Await.result(new nl.omkijken.store.redis.QueueTrim(conn).run(Instant.now()));
        assertEquals(List.of(1L, 2L), List.of(place("emma"), place("dirk")));
        try (var c = raw.connect()) {
            assertEquals((double) dirk.queueScore(), c.sync().zscore(nl.omkijken.store.redis.RedisKeys.HANDOFFS_OPEN, "sandbox:dirk"));
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void aCrisisWhileWaitingGoesToTheFront() {
        asksForAPerson("anna");
        asksForAPerson("bert");
        TurnResult crisis = say("bert", "ik wil niet meer leven");
        assertTrue(crisis.crisis());
        assertEquals(List.of(1L, 2L), List.of(place("bert"), place("anna")));
        assertTrue(Await.result(runner.store().load("sandbox:bert")).handoff().urgent());
    }

    @Test
    void actionsThatDoNotApplyAreRefusedAndChangeNothing() {
        asksForAPerson("anna");
        staff("anna", new HandoffAction.Claim("worker-1", Instant.now()));
        assertInstanceOf(HandoffRefused.class, Await.failure(runner.staff("sandbox:anna",
                new HandoffAction.Claim("worker-2", Instant.now()))));
        assertEquals("worker-1", Await.result(runner.store().load("sandbox:anna")).handoff().owner());
        assertInstanceOf(HandoffRefused.class, Await.failure(runner.staff("sandbox:nobody",
                new HandoffAction.Claim("worker-1", Instant.now()))));
        say("dora", "hallo");
        assertInstanceOf(HandoffRefused.class, Await.failure(runner.staff("sandbox:dora",
                new HandoffAction.Claim("worker-1", Instant.now()))), "no handoff to take");
        // The refused actions left the locks free: the conversations go on.
        say("anna", "hallo?");
        say("dora", "hallo?");
    }
}
