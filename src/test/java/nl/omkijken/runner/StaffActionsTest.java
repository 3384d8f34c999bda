package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.engine.Outcome;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker's actions from the console as turns of the runner (issue 10), with the project's dialogs on a
 * real redis-server: who may do what, what the person gets, what the transcript says, and that taking
 * over is exact when two instances race for the same conversation.
 */
class StaffActionsTest {
    private static final String Q = "luisterlijn";
    private static final StaffAction.Staff ANNA = new StaffAction.Staff("w-anna", "Anna", false);
    private static final StaffAction.Staff BERT = new StaffAction.Staff("w-bert", "Bert", false);
    private static final StaffAction.Staff COORDINATOR = new StaffAction.Staff("w-cor", "Cor", true);

    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private TurnRunner runner;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        runner = runnerOn(conn);
    }

    private TurnRunner runnerOn(RedisConnection c) {
        return TestRunners.of(vertx, c);
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

    private Handoff act(String person, StaffAction action) {
        return Await.result(runner.act("sandbox:" + person, action));
    }

    private Throwable refused(String person, StaffAction action) {
        return Await.failure(runner.act("sandbox:" + person, action));
    }

    private Conversation conversation(String person) {
        return Await.result(runner.store().load("sandbox:" + person));
    }

    private List<TranscriptEntry> transcript(String person) {
        return Await.result(runner.store().transcript("sandbox:" + person));
    }

    private void asksForAPerson(String person) {
        say(person, "hallo");
        say(person, "ik wil graag een medewerker spreken");
        assertEquals(Ownership.WAITING, conversation(person).session().ownership());
    }

    @Test
    void aWorkerTakesOverRepliesAndHandsBackToTheLinesMenu() {
        asksForAPerson("eva");
        Handoff taken = act("eva", new StaffAction.TakeOver(ANNA));
        assertEquals(Handoff.State.CLAIMED, taken.state());
        assertEquals("w-anna", taken.owner());
        assertEquals(Ownership.AGENT, conversation("eva").session().ownership());
        assertEquals(0L, Await.result(runner.store().queuePosition(Q, "sandbox:eva")), "a taken conversation leaves its queue");
        assertEquals(List.of("sandbox:eva"), Await.result(runner.store().openHandoffs(10)), "and stays an open handoff");

        act("eva", new StaffAction.Reply(ANNA, "Hoi Eva, ik ben Anna. Waar wil je over praten?"));
        // The bot says nothing of its own while Anna has the conversation.
        assertTrue(say("eva", "over mijn buurvrouw").replies().isEmpty());

        act("eva", new StaffAction.HandBack(ANNA, null));
        Conversation after = conversation("eva");
        assertEquals(Ownership.BOT, after.session().ownership());
        assertEquals(Handoff.State.RESOLVED, after.handoff().state());
        assertEquals(List.of(), Await.result(runner.store().openHandoffs(10)));

        List<TranscriptEntry> t = transcript("eva");
        List<String> tail = t.subList(t.size() - 5, t.size()).stream().map(e -> e.direction() + "|" + e.text() + "|" + e.by()).toList();
        assertEquals("event|taken_over|Anna", tail.get(0));
        assertEquals("out|Hoi Eva, ik ben Anna. Waar wil je over praten?|Anna", tail.get(1));
        assertEquals("in|over mijn buurvrouw|null", tail.get(2));
        assertEquals("event|handed_back|Anna", tail.get(3));
        // Back at the line's menu, without the welcome again.
        assertTrue(tail.get(4).startsWith("out|Wat wil je het liefst?"), tail.get(4));
        assertFalse(t.get(t.size() - 2).text().startsWith("Hoi"), "no second welcome");
    }

    @Test
    void whoMayDoWhat() {
        asksForAPerson("fien");
        assertInstanceOf(HandoffRefused.class, refused("fien", new StaffAction.Reply(ANNA, "hallo")),
                "a reply needs the conversation taken over first");
        assertInstanceOf(HandoffRefused.class, refused("fien", new StaffAction.Close(ANNA, Outcome.COMPLETED)),
                "a volunteer does not close what nobody has");
        act("fien", new StaffAction.TakeOver(ANNA));
        Throwable second = refused("fien", new StaffAction.TakeOver(BERT));
        assertTrue(second.getMessage().contains("colleague has taken"), second.getMessage());
        assertInstanceOf(HandoffRefused.class, refused("fien", new StaffAction.Reply(BERT, "ik ook")));
        assertInstanceOf(HandoffRefused.class, refused("fien", new StaffAction.GiveBack(BERT)));

        // A coordinator moves it for Anna; it waits in the helpdesk queue at the place its request gives it.
        Handoff moved = act("fien", new StaffAction.Transfer(COORDINATOR, "helpdesk"));
        assertEquals(Handoff.State.WAITING, moved.state());
        assertEquals("helpdesk", moved.queue());
        assertEquals(1L, Await.result(runner.store().queuePosition("helpdesk", "sandbox:fien")));
        assertEquals(Ownership.WAITING, conversation("fien").session().ownership());

        act("fien", new StaffAction.TakeOver(BERT));
        Handoff closed = act("fien", new StaffAction.Close(BERT, Outcome.INFORMATION_GIVEN));
        assertEquals(Handoff.State.RESOLVED, closed.state());
        Conversation c = conversation("fien");
        assertEquals(Ownership.CLOSED, c.session().ownership());
        assertEquals("information_given", c.session().outcome());
        assertInstanceOf(HandoffRefused.class, refused("fien", new StaffAction.TakeOver(ANNA)), "nothing waits any more");
        assertEquals("event|closed:information_given|Bert", last(transcript("fien")));
        // The person's next message starts afresh with the bot: soon after, at the choices (the welcome once is enough).
        TurnResult again = say("fien", "hoi");
        assertEquals(Ownership.BOT, again.session().ownership());
        assertTrue(again.replies().get(0).text().startsWith("Wat wil je het liefst?"), again.replies().toString());
    }

    @Test
    void aWorkerGivesItBackToTheQueueAtItsOldPlace() {
        asksForAPerson("gijs");
        asksForAPerson("hans");
        act("gijs", new StaffAction.TakeOver(ANNA));
        assertEquals(1L, Await.result(runner.store().queuePosition(Q, "sandbox:hans")));
        act("gijs", new StaffAction.GiveBack(ANNA));
        assertEquals(1L, Await.result(runner.store().queuePosition(Q, "sandbox:gijs")), "back at the place it had");
        assertEquals(2L, Await.result(runner.store().queuePosition(Q, "sandbox:hans")));
        assertEquals(Ownership.WAITING, conversation("gijs").session().ownership());
        assertEquals("event|given_back|Anna", last(transcript("gijs")));
    }

    @Test
    void aCrisisWhileAWorkerHasItStaysWithThemAndTurnsUrgent() {
        asksForAPerson("ida");
        act("ida", new StaffAction.TakeOver(ANNA));
        TurnResult r = say("ida", "ik wil er een einde aan maken");
        assertTrue(r.crisis());
        assertEquals(1, r.replies().size(), "only the safety reply: " + r.replies());
        String text = r.replies().get(0).text();
        assertTrue(text.contains("0800-0113") && text.contains("113") && text.contains("112"), text);
        Conversation c = conversation("ida");
        assertEquals(Ownership.AGENT, c.session().ownership());
        assertEquals(Handoff.State.CLAIMED, c.handoff().state());
        assertEquals("w-anna", c.handoff().owner());
        assertTrue(c.handoff().urgent(), "urgent: the worker is alerted");
        assertEquals(0L, Await.result(runner.store().queuePosition(Q, "sandbox:ida")), "not back in a queue");
    }

    /** Two instances (two runners on their own connections) race to take 1,000 conversations: one owner each. */
    @Test
    void twoInstancesRacingToTakeOverGiveExactlyOneOwner() {
        int n = 1_000;
        List<Future<TurnResult>> asks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "sandbox:r" + i;
            asks.add(runner.handle(new Inbound(id, "sandbox", "r" + i, Q, "nl", "ik wil een medewerker spreken", null, Instant.now())));
        }
        Await.result(Future.all(asks));
        RedisConnection other = Await.result(RedisConnection.connect(vertx, redis.url()));
        try {
            TurnRunner second = runnerOn(other);
            List<Future<Handoff>> a = new ArrayList<>();
            List<Future<Handoff>> b = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                a.add(runner.act("sandbox:r" + i, new StaffAction.TakeOver(ANNA)));
                b.add(second.act("sandbox:r" + i, new StaffAction.TakeOver(BERT)));
            }
            Await.result(Future.join(new ArrayList<>(a)).otherwiseEmpty());
            Await.result(Future.join(new ArrayList<>(b)).otherwiseEmpty());
            int doubles = 0;
            int none = 0;
            for (int i = 0; i < n; i++) {
                boolean wa = a.get(i).succeeded();
                boolean wb = b.get(i).succeeded();
                if (wa && wb) doubles++;
                if (!wa && !wb) none++;
                if (!wa) assertInstanceOf(HandoffRefused.class, a.get(i).cause());
                if (!wb) assertInstanceOf(HandoffRefused.class, b.get(i).cause());
                Conversation c = Await.result(runner.store().load("sandbox:r" + i));
                assertEquals(wa ? "w-anna" : "w-bert", c.handoff().owner());
            }
            assertEquals(0, doubles, "two owners");
            assertEquals(0, none, "no owner");
            assertEquals(0L, Await.result(runner.store().queuePosition(Q, "sandbox:r0")));
        } finally {
            Await.result(other.close());
        }
    }

    private static String last(List<TranscriptEntry> t) {
        TranscriptEntry e = t.get(t.size() - 1);
        return e.direction() + "|" + e.text() + "|" + e.by();
    }
}
