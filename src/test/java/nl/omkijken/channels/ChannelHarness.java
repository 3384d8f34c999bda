package nl.omkijken.channels;

import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.WebhookClient;
import org.slf4j.LoggerFactory;

/**
 * The shared, table-driven channel test harness. One instance runs a real redis-server, a Vert.x
 * HTTP server on 127.0.0.1, the real {@link RedisInboundQueue} and stores, and the real runner with
 * the project's dialogs; a {@link ChannelHarnessProvider} mounts its real adapter on it. Each
 * {@link ChannelHarnessRow} is then played against an empty Redis: every request must get its
 * status, change only what its {@link ChannelHarnessRow.Effect} allows, and leave no secret, message
 * text or phone number in any log line (all of {@code nl.omkijken} logs at DEBUG meanwhile).
 *
 * <p>The service sits "behind a proxy": it listens on {@link Context#localBaseUrl()}, while its
 * configured public URL is {@link #PUBLIC_BASE_URL}, which is what providers sign.
 */
public final class ChannelHarness implements AutoCloseable {
    public static final String PUBLIC_BASE_URL = "https://omkijken.example.nl";

    /** The real parts an adapter is built on. */
    public record Context(Vertx vertx, Router router, InboundQueue queue, DeliveryStatusStore deliveries,
                          TurnRunner runner, MeterRegistry metrics, Pseudonym pseudonym, Clock clock,
                          String publicBaseUrl, String localBaseUrl, RedisConnection redis) {}

    /** The real queue, with a record of what each offer gave, so a row can compare the message. */
    private static final class RecordingQueue implements InboundQueue {
        private final InboundQueue real;
        private final List<Inbound> accepted = new ArrayList<>();
        private int offers;

        RecordingQueue(InboundQueue real) {
            this.real = real;
        }

        @Override
        public Future<Offer> offer(Inbound message) {
            synchronized (this) {
                offers++;
            }
            return real.offer(message).onSuccess(o -> {
                if (o == Offer.ACCEPTED) {
                    synchronized (this) {
                        accepted.add(message);
                    }
                }
            });
        }

        synchronized int offers() { return offers; }

        synchronized List<Inbound> accepted() { return List.copyOf(accepted); }
    }

    private final RedisServer redisServer;
    private final Vertx vertx;
    private final RedisConnection redis;
    private final HttpServer server;
    /** A plain client of the harness's own, to look at Redis from outside the code under test. */
    private final RedisClient inspectClient;
    private final StatefulRedisConnection<String, String> inspect;
    private final RecordingQueue queue;
    private final InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
    private final Context context;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger omkLogger = (Logger) LoggerFactory.getLogger("nl.omkijken");
    private final Level omkLevelBefore;

    public ChannelHarness() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        inspectClient = RedisClient.create(redisServer.url());
        inspect = inspectClient.connect();
        queue = new RecordingQueue(new RedisInboundQueue(redis, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis)));
        Router router = Router.router(vertx);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        MeterRegistry metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("harness-key-0123456789abcdef".getBytes());
        var dialogs = DialogLoader.load(Path.of("dialogs"));
        TurnRunner runner = new TurnRunner(vertx, new Engine(dialogs.dialogSet()), new RedisConversationStore(redis),
                Nlu.shared(), Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"),
                metrics, pseudonym);
        context = new Context(vertx, router, queue, new RedisDeliveryStatusStore(redis), runner, metrics, pseudonym,
                Clock.systemUTC(), PUBLIC_BASE_URL, "http://127.0.0.1:" + server.actualPort(), redis);

        omkLevelBefore = omkLogger.getLevel();
        omkLogger.setLevel(Level.DEBUG);
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    public Context context() {
        return context;
    }

    /** Plays one row against an empty Redis and checks every exchange and the logs. */
    public void play(ChannelHarnessRow row, List<String> secrets) {
        redisServer.flushAll();
        logs.list.clear();
        WebhookClient client = new WebhookClient(context.localBaseUrl());
        int step = 0;
        for (ChannelHarnessRow.Exchange x : row.exchanges()) {
            step++;
            String where = row.provider() + " / " + row.name() + " / request " + step;
            int offersBefore = queue.offers();
            int acceptedBefore = queue.accepted().size();
            long queuedBefore = queuedEntries();
            List<String> keysBefore = keys();

            HttpResponse<String> response = client.post(x.request().pathAndQuery(), x.request().contentType(),
                    x.request().body(), x.request().headers());
            assertEquals(x.status(), response.statusCode(), where + ": status (body: " + response.body() + ")");
            assertNotEquals(500, response.statusCode(), where + ": never a 500");

            List<Inbound> accepted = queue.accepted();
            long queuedAfter = queuedEntries();
            switch (x.effect()) {
                case QUEUED -> {
                    assertEquals(acceptedBefore + 1, accepted.size(), where + ": one message accepted");
                    assertEquals(queuedBefore + 1, queuedAfter, where + ": one more entry in the inbound streams");
                    Inbound in = accepted.get(accepted.size() - 1);
                    ChannelHarnessRow.Queued q = x.queued();
                    assertEquals(q, new ChannelHarnessRow.Queued(in.from().identity(), in.channel(), in.from().replyToOrHandle(),
                            in.line(), in.text(), in.providerId(), in.media()), where + ": the queued message");
                }
                case NOT_QUEUED -> {
                    assertEquals(acceptedBefore, accepted.size(), where + ": nothing accepted");
                    assertEquals(queuedBefore, queuedAfter, where + ": inbound streams unchanged");
                }
                case NOTHING_STORED -> {
                    assertEquals(offersBefore, queue.offers(), where + ": the queue was not even asked");
                    assertEquals(keysBefore, keys(), where + ": Redis holds the same keys as before");
                }
            }
            if (x.check() != null) x.check().verify(context);
        }
        List<String> forbidden = new ArrayList<>(secrets);
        forbidden.addAll(row.neverLogged());
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            String line = e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
            for (String f : forbidden) {
                if (f == null || f.isEmpty()) continue;
                assertFalse(line.contains(f), row.provider() + " / " + row.name() + ": '" + f + "' in a log line: " + line);
            }
        }
    }

    /** Entries in all inbound partition streams. */
    private long queuedEntries() {
        long total = 0;
        for (int p = 0; p < partitions.count(); p++) total += inspect.sync().xlen(RedisKeys.inbound(p));
        return total;
    }

    /** Every key name, sorted (the harness's Redis holds a handful): DBSIZE would miss a key replaced by another. */
    private List<String> keys() {
        List<String> out = new ArrayList<>(inspect.sync().keys("*"));
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        omkLogger.setLevel(omkLevelBefore);
        inspect.close();
        inspectClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        Await.result(server.close());
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
    }
}
