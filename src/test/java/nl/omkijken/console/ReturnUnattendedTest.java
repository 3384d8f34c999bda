package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisPresence;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A worker who leaves: their conversations go back to the queue after the grace time, never dropped. */
class ReturnUnattendedTest {
    private static final StaffAction.Staff ANNA = new StaffAction.Staff("w-anna", "Anna", false);
    private static final Duration GRACE = Duration.ofMinutes(2);

    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private TurnRunner runner;
    private RedisPresence presence;
    private MutableClock clock;
    private ReturnUnattended sweep;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        runner = TestRunners.of(vertx, conn);
        presence = new RedisPresence(conn);
        clock = new MutableClock(Instant.now());
        sweep = new ReturnUnattended(runner, presence, clock, GRACE);
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private void asks(String person) {
        Await.result(runner.handle(new Inbound("sandbox:" + person, "sandbox", person, "luisterlijn", "nl", "hoi", null, Instant.now())));
        Await.result(runner.handle(new Inbound("sandbox:" + person, "sandbox", person, "luisterlijn", "nl",
                "ik wil een medewerker spreken", null, Instant.now())));
    }

    private Conversation load(String person) {
        return Await.result(runner.store().load("sandbox:" + person));
    }

    @Test
    void aWorkerGoneLongerThanTheGraceTimeHasTheirConversationsPutBackUntold() {
        asks("piet");
        asks("rina");
        Await.result(runner.act("sandbox:piet", new StaffAction.TakeOver(ANNA)));
        Await.result(presence.seen("w-anna", clock.instant()));
        int transcriptBefore = Await.result(runner.store().transcript("sandbox:piet")).size();

        clock.advance(Duration.ofSeconds(90));
        assertEquals(0, Await.result(sweep.runOnce()), "within the grace time the conversation stays with Anna");
        // She signs out: still within the grace time counted from her last mark.
        Await.result(presence.signedOut("w-anna", clock.instant()));
        assertEquals(0, Await.result(sweep.runOnce()));
        assertEquals(Handoff.State.CLAIMED, load("piet").handoff().state());

        clock.advance(Duration.ofSeconds(45));
        assertEquals(1, Await.result(sweep.runOnce()));
        Conversation piet = load("piet");
        assertEquals(Handoff.State.WAITING, piet.handoff().state());
        assertEquals(Ownership.WAITING, piet.session().ownership());
        assertEquals(1L, Await.result(runner.store().queuePosition("luisterlijn", "sandbox:piet")), "at the front, where it was");
        assertEquals(2L, Await.result(runner.store().queuePosition("luisterlijn", "sandbox:rina")));
        List<TranscriptEntry> t = Await.result(runner.store().transcript("sandbox:piet"));
        assertEquals(transcriptBefore + 1, t.size(), "one event line, and nothing sent to the person");
        TranscriptEntry event = t.get(t.size() - 1);
        assertEquals(TranscriptEntry.EVENT, event.direction());
        assertEquals("given_back", event.text());
        assertTrue(event.by().startsWith("Omkijken"), event.by());
        assertEquals(0, Await.result(sweep.runOnce()), "returned once");
    }

    @Test
    void aWorkerWhoComesBackInTimeKeepsTheirConversations() {
        asks("sien");
        Await.result(runner.act("sandbox:sien", new StaffAction.TakeOver(ANNA)));
        Await.result(presence.seen("w-anna", clock.instant()));
        Await.result(presence.signedOut("w-anna", clock.instant()));
        clock.advance(Duration.ofSeconds(100));
        Await.result(presence.seen("w-anna", clock.instant()));
        assertTrue(Await.result(presence.online(clock.instant(), Duration.ofSeconds(45))).containsKey("w-anna"));
        clock.advance(Duration.ofSeconds(100));
        assertEquals(0, Await.result(sweep.runOnce()));
        assertEquals("w-anna", load("sien").handoff().owner());
    }

    @Test
    void aWorkerAwayLongerThanTheGraceTimeHasTheirConversationsPutBackThoughTheConsoleIsOpen() {
        asks("tom");
        Await.result(runner.act("sandbox:tom", new StaffAction.TakeOver(ANNA)));
        Await.result(presence.seen("w-anna", clock.instant()));
        Await.result(presence.away("w-anna", true, clock.instant()));
        assertTrue(Await.result(presence.online(clock.instant(), Duration.ofSeconds(45))).isEmpty(), "away is not online");
        clock.advance(Duration.ofSeconds(60));
        Await.result(presence.seen("w-anna", clock.instant())); // the console stays open
        assertEquals(0, Await.result(sweep.runOnce()), "a short break: still hers");
        clock.advance(Duration.ofSeconds(90));
        Await.result(presence.seen("w-anna", clock.instant()));
        assertEquals(1, Await.result(sweep.runOnce()), "away longer than the grace time: back to the queue");
        Await.result(presence.away("w-anna", false, clock.instant()));
        assertEquals(Set.of("w-anna"), Await.result(presence.online(clock.instant(), Duration.ofSeconds(45))).keySet());
    }
}
