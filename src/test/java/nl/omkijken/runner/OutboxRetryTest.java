package nl.omkijken.runner;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries of failed sends: the provider's Retry-After is honoured, waits grow, and there is an end. */
class OutboxRetryTest {
    /** The person's number; their conversation is made by their first message. */
    private static final String NUMBER = "+31600000009";
    private People.Known person;

    /** A provider that answers "later" a number of times (or always), then accepts. */
    private static final class BusySender implements Sender {
        final List<Long> attemptsAt = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        int busyFor;
        Duration retryAfter;

        @Override
        public String channel() { return "sms"; }

        @Override
        public synchronized Future<String> send(Outbound m) {
            attemptsAt.add(System.nanoTime());
            ids.add(m.id());
            if (busyFor-- > 0) return Future.failedFuture(new SendFailure(SendFailure.Kind.RETRY, "503", retryAfter, "busy"));
            return Future.succeededFuture("SM-" + m.id());
        }
    }

    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private RedisOutboxStore outbox;
    private TurnRunner runner;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Pseudonym pseudonym = new Pseudonym("retry-test-key-0123456789".getBytes());

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        outbox = new RedisOutboxStore(conn);
        Await.result(outbox.start());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                new RedisConversationStore(conn), Nlu.shared(), Clock.systemUTC(),
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
        // A first message to the Helpdesk: its replies go to the outbox.
        person = TestPeople.resolve(conn, new Address("sms", NUMBER, NUMBER + "|+3197010200400"));
        Await.result(runner.handle(new Inbound(person.conversationId(), "sms", person.addressKey(), "helpdesk", "nl", "hallo",
                "SM-retry", Instant.now())));
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private OutboxDispatcher dispatcher(BusySender sender, OutboxDispatcher.RetryPolicy policy) {
        return new OutboxDispatcher(vertx, outbox, List.of(sender), "retry", Duration.ofMillis(100), metrics, pseudonym,
                runner::markOptedOut, policy);
    }

    @Test
    void theProvidersRetryAfterIsHonoured() {
        BusySender sender = new BusySender();
        sender.busyFor = 1;
        sender.retryAfter = Duration.ofSeconds(1);
        OutboxDispatcher d = dispatcher(sender, new OutboxDispatcher.RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50)));
        Await.result(d.drain());
        Poll.until(() -> {
            Await.result(d.drain());
            return sender.attemptsAt.size() >= 2;
        }, Duration.ofSeconds(10), "a second attempt");
        long waited = sender.attemptsAt.get(1) - sender.attemptsAt.get(0);
        assertTrue(waited >= Duration.ofSeconds(1).toNanos(), "waited " + waited / 1_000_000 + " ms, asked 1000 ms");
        assertEquals("sent", Await.result(outbox.status(sender.ids.get(0))));
    }

    @Test
    void retryWaitsRunOnTheInjectedClockNotOnTimingWindows() {
        nl.omkijken.testing.MutableClock clock = new nl.omkijken.testing.MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
        BusySender sender = new BusySender();
        sender.busyFor = 2;
        sender.retryAfter = Duration.ofSeconds(30);
        OutboxDispatcher d = new OutboxDispatcher(vertx, outbox, List.of(sender), "fake-clock", Duration.ofSeconds(30),
                metrics, pseudonym, runner::markOptedOut, new OutboxDispatcher.RetryPolicy(5, Duration.ofSeconds(2),
                Duration.ofMinutes(10)), Timing.of(clock));
        Await.result(d.drain());
        assertEquals(1, sender.ids.size());
        Await.result(d.drain());
        clock.advance(Duration.ofSeconds(29));
        Await.result(d.drain());
        assertEquals(1, sender.ids.size(), "29 of the 30 seconds Twilio asked for: not yet");
        clock.advance(Duration.ofSeconds(1));
        Await.result(d.drain());
        assertEquals(2, sender.ids.size(), "tried again when the clock says so");
        clock.advance(Duration.ofSeconds(30));
        Await.result(d.drain());
        assertEquals(3, sender.ids.stream().filter(id -> id.equals(sender.ids.get(0))).count(), "the third try went out");
        Poll.until(() -> "sent".equals(Await.result(outbox.status(sender.ids.get(0)))), Duration.ofSeconds(5), "sent at last");
    }

    @Test
    void afterTheLastAttemptTheReplyIsRecordedAsFailedAndNotSentAgain() {
        BusySender sender = new BusySender();
        sender.busyFor = Integer.MAX_VALUE;
        OutboxDispatcher d = dispatcher(sender, new OutboxDispatcher.RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)));
        Poll.until(() -> {
            Await.result(d.drain());
            return !sender.ids.isEmpty()
                    && "failed:retries_exhausted:503".equals(Await.result(outbox.status(sender.ids.get(0))));
        }, Duration.ofSeconds(15), "the reply given up");
        // Later rounds go on with the conversation's next reply, never the given-up one again.
        String givenUp = sender.ids.get(0);
        Poll.until(() -> {
            Await.result(d.drain());
            return sender.ids.stream().anyMatch(id -> !id.equals(givenUp));
        }, Duration.ofSeconds(15), "the next reply tried");
        assertEquals(3, sender.ids.stream().filter(id -> id.equals(givenUp)).count(), "three attempts, then no more");
        assertTrue(metrics.counter("omk_outbox_sent_total", "channel", "sms", "status", "failed").count() >= 1);
    }

    @Test
    void waitsDoubleUpToTheMaximumAndRetryAfterWinsWhenLonger() {
        var p = new OutboxDispatcher.RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(2), p.waitAfter(1, null));
        assertEquals(Duration.ofSeconds(8), p.waitAfter(3, null));
        assertEquals(Duration.ofMinutes(10), p.waitAfter(20, null));
        assertEquals(Duration.ofSeconds(30), p.waitAfter(1, Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(8), p.waitAfter(3, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new OutboxDispatcher.RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }

    /** A provider for which the person opted out: refuses every send with 21610. */
    private static final class OptedOutSender implements Sender {
        final List<String> ids = new ArrayList<>();
        boolean refuse = true;

        @Override
        public String channel() { return "sms"; }

        @Override
        public synchronized Future<String> send(Outbound m) {
            ids.add(m.id());
            if (refuse) return Future.failedFuture(new SendFailure(SendFailure.Kind.OPTED_OUT, "21610", null, "opted out"));
            return Future.succeededFuture("SM-" + m.id());
        }
    }

    @Test
    void afterAnOptOutTheRepliesAlreadyQueuedAreNotTriedButLaterOnesAre() {
        OptedOutSender sender = new OptedOutSender();
        OutboxDispatcher d = new OutboxDispatcher(vertx, outbox, List.of(sender), "optout", Duration.ofMillis(100), metrics,
                pseudonym, runner::markOptedOut);
        Await.result(d.drain());
        // The Helpdesk's first turn committed more than one reply; only the first reached the provider.
        assertEquals(1, sender.ids.size(), "the replies behind the refused one are not tried: " + sender.ids);
        assertTrue(metrics.counter("omk_outbox_sent_total", "channel", "sms", "status", "opted_out").count() >= 2,
                "each reply is recorded as not sent because the person opted out");

        // START opts in again; its answer comes from a later turn and is sent.
        sender.refuse = false;
        Await.result(runner.handle(new Inbound(person.conversationId(), "sms", person.addressKey(), "helpdesk", "nl", "START",
                "SM-start", Instant.now().plusMillis(5))));
        Poll.until(() -> {
            Await.result(d.drain());
            return sender.ids.size() >= 2;
        }, Duration.ofSeconds(10), "the answer to START sent");
    }

    @Test
    void aShortWaitIsHonouredAsSuchNotStretchedToTheIdleTime() {
        BusySender sender = new BusySender();
        sender.busyFor = 1;
        // A long idle time, as in production (30 s): the retry must not wait for it.
        OutboxDispatcher d = new OutboxDispatcher(vertx, outbox, List.of(sender), "short-wait", Duration.ofSeconds(30), metrics,
                pseudonym, runner::markOptedOut, new OutboxDispatcher.RetryPolicy(5, Duration.ofMillis(300), Duration.ofSeconds(5)));
        d.start(Duration.ofMinutes(10));
        try {
            Await.result(d.drain());
            long failedAt = sender.attemptsAt.get(0);
            Poll.until(() -> sender.ids.size() >= 3, Duration.ofSeconds(10), "the retried reply and the ones behind it");
            long retriedAfter = sender.attemptsAt.get(1) - failedAt;
            assertTrue(retriedAfter >= Duration.ofMillis(300).toNanos(), "waited " + retriedAfter / 1_000_000 + " ms, at least the 300 ms asked");
            assertTrue(retriedAfter < Duration.ofSeconds(5).toNanos(), "waited " + retriedAfter / 1_000_000 + " ms, not the 30 s idle time");
            assertEquals(sender.ids.get(0), sender.ids.get(1), "the failed reply is sent again first, before the ones behind it");
            assertEquals(sender.ids.size(), new java.util.HashSet<>(sender.ids).size() + 1, "only the failed reply twice: " + sender.ids);
        } finally {
            d.stop();
        }
    }

    @Test
    void aParkedReplyIsKeptFromOtherSendersWhileItWaits() {
        BusySender busy = new BusySender();
        busy.busyFor = 1;
        busy.retryAfter = Duration.ofMillis(2000);
        BusySender other = new BusySender();
        Duration idle = Duration.ofMillis(500);
        OutboxDispatcher a = new OutboxDispatcher(vertx, outbox, List.of(busy), "sender-a", idle, metrics, pseudonym,
                runner::markOptedOut, new OutboxDispatcher.RetryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(5)));
        OutboxDispatcher b = new OutboxDispatcher(vertx, new RedisOutboxStore(conn), List.of(other), "sender-b", idle, metrics,
                pseudonym, runner::markOptedOut);
        a.start(Duration.ofMinutes(10));
        try {
            Await.result(a.drain());
            assertEquals(1, busy.ids.size(), "the first reply failed; the others are parked behind it");
            // For longer than the idle time, another sender keeps looking for abandoned replies.
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < until) {
                Await.result(b.drain());
                Await.result(vertx.timer(50));
            }
            assertEquals(List.of(), other.ids, "a reply parked by a live sender is not taken over");
            Poll.until(() -> busy.ids.size() >= 3, Duration.ofSeconds(10), "the parked replies sent by their own sender");
            assertEquals(List.of(), other.ids);
        } finally {
            a.stop();
        }
    }
}
