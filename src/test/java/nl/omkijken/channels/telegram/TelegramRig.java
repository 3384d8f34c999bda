package nl.omkijken.channels.telegram;

import nl.omkijken.testing.TestPeople;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.InboundPipeline;
import nl.omkijken.runner.InboundWorker;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisInboundSource;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTelegram;

/**
 * The Telegram channel with every real part, for tests: redis-server, the Lettuce stores and inbound
 * queue, the runner with the project's dialogs and language layer, the fake Bot API, and the
 * channel's webhook on an HTTP server on 127.0.0.1.
 */
final class TelegramRig implements AutoCloseable {
    static final String TOKEN = "7000000001:AAFakeTokenForTestsOnly_0123456789";
    static final String SECRET = "test-webhook-secret_0123456789-abc";

    private static DialogSet dialogs;

    final RedisServer redis;
    final Vertx vertx = Vertx.vertx();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final Pseudonym pseudonym = new Pseudonym("test-key-0123456789abcdef".getBytes());
    final RedisConnection conn;
    final RedisConversationStore store;
    final RedisInboundQueue queue;
    final TurnRunner runner;
    final FakeTelegram fake;
    final HttpServer server;
    final TelegramChannel channel;
    final TelegramSettings settings;
    private InboundPipeline inbound;
    private OutboxDispatcher outbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RedisClient rawClient;
    private final StatefulRedisConnection<String, String> raw;

    TelegramRig(RedisServer redis, TelegramSettings.Mode mode, Clock clock) {
        this.redis = redis;
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        store = new RedisConversationStore(conn);
        queue = new RedisInboundQueue(conn, TestPeople.of(conn));
        runner = new TurnRunner(vertx, new Engine(dialogs()), store, Nlu.shared(), clock,
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(20), "nl"), metrics, pseudonym);
        fake = FakeTelegram.start(TOKEN);
        Router router = Router.router(vertx);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        settings = new TelegramSettings(TOKEN, mode == TelegramSettings.Mode.WEBHOOK ? SECRET : null, fake.baseUrl(), mode,
                "luisterlijn", "http://127.0.0.1:" + server.actualPort(), Duration.ofSeconds(2));
        channel = new TelegramChannel(vertx, settings, runner.engine().dialogs().lines(), queue, TestPeople.optOuts(conn, runner::markOptedOut),
                metrics, pseudonym, clock);
        channel.mount(router);
        rawClient = RedisClient.create(redis.url());
        raw = rawClient.connect();
    }

    static synchronized DialogSet dialogs() {
        if (dialogs == null) dialogs = ProjectDialogs.shared();
        return dialogs;
    }

    /**
     * Starts the rest of the service's path: the inbound worker (queue -> runner) and the outbox
     * dispatcher (outbox -> the Telegram sender), which claims again what waited longer than {@code outboxIdle}.
     */
    OutboxDispatcher startPipeline(Duration outboxIdle) {
        RedisOutboxStore outboxStore = new RedisOutboxStore(conn);
        Await.result(outboxStore.start());
        InboundWorker.Options o = InboundWorker.Options.defaults();
        inbound = new InboundPipeline(vertx, queue, new RedisInboundSource(conn, queue.partitions()), runner,
                new InboundWorker.Options(o.batchSize(), o.lease(), o.renewEvery(), Duration.ofMillis(50), o.claimIdle(),
                        o.maxDeliveries(), Duration.ofMillis(200), Duration.ofSeconds(2)), metrics, pseudonym);
        Await.result(inbound.start());
        outbox = new OutboxDispatcher(vertx, outboxStore, List.of(channel.sender()), "test", outboxIdle, metrics, pseudonym,
                runner::markOptedOut);
        outbox.start(Duration.ofMillis(100));
        return outbox;
    }

    String webhook() { return "http://127.0.0.1:" + server.actualPort() + TelegramWebhook.PATH; }

    /** Posts a body to the webhook; {@code secret} null sends no secret header. */
    HttpResponse<String> post(byte[] body, String contentType, String secret) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(webhook())).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (secret != null) b.header(TelegramWebhook.SECRET_HEADER, secret);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("webhook request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message in the inbound queue, as stored (JSON of an Inbound), all partitions. */
    List<JsonObject> queued() {
        List<JsonObject> out = new ArrayList<>();
        for (int p = 0; p < InboundPartitions.DEFAULT_COUNT; p++) {
            for (StreamMessage<String, String> m : raw.sync().xrange(RedisKeys.inbound(p), Range.create("-", "+"))) {
                out.add(new JsonObject(m.getBody().get(RedisKeys.INBOUND_FIELD)));
            }
        }
        return out;
    }

    long keyCount() { return raw.sync().dbsize(); }

    double ignored(String kind) {
        var c = metrics.find("omk_webhook_ignored_total").tags("channel", "telegram", "kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    boolean optedOut(String conversationId) {
        var c = Await.result(store.load(conversationId));
        return c != null && c.contact().optedOut();
    }

    @Override
    public void close() {
        if (outbox != null) outbox.stop();
        if (inbound != null) Await.result(inbound.stop());
        Await.result(channel.stop());
        raw.close();
        rawClient.shutdown();
        fake.close();
        Await.result(server.close());
        Await.result(conn.close());
        Await.result(vertx.close());
    }
}
