package nl.omkijken.runner;

import nl.omkijken.people.Address;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * A turn often writes several replies (a note, then the question). Over SMS they must reach the
 * person in that order, so the outbox sends one conversation's replies one after another; different
 * conversations still go out side by side. A retried reply holds back the ones after it.
 */
class OutboxOrderTest {

    /** A slow provider that takes a while per message and remembers what was in flight at once. */
    private static final class SlowSender implements Sender {
        final Vertx vertx;
        final Map<String, Integer> inFlight = new HashMap<>();
        final Map<String, Integer> mostInFlight = new HashMap<>();
        final List<String> delivered = new ArrayList<>();
        int failNext;
        int calls;

        SlowSender(Vertx vertx) { this.vertx = vertx; }

        @Override
        public String channel() { return "sms"; }

        @Override
        public Future<String> send(Outbound m) {
            calls++;
            if (failNext > 0) {
                failNext--;
                return Future.failedFuture(new SendFailure(SendFailure.Kind.RETRY, "429", null, "busy"));
            }
            int now = inFlight.merge(m.conversationId(), 1, Integer::sum);
            mostInFlight.merge(m.conversationId(), now, Math::max);
            Promise<String> p = Promise.promise();
            // The first message of a batch takes longest: parallel sends would overtake it.
            vertx.setTimer(delivered.isEmpty() ? 150 : 10, t -> {
                inFlight.merge(m.conversationId(), -1, Integer::sum);
                delivered.add(m.conversationId() + ":" + m.text());
                p.complete("id-" + m.id());
            });
            return p.future();
        }
    }

    @Test
    void aTurnsRepliesGoOutOneAfterAnotherInTheirOrder() {
        RedisServer redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
            RedisOutboxStore outbox = new RedisOutboxStore(conn);
            Await.result(outbox.start());
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Pseudonym pseudonym = new Pseudonym("order-test-key-0123456789".getBytes());
            TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                    new RedisConversationStore(conn), Nlu.shared(), Clock.systemUTC(),
                    new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
            SlowSender sender = new SlowSender(vertx);
            OutboxDispatcher dispatcher = new OutboxDispatcher(vertx, outbox, List.of(sender), "order",
                    Duration.ofMillis(300), metrics, pseudonym, runner::markOptedOut);

            // A photo without words as the first message: "I read text only", then the welcome.
            List<String> expected = new ArrayList<>();
            List<String> conversations = new ArrayList<>();
            for (String number : List.of("+31600000001", "+31600000002")) {
                var known = TestPeople.resolve(conn, new Address("sms", number, number + "|+3197010200300"));
                String conv = known.conversationId();
                conversations.add(conv);
                TurnResult r = Await.result(runner.handle(new Inbound(conv, "sms", known.addressKey(),
                        "luisterlijn", "nl", "", "SM-" + number, Instant.now(), List.of("image/jpeg"))));
                assertTrue(r.replies().size() >= 2, r.replies().toString());
                for (var reply : r.replies()) expected.add(conv + ":" + reply.text());
            }
            sender.failNext = 1; // the very first reply is told "later"
            Await.result(dispatcher.drain());
            for (var e : sender.mostInFlight.entrySet()) {
                assertEquals(1, e.getValue(), "one reply in flight at a time for " + e.getKey());
            }
            assertTrue(sender.delivered.stream().noneMatch(d -> d.startsWith(conversations.get(0))),
                    "after the retried reply its conversation's later replies wait");

            nl.omkijken.testing.fakes.Poll.until(() -> {
                Await.result(dispatcher.drain());
                return sender.delivered.size() == expected.size();
            }, Duration.ofSeconds(10), "every reply sent after the retry");
            for (String conv : conversations) {
                assertEquals(expected.stream().filter(x -> x.startsWith(conv)).toList(),
                        sender.delivered.stream().filter(x -> x.startsWith(conv)).toList(), "in the dialog's order: " + conv);
            }
            Await.result(conn.close());
        } finally {
            Await.result(vertx.close());
            redis.stop();
        }
    }
}
