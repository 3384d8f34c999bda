package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.handoff.Handoff;
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
 * "Wanneer hoor ik iets?" after a request: where it stands (in the queue, planned, with a worker, done),
 * and the conversation does not start over. Whole turns with the project's dialogs on a real redis-server.
 */
class RequestStatusTest {
    private static final StaffAction.Staff HUGO = new StaffAction.Staff("w-hugo", "Hugo", false);

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
                new SimpleMeterRegistry(), new Pseudonym("status-test-key-0123456789".getBytes()));
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private List<String> say(String person, String line, String text) {
        return Await.result(runner.handle(new Inbound("sandbox:" + person, "sandbox", person, line, "nl", text, null, Instant.now())))
                .replies().stream().map(r -> r.text()).toList();
    }

    private Conversation load(String person) {
        return Await.result(runner.store().load("sandbox:" + person));
    }

    @Test
    void afterTheHelpdeskIntakeTheQuestionGetsItsStatusNotANewIntake() {
        for (String t : List.of("ik zoek subsidie voor ons buurtfeest", "1", "Buurtvereniging Samen Sterk", "wij zitten in Moerwijk",
                "Fatima el Amrani", "fatima@voorbeeld.nl", "2", "ja")) {
            say("fatima", "helpdesk", t);
        }
        assertEquals(Handoff.State.WAITING, load("fatima").handoff().state());
        List<String> status = say("fatima", "helpdesk", "Wanneer hoor ik iets?");
        assertEquals(1, status.size(), status.toString());
        assertTrue(status.get(0).startsWith("Het verzoek van vandaag om ") && status.get(0).contains("staat nog in de wachtrij"), status.toString());
        assertFalse(status.get(0).contains("{"), status.toString());
        // Nothing started over: the intake's outcome stands.
        assertTrue(load("fatima").session().ended());

        // A worker has it: said so.
        Await.result(runner.act("sandbox:fatima", new StaffAction.TakeOver(HUGO)));
        // A worker took it over: the question is theirs to answer (no bot reply, no new intake).
        assertEquals(List.of(), say("fatima", "helpdesk", "hoe staat het met mijn vraag?"));
        assertEquals(nl.omkijken.engine.Ownership.AGENT, load("fatima").session().ownership());
        // Done: said so, and how to reach someone again.
        Await.result(runner.act("sandbox:fatima", new StaffAction.Close(HUGO, nl.omkijken.engine.Outcome.COMPLETED)));
        List<String> done = say("fatima", "helpdesk", "ik heb nog niks van jullie gehoord");
        assertTrue(done.get(0).contains("is afgehandeld door een medewerker"), done.toString());
    }

    /**
     * The helpdesk intake taken by a worker and passed on to the account holder of another stadsdeel: the person who asks
     * hears that it was passed on and waits there, not that nobody reacted yet; what they add is kept with it.
     */
    @Test
    void aRequestPassedOnIsSaidToBePassedOn() {
        for (String t : List.of("ik zoek subsidie voor ons buurtfeest", "1", "Stichting De Linde", "wij zitten in Moerwijk",
                "Ruud de Linde", "ruud@voorbeeld.nl", "2", "ja")) {
            say("ruud", "helpdesk", t);
        }
        assertEquals("helpdesk", load("ruud").handoff().queue());
        Await.result(runner.act("sandbox:ruud", new StaffAction.TakeOver(HUGO)));
        Await.result(runner.act("sandbox:ruud", new StaffAction.Transfer(HUGO, "helpdesk:laak")));
        Handoff moved = load("ruud").handoff();
        assertEquals(Handoff.State.WAITING, moved.state());
        assertTrue(moved.passedOnAt() != null, moved.toString());
        List<String> status = say("ruud", "helpdesk", "hoe staat het met onze aanvraag?");
        assertEquals(1, status.size(), status.toString());
        assertTrue(status.get(0).contains("doorgegeven aan een collega") && !status.get(0).contains("{"), status.toString());
        assertFalse(status.get(0).contains("nog niemand"), status.toString());
        // Still pending: a detail is noted with it, not the start of a new intake.
        List<String> added = say("ruud", "helpdesk", "het gaat om 500 euro");
        assertTrue(added.get(0).contains("Het staat bij het verzoek"), added.toString());
        // A stop word after the status answer is a stop, never "kept with the request" (carriers require the opt-out).
        say("ruud", "helpdesk", "hoe staat het met onze aanvraag?");
        List<String> stop = say("ruud", "helpdesk", "STOP");
        assertFalse(stop.toString().contains("Het staat bij het verzoek"), stop.toString());
        assertTrue(load("ruud").contact().optedOut(), stop.toString());
    }

    @Test
    void aCallBackForTheEveningSaysFromWhenAndWithoutARequestTheQuestionStartsTheLine() {
        List<String> none = say("kees", "luisterlijn", "wanneer hoor ik iets?");
        assertTrue(none.get(0).startsWith("Hoi"), "no request: the welcome " + none);

        for (String t : List.of("hoi", "2", "Joke", "06-1234 5678", "avond")) say("joke", "luisterlijn", t);
        Handoff h = load("joke").handoff();
        assertEquals(Handoff.Kind.CALLBACK, h.kind());
        List<String> status = say("joke", "luisterlijn", "when will someone call me?");
        if (h.dueAt() != null && h.dueAt().isAfter(Instant.now())) {
            assertTrue(status.get(0).contains("vanaf ") && status.get(0).contains("17:00"), status.toString());
        } else {
            // Run in the evening: the window has begun, it waits for someone free.
            assertTrue(status.get(0).contains("wachtrij"), status.toString());
        }
    }

    @Test
    void theFactsFollowTheRecord() {
        Instant now = Instant.parse("2026-12-05T14:00:00Z");
        Handoff waiting = new Handoff("c", "luisterlijn", Handoff.Kind.CALLBACK, null, "callback_request", Handoff.State.WAITING,
                now.minusSeconds(3600), null, now.minusSeconds(3600), now.plusSeconds(7200), 0, null);
        assertEquals(Map.of("request", "waiting_later", "request_since", "vandaag om 14:00", "request_due", "vandaag om 17:00"),
                RequestStatus.facts(waiting, now, Map.of(), "nl"));
        Handoff due = new Handoff("c", "luisterlijn", Handoff.Kind.LIVE, null, "talk", Handoff.State.WAITING,
                now.minus(Duration.ofDays(1)), null, now.minus(Duration.ofDays(1)));
        assertEquals(Map.of("request", "waiting_closed", "request_since", "yesterday at 15:00"),
                RequestStatus.facts(due, now, Map.of("line_open", "false"), "en"));
        Handoff old = new Handoff("c", "luisterlijn", Handoff.Kind.LIVE, null, "talk", Handoff.State.RESOLVED,
                now.minus(Duration.ofDays(30)), "w", now.minus(Duration.ofDays(20)));
        assertEquals(Map.of(), RequestStatus.facts(old, now, Map.of(), "nl"), "long done: no longer spoken of");
        Handoff left = new Handoff("c", "luisterlijn", Handoff.Kind.LIVE, null, "talk", Handoff.State.EXPIRED,
                now.minusSeconds(600), null, now.minusSeconds(300));
        assertEquals("left", RequestStatus.facts(left, now, Map.of(), "nl").get("request"));
        assertEquals(Map.of(), RequestStatus.facts(null, now, Map.of(), "nl"));
        Handoff passed = new Handoff("c", "helpdesk:laak", Handoff.Kind.CALLBACK, null, "intake", Handoff.State.WAITING,
                now.minusSeconds(3600), null, now.minusSeconds(600), null, 0, null, now.minusSeconds(1200), now.minusSeconds(600));
        assertEquals("passed_on", RequestStatus.facts(passed, now, Map.of(), "nl").get("request"));
        assertEquals("waiting_closed", RequestStatus.facts(passed, now, Map.of("line_open", "false"), "nl").get("request"),
                "a closed line says when it is back");
    }
}
