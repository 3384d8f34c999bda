package nl.omkijken.runner;

import nl.omkijken.handoff.Handoff;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.channels.sandbox.SandboxSender;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Ownership;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner with every real part: redis-server, the Lettuce stores, the project's dialogs, the
 * OpenNLP language layer and the sandbox sender.
 */
class TurnRunnerIntegrationTest {
    private static RedisServer redis;
    private static DialogSet dialogs;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<Instance> instances = new ArrayList<>();

    /** One service instance's runner side: its own Vert.x and Redis connection. */
    private final class Instance {
        final Vertx vertx = Vertx.vertx();
        final RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        final RedisConversationStore store = new RedisConversationStore(conn);
        final RedisOutboxStore outbox = new RedisOutboxStore(conn);
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final Pseudonym pseudonym = new Pseudonym("test-key-0123456789abcdef".getBytes());
        final TurnRunner runner = new TurnRunner(vertx, new Engine(dialogs), store, Nlu.shared(), clock,
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(20), "nl"), metrics, pseudonym);
        final JobPoller poller = new JobPoller(new RedisJobStore(conn), runner, List.of(), clock,
                Duration.ofHours(1), Duration.ofSeconds(60), metrics);
        final OutboxDispatcher dispatcher;

        Instance(String name) {
            Await.result(outbox.start());
            dispatcher = new OutboxDispatcher(vertx, outbox, List.of(new SandboxSender()), name, Duration.ofSeconds(30),
                    metrics, pseudonym, runner::markOptedOut);
        }

        TurnResult say(String conv, String line, String text) {
            return Await.result(runner.handle(inbound(conv, line, text)));
        }

        void close() {
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
    }

    @AfterAll
    static void stop() {
        redis.stop();
    }

    /** A connection of the test's own, to find conversations by address. */
    private Instance people;

    @BeforeEach
    void clean() {
        redis.flushAll();
        people = instance("people");
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(Instance::close);
    }

    private Instance instance(String name) {
        Instance i = new Instance(name);
        instances.add(i);
        return i;
    }

    private static String redisCall(String... command) {
        try {
            return nl.omkijken.store.redis.RedisWire.call(redis.port(), Duration.ofSeconds(5), command);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A message from the sandbox name {@code conv}, in its conversation (made on its first message). */
    private Inbound inbound(String conv, String line, String text) {
        People.Known k = known(conv);
        return new Inbound(k.conversationId(), SandboxSender.CHANNEL, k.addressKey(), line, "nl", text, null, clock.instant());
    }

    private People.Known known(String conv) {
        return TestPeople.resolve(people.conn, new Address(SandboxSender.CHANNEL, conv, conv));
    }

    /** The conversation id of the sandbox name {@code conv}. */
    private String id(String conv) {
        return known(conv).conversationId();
    }

    @Test
    void aTimerWhoseConversationIsGoneIsDroppedNotClaimedAgainForever() {
        Instance a = instance("a");
        a.say("c8", "luisterlijn", "ik wil niet meer leven"); // schedules the five-minute acknowledgement timer
        // The conversation expires (retention) while its timer waits.
        for (String part : List.of("session", "contact", "meta", "transcript", "handoff")) {
            redisCall("DEL", "omk:conv:{" + id("c8") + "}:" + part);
        }
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, Await.result(a.poller.pollOnce()), "claimed once");
        clock.advance(Duration.ofMinutes(2)); // past the claim's lease of one minute
        assertEquals(0, Await.result(a.poller.pollOnce()), "dropped, not due again");
        assertEquals(":0", redisCall("HLEN", "omk:timers:data"));
        assertEquals(":0", redisCall("ZCARD", "omk:timers:claimed"));
    }

    @Test
    void aCrisisNobodyTakesOverIsRaisedAgainFromTheStoredTimerAfterFiveMinutes() {
        Instance a = instance("a");
        TurnResult crisis = a.say("c9", "luisterlijn", "ik wil niet meer leven");
        assertTrue(crisis.crisis());
        assertEquals(Ownership.WAITING, crisis.session().ownership());
        assertEquals(0, Await.result(a.poller.pollOnce()), "not yet due");

        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, Await.result(a.poller.pollOnce()), "the acknowledgement timer fires from Redis");
        List<TranscriptEntry> t = Await.result(a.store.transcript(id("c9")));
        String last = t.get(t.size() - 1).text();
        assertTrue(last.contains("0800-0113") && last.contains("113") && last.contains("112"), last);
        assertEquals(1.0, a.metrics.counter("omk_handoffs_unanswered_total", "queue", "luisterlijn", "priority", "urgent").count());
        assertEquals(1L, Await.result(a.store.queuePosition("luisterlijn", id("c9"))), "still first in the queue");

        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, Await.result(a.poller.pollOnce()), "raised once, not every five minutes");
    }

    @Test
    void aLongWaitOffersAWayForwardThatKeepsThePlaceOrLeavesTheQueue() {
        Instance a = instance("a");
        for (String c : List.of("w1", "w2", "w3")) {
            a.say(c, "luisterlijn", "hoi");
            assertEquals(Ownership.WAITING, a.say(c, "luisterlijn", "1").session().ownership());
            clock.advance(Duration.ofSeconds(1)); // one after the other, as the queue orders them
        }
        clock.advance(Duration.ofMinutes(10));
        assertEquals(3, Await.result(a.poller.pollOnce()), "each wait's timer fires from Redis");
        assertEquals(1L, Await.result(a.store.queuePosition("luisterlijn", id("w1"))));
        List<TranscriptEntry> t = Await.result(a.store.transcript(id("w2")));
        assertTrue(t.get(t.size() - 1).text().contains("1 = ik wacht nog even"), t.get(t.size() - 1).text());

        // w2 asks for someone else now: the helplines, and their place stays.
        TurnResult other = a.say("w2", "luisterlijn", "3");
        assertTrue(other.replies().get(0).text().contains("0800-0113"), other.replies().toString());
        assertEquals(Ownership.WAITING, other.session().ownership());
        assertEquals(2L, Await.result(a.store.queuePosition("luisterlijn", id("w2"))), "the same place, not the back");
        // w1 chooses a call-back: out of the queue, the bot asks for a name; w2 moves up.
        TurnResult back = a.say("w1", "luisterlijn", "bel me terug");
        assertEquals(Ownership.BOT, back.session().ownership());
        assertEquals(0L, Await.result(a.store.queuePosition("luisterlijn", id("w1"))));
        assertEquals(1L, Await.result(a.store.queuePosition("luisterlijn", id("w2"))));
        // w3 writes something that is no choice: still waiting, at the same place.
        assertEquals(Ownership.WAITING, a.say("w3", "luisterlijn", "ik ben er nog").session().ownership());
        assertEquals(2L, Await.result(a.store.queuePosition("luisterlijn", id("w3"))));
    }

    @Test
    void aCallBackForTheEveningIsInTheQueueFromTheEveningOn() {
        Instance a = instance("a");
        for (String text : List.of("hoi", "2", "Joke", "0612345678", "avond")) a.say("cb", "luisterlijn", text);
        Handoff h = Await.result(a.store.load(id("cb"))).handoff();
        assertEquals(Handoff.Kind.CALLBACK, h.kind());
        // The clock says 10:00 in Amsterdam: the evening (17:00-21:00, the dialog's window) starts at 16:00 UTC.
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), h.dueAt());
        assertEquals(false, h.dueBy(clock.instant()));

        // "Dank je" afterwards: a kind answer; the outcome and the call-back stay as they were.
        TurnResult thanks = a.say("cb", "luisterlijn", "dank je");
        assertTrue(thanks.replies().get(0).text().startsWith("Graag gedaan"), thanks.replies().toString());
        Conversation after = Await.result(a.store.load(id("cb")));
        assertEquals("callback_requested", after.session().outcome());
        assertEquals(Handoff.State.WAITING, after.handoff().state());
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), after.handoff().dueAt());
        // A real question after it starts afresh (the welcome), and the call-back still stays.
        TurnResult question = a.say("cb", "luisterlijn", "dank je, maar ik heb nog een vraag over iets anders");
        assertTrue(question.replies().size() >= 1);
        assertEquals(Handoff.State.WAITING, Await.result(a.store.load(id("cb"))).handoff().state());
    }

    @Test
    void aConversationIsStoredAndItsRepliesGoThroughTheOutbox() {
        Instance a = instance("a");
        TurnResult first = a.say("c1", "luisterlijn", "hoi");
        assertFalse(first.replies().isEmpty());
        TurnResult talk = a.say("c1", "luisterlijn", "1");
        assertEquals(Ownership.WAITING, talk.session().ownership());

        List<TranscriptEntry> t = Await.result(a.store.transcript(id("c1")));
        assertEquals("in", t.get(0).direction());
        assertEquals("hoi", t.get(0).text());
        assertEquals(2 + first.replies().size() + talk.replies().size(), t.size());
        assertEquals(1L, Await.result(a.store.queuePosition("luisterlijn", id("c1"))));

        int sent = Await.result(a.dispatcher.drain());
        assertEquals(first.replies().size() + talk.replies().size(), sent);
        assertEquals(0, Await.result(a.dispatcher.drain()));
        assertEquals(sent, (int) a.metrics.counter("omk_outbox_sent_total", "channel", "sandbox", "status", "sent").count());
    }

    @Test
    void fiftyMessagesAtOnceGiveFiftyTurnsInOrder() {
        Instance a = instance("a");
        a.say("burst", "luisterlijn", "hoi");
        List<Future<TurnResult>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) all.add(a.runner.handle(inbound("burst", "luisterlijn", "bericht " + i)));
        Await.result(Future.all(all));
        assertInboundInOrderWithRepliesBetween(a, "burst", 50);
    }

    @Test
    void twoInstancesOnOneRedisNeverRunOneConversationAtOnce() {
        Instance a = instance("a");
        Instance b = instance("b");
        a.say("shared", "luisterlijn", "hoi");
        List<Future<TurnResult>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instance by = i % 2 == 0 ? a : b;
            all.add(by.runner.handle(inbound("shared", "luisterlijn", "bericht " + i)));
        }
        Await.result(Future.all(all));
        var conv = Await.result(a.store.load(id("shared")));
        assertEquals(41, conv.session().turns(), "every turn saw the one before it: none lost, none overlapped");
        List<TranscriptEntry> t = Await.result(a.store.transcript(id("shared")));
        // Each turn wrote its message and replies in one commit: messages and replies never interleave.
        // Once the person waits for a human, a message may be kept without a reply (the bot does not repeat
        // the same words at every message).
        int inbound = 0;
        boolean waiting = false;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).direction().equals("in")) {
                inbound++;
                if (i + 1 < t.size() && !waiting) assertEquals("out", t.get(i + 1).direction(), "a reply follows message at " + i + ": " + t.subList(Math.max(0, i - 3), Math.min(t.size(), i + 2)).stream().map(e -> e.direction() + ":" + e.text()).toList());
            } else if (t.get(i).text() != null && (t.get(i).text().contains("medewerker") || t.get(i).text().contains("wachtrij") || t.get(i).text().contains("vrijwilliger of hulpverlener"))) {
                waiting = true;
            }
        }
        assertEquals(41, inbound);
    }

    @Test
    void crisisMidFlowGivesTheNumbersAndGoesToTheHeadOfTheQueue() {
        Instance a = instance("a");
        a.say("waiting", "luisterlijn", "hoi");
        a.say("waiting", "luisterlijn", "1");
        a.say("c2", "luisterlijn", "hallo");
        TurnResult crisis = a.say("c2", "luisterlijn", "ik wil niet meer leven");
        assertTrue(crisis.crisis());
        String all = String.join(" ", crisis.replies().stream().map(r -> r.text()).toList());
        assertTrue(all.contains("113") && all.contains("0800-0113") && all.contains("112"), all);
        assertEquals(1L, Await.result(a.store.queuePosition("luisterlijn", id("c2"))));
        assertEquals(2L, Await.result(a.store.queuePosition("luisterlijn", id("waiting"))));
        assertEquals(1.0, a.metrics.counter("omk_crisis_total", "line", "luisterlijn").count());
    }

    @Test
    void aNoInputTimerFiresOnceAfterItsTimeAlsoFromAnotherInstance() {
        Instance a = instance("a");
        Instance b = instance("b");
        TurnResult begun = Await.result(a.runner.begin(id("tc"), SandboxSender.CHANNEL, known("tc").addressKey(), "telefooncirkel", "nl",
                Map.of("first_name", "Annie"), null));
        assertTrue(begun.replies().get(0).text().contains("Annie"), begun.replies().toString());
        int before = Await.result(a.store.transcript(id("tc"))).size();

        assertEquals(0, Await.result(b.poller.pollOnce()), "nothing is due yet");
        clock.advance(Duration.ofHours(1));
        int fired = Await.result(b.poller.pollOnce()) + Await.result(a.poller.pollOnce());
        assertEquals(1, fired, "the timer fires once, on one instance");
        int after = Await.result(a.store.transcript(id("tc"))).size();
        assertTrue(after > before, "the no-answer step said something");
        assertEquals(0, Await.result(a.poller.pollOnce()) + Await.result(b.poller.pollOnce()));
    }

    @Test
    void aNewInstanceContinuesWhereTheOldOneStopped() {
        Instance a = instance("a");
        a.say("restart", "helpdesk", "hallo");
        var before = Await.result(a.store.load(id("restart"))).session();
        a.close();
        instances.remove(a);

        Instance b = instance("b");
        var loaded = Await.result(b.store.load(id("restart")));
        assertNotNull(loaded);
        assertEquals(before.step(), loaded.session().step());
        assertEquals(before.dialog(), loaded.session().dialog());
        TurnResult next = b.say("restart", "helpdesk", "1");
        assertEquals(before.turns() + 1, next.session().turns());
    }

    private void assertInboundInOrderWithRepliesBetween(Instance a, String conv, int n) {
        List<TranscriptEntry> t = Await.result(a.store.transcript(id(conv)));
        List<String> inbound = t.stream().filter(e -> e.direction().equals("in")).map(TranscriptEntry::text).toList();
        List<String> expected = new ArrayList<>();
        expected.add("hoi");
        for (int i = 0; i < n; i++) expected.add("bericht " + i);
        assertEquals(expected, inbound);
        var conversation = Await.result(a.store.load(id(conv)));
        assertEquals(n + 1, conversation.session().turns());
    }
}
