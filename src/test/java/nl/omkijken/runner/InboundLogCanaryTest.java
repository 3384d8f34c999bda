package nl.omkijken.runner;

import nl.omkijken.people.Address;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.InboundQueue.Offer;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisInboundSource;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.LogCapture;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.Test;

/**
 * The inbound path logs at every step (accepted, duplicate, failed turn, retry, redelivery dropped), and
 * none of those lines may carry what a person wrote, their number, or the provider's message id.
 */
class InboundLogCanaryTest {
    private static final String PHONE = "+31687654321";
    private static final String CANARY = "kanarie4482";

    @Test
    void noMessageTextPhoneNumberOrProviderIdInAnyLogLineOfTheInboundPath() {
        LogCapture logs = LogCapture.start();
        RedisServer redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
            RedisConversationStore store = new RedisConversationStore(conn);
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Pseudonym pseudonym = new Pseudonym("canary-key-0123456789".getBytes());
            TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                    store, Nlu.shared(), Clock.systemUTC(),
                    new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofMillis(100), "nl"), metrics, pseudonym);
            InboundPartitions partitions = new InboundPartitions(2);
            RedisInboundQueue queue = new RedisInboundQueue(conn, partitions, Duration.ofMinutes(10), TestPeople.of(conn));
            InboundPipeline pipeline = new InboundPipeline(vertx, queue, new RedisInboundSource(conn, partitions), runner,
                    new InboundWorker.Options(10, Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(20),
                            Duration.ofMillis(100), 5, Duration.ofMillis(50), Duration.ofMillis(200)),
                    metrics, pseudonym, "canary-worker");

            // The conversation is held elsewhere at first: the turn fails (lock wait) and is retried.
            Address from = new Address("sms", PHONE, PHONE + "|+3197010200300");
            String conv = TestPeople.resolve(conn, from).conversationId();
            ConversationStore.Lock held = Await.result(store.lock(conv, Duration.ofMinutes(1), Duration.ofSeconds(1)));
            Inbound in = Inbound.from(from, "luisterlijn", "nl", "hallo " + CANARY, "SM" + CANARY, Instant.now(), List.of());
            assertEquals(Offer.ACCEPTED, Await.result(queue.offer(in)));
            assertEquals(Offer.DUPLICATE, Await.result(queue.offer(in)));
            Await.result(pipeline.start());
            Promise<Void> retried = Promise.promise();
            vertx.setPeriodic(20, id -> {
                if (metrics.counter("omk_inbound_failures_total", "reason", "locked").count() >= 1) {
                    vertx.cancelTimer(id);
                    retried.tryComplete();
                }
            });
            Await.result(retried.future().compose(v -> store.unlock(held)));
            Promise<Void> ran = Promise.promise();
            vertx.setPeriodic(20, id -> store.transcript(conv).onSuccess(t -> {
                if (!t.isEmpty()) {
                    vertx.cancelTimer(id);
                    ran.tryComplete();
                }
            }));
            Await.result(ran.future());
            Await.result(pipeline.stop());
            Await.result(conn.close());
        } finally {
            Await.result(vertx.close());
            redis.stop();
            logs.close();
        }
        logs.assertNoneContains(List.of(CANARY, PHONE, "687654321"));
        boolean sawRetry = logs.events().stream().anyMatch(e -> e.getFormattedMessage().contains("will retry"));
        boolean sawAccepted = logs.events().stream().anyMatch(e -> e.getFormattedMessage().contains("inbound accepted"));
        assertTrue(sawRetry && sawAccepted, "the failure and the offer were logged");
    }
}
