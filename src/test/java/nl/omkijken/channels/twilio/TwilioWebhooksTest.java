package nl.omkijken.channels.twilio;

import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.DeliveryStatus;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook side beyond the harness's table: answers and reasons, a failing queue, and what
 * status callbacks do (opt-out on 21610, the WhatsApp template on 63016), with real Redis, the real
 * runner and the fake Twilio API.
 */
class TwilioWebhooksTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "webhooks-test-token-0a1b2c3d4e5f";
    static final String TEMPLATE = "HXabcdefabcdefabcdefabcdefabcdefab";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String US = "+3197010200300";
    static final String FORM = "application/x-www-form-urlencoded";

    private static RedisServer redisServer;
    private static Vertx vertx;
    private static FakeTwilio fake;
    private RedisConnection redis;
    private SimpleMeterRegistry metrics;
    private TurnRunner runner;
    private HttpServer server;
    private TwilioChannel channel;
    private RedisOutboxStore outboxStore;
    private OutboxDispatcher dispatcher;
    private WebhookClient client;
    private final TwilioSigner signer = new TwilioSigner(TOKEN);

    @BeforeAll
    static void startAll() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
    }

    @AfterAll
    static void stopAll() {
        fake.close();
        Await.result(vertx.close());
        redisServer.stop();
    }

    @BeforeEach
    void startService() {
        redisServer.flushAll();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("webhooks-test-key-0123456789".getBytes());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                new RedisConversationStore(redis), Nlu.shared(), Clock.systemUTC(),
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
        start(new RedisInboundQueue(redis, TestPeople.of(redis)), TEMPLATE);
    }

    private void start(InboundQueue queue, String template) {
        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC,
                Map.of("luisterlijn", List.of(US, "whatsapp:" + US)), template);
        outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        channel = new TwilioChannel(vertx, settings, new TwilioChannel.Ports(queue, new RedisDeliveryStatusStore(redis),
                outboxStore, new RedisReconcileStore(redis), TestPeople.optOuts(redis, runner::markOptedOut)),
                Clock.systemUTC(), metrics, new Pseudonym("webhooks-test-key-0123456789".getBytes()));
        Router router = Router.router(vertx);
        channel.mount(router);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = new WebhookClient("http://127.0.0.1:" + server.actualPort());
    }

    /** The outbox dispatcher with this channel's senders; quick retries, so a retried template arrives in the test. */
    private void startOutbox() {
        dispatcher = new OutboxDispatcher(vertx, outboxStore, channel.senders(), "webhooks-test", Duration.ofMillis(100),
                metrics, new Pseudonym("webhooks-test-key-0123456789".getBytes()), runner::markOptedOut,
                new OutboxDispatcher.RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50)));
        dispatcher.start(Duration.ofMillis(50));
    }

    @AfterEach
    void stopService() {
        if (dispatcher != null) dispatcher.stop();
        dispatcher = null;
        Await.result(server.close());
        channel.stop();
        Await.result(redis.close());
    }

    private static Map<String, String> payload(String file) throws Exception {
        return Forms.decode(Files.readString(Path.of("src/test/resources/webhooks/twilio", file)));
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
        return client.post(pathAndQuery, FORM, Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signer.sign(PUBLIC + pathAndQuery, form)));
    }

    private double outcome(String endpoint, String outcome) {
        return metrics.counter("omk_webhook_requests_total", "channel", "twilio", "endpoint", endpoint, "outcome", outcome).count();
    }

    @Test
    void anAcceptedMessageGetsAnEmptyTwimlResponse() throws Exception {
        HttpResponse<String> r = post(TwilioWebhooks.MESSAGING_PATH, payload("inbound-sms.form"));
        assertEquals(200, r.statusCode());
        assertEquals("<Response/>", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        assertEquals(1.0, outcome("messaging", "accepted"));
        HttpResponse<String> again = post(TwilioWebhooks.MESSAGING_PATH, payload("inbound-sms.form"));
        assertEquals(200, again.statusCode());
        assertEquals("<Response/>", again.body());
        assertEquals(1.0, outcome("messaging", "duplicate"));
    }

    @Test
    void refusalsSayWhy() throws Exception {
        Map<String, String> sms = payload("inbound-sms.form");
        Map<String, String> unknown = new LinkedHashMap<>(sms);
        unknown.put("To", "+3197000000001");
        HttpResponse<String> r = post(TwilioWebhooks.MESSAGING_PATH, unknown);
        assertEquals(400, r.statusCode());
        assertEquals("To is not a number of any line", r.body());

        Map<String, String> noSid = new LinkedHashMap<>(sms);
        noSid.remove("MessageSid");
        assertEquals("MessageSid is missing", post(TwilioWebhooks.MESSAGING_PATH, noSid).body());

        r = client.post(TwilioWebhooks.MESSAGING_PATH, FORM, "Body=caf%C3%28".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, r.statusCode());
        assertEquals("the form is not valid UTF-8", r.body(), "our own check, before the signature");

        r = client.post(TwilioWebhooks.MESSAGING_PATH, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("Content-Type must be"), r.body());

        r = client.post(TwilioWebhooks.MESSAGING_PATH, FORM, new byte[64 * 1024 + 1], Map.of());
        assertEquals(413, r.statusCode());

        r = client.post(TwilioWebhooks.MESSAGING_PATH, FORM, Forms.encode(sms).getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(403, r.statusCode());
        assertEquals("X-Twilio-Signature is missing", r.body());
    }

    @Test
    void whenTheQueueFailsTheAnswerIs503AndARetryIsStillAccepted() throws Exception {
        stopService();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        RedisConnection closed = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        Await.result(closed.close());
        start(new RedisInboundQueue(closed, TestPeople.of(closed)), TEMPLATE);

        HttpResponse<String> r = post(TwilioWebhooks.MESSAGING_PATH, payload("inbound-sms.form"));
        assertEquals(503, r.statusCode(), "not acknowledged: Twilio may retry");
        assertEquals(1.0, outcome("messaging", "unavailable"));

        stopService();
        startService();
        assertEquals(200, post(TwilioWebhooks.MESSAGING_PATH, payload("inbound-sms.form")).statusCode());
        assertEquals(1.0, outcome("messaging", "accepted"), "the failed attempt did not burn the MessageSid");
    }

    /** The person wrote before: their conversation exists (a status callback is about a reply to them). */
    private String wrote(String channel, String number, String replyTo) {
        People.Known known = TestPeople.resolve(redis, new Address(channel, number, replyTo));
        Await.result(runner.handle(new Inbound(known.conversationId(), channel, known.addressKey(), "luisterlijn", "nl",
                "hallo", null, Instant.now())));
        return known.conversationId();
    }

    private String whatsappPersonWrote() {
        return wrote("whatsapp", "+31687654321", "whatsapp:+31687654321|whatsapp:" + US);
    }

    @Test
    void aCallbackWith21610OptsThePersonOut() throws Exception {
        String conv = wrote("sms", "+31612345678", "+31612345678|" + US);
        assertTrue(!Await.result(runner.store().load(conv)).contact().optedOut());

        HttpResponse<String> r = post(TwilioWebhooks.STATUS_PATH + "?outbound=a1", payload("status-undelivered-21610.form"));
        assertEquals(200, r.statusCode());
        assertTrue(Await.result(runner.store().load(conv)).contact().optedOut());
        var record = Await.result(new RedisDeliveryStatusStore(redis).get("SMd3c4b5a6978877665544332211000fe1"));
        assertEquals(DeliveryStatus.UNDELIVERED, record.status());
        assertEquals("21610", record.errorCode());
        assertEquals("a1", record.outboundId());

        assertEquals(200, post(TwilioWebhooks.STATUS_PATH + "?outbound=a1", payload("status-undelivered-21610.form")).statusCode(),
                "a repeat is answered 200 too");
        assertEquals(1.0, outcome("status", "stale"));
    }

    @Test
    void aCallbackWith63014OptsThePersonOut() throws Exception {
        String conv = whatsappPersonWrote();
        assertFalse(Await.result(runner.store().load(conv)).contact().optedOut());

        HttpResponse<String> r = post(TwilioWebhooks.STATUS_PATH + "?outbound=a2", payload("status-whatsapp-undelivered-63014.form"));
        assertEquals(200, r.statusCode());
        assertTrue(Await.result(runner.store().load(conv)).contact().optedOut(), "blocked in WhatsApp counts as opted out");
        assertEquals(1.0, metrics.counter("omk_opt_changes_total", "direction", "out", "source", "whatsapp_63014").count());
        var record = Await.result(new RedisDeliveryStatusStore(redis).get("SMe5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"));
        assertEquals("63014", record.errorCode());
    }

    @Test
    void a63016CallbackGivesExactlyOneTemplateEvenWhenPostedTwiceOrRacing() throws Exception {
        whatsappPersonWrote();
        startOutbox();
        awaitOutboxEmpty(); // the replies to the person's message are not what this is about
        int before = fake.created().size();
        Map<String, String> failed = payload("status-whatsapp-failed-63016.form");
        String path = TwilioWebhooks.STATUS_PATH + "?outbound=o-63016";
        // Two deliveries of the same callback at the same moment, then a third one later.
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> post(path, failed).statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> post(path, failed).statusCode());
        assertEquals(200, first.get(10, TimeUnit.SECONDS));
        assertEquals(200, second.get(10, TimeUnit.SECONDS));
        assertEquals(200, post(path, failed).statusCode());
        // Every callback was answered after the outbox append (or its refusal as a repeat): one entry at most.
        assertEquals(1.0, metrics.counter("omk_twilio_template_fallbacks_total", "channel", "whatsapp").count());

        awaitOutboxStatus("template-o-63016", "sent");
        Await.result(dispatcher.drain());
        List<FakeTwilio.Received> templates = templatesSince(before);
        assertEquals(1, templates.size(), "exactly one template at Twilio");
        FakeTwilio.Received template = templates.get(0);
        assertEquals("whatsapp:+31687654321", template.to());
        assertEquals("whatsapp:" + US, template.from());
        assertNull(template.body());
        assertEquals(PUBLIC + "/webhooks/twilio/status?outbound=o-63016&template=1", template.statusCallback());
        assertEquals(template.answeredSid(), Await.result(outboxStore.providerId("template-o-63016")));

        // The template itself failing with 63016 (not approved, say) must not start a loop.
        Map<String, String> templateFailed = new LinkedHashMap<>(failed);
        templateFailed.put("MessageSid", template.answeredSid());
        templateFailed.put("SmsSid", template.answeredSid());
        assertEquals(200, post(path + "&template=1", templateFailed).statusCode());
        assertEquals(1.0, metrics.counter("omk_twilio_template_fallbacks_total", "channel", "whatsapp").count());
        Await.result(dispatcher.drain());
        assertEquals(1, templatesSince(before).size());
    }

    @Test
    void aTemplateTwilioRefusesForNowIsRetriedAndArrives() throws Exception {
        whatsappPersonWrote();
        startOutbox();
        awaitOutboxEmpty();
        int before = fake.received().size();
        fake.answerNext(FakeTwilio.Answer.serverError(), FakeTwilio.Answer.tooManyRequests(0));
        assertEquals(200, post(TwilioWebhooks.STATUS_PATH + "?outbound=o-retry", payload("status-whatsapp-failed-63016.form"))
                .statusCode());

        awaitOutboxStatus("template-o-retry", "sent");
        List<FakeTwilio.Received> calls = fake.received().subList(before, fake.received().size());
        assertEquals(List.of(500, 429, 201), calls.stream().map(FakeTwilio.Received::answeredStatus).toList(),
                "refused twice, then sent");
        assertTrue(calls.stream().allMatch(c -> TEMPLATE.equals(c.form().get("ContentSid"))));
        assertEquals(1, templatesSince(before).size());
    }

    @Test
    void withoutATemplateA63016IsRecordedAsFailedAndNothingIsSent() throws Exception {
        whatsappPersonWrote();
        stopService();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        start(new RedisInboundQueue(redis, TestPeople.of(redis)), null);
        startOutbox();
        awaitOutboxEmpty();
        int before = fake.received().size();
        assertEquals(200, post(TwilioWebhooks.STATUS_PATH + "?outbound=o-none", payload("status-whatsapp-failed-63016.form"))
                .statusCode());
        assertEquals(DeliveryStatus.FAILED,
                Await.result(new RedisDeliveryStatusStore(redis).get("SMc4b5a6978877665544332211000fe1d2")).status());
        awaitOutboxStatus("template-o-none", "failed:63016");
        assertEquals(before, fake.received().size(), "Twilio was not asked to send anything");
    }

    @Test
    void a63016ForAMessageWeDidNotSendGetsNoTemplate() throws Exception {
        // No outbound id in the callback URL: sent from the console or another system, not a reply of ours.
        assertEquals(200, post(TwilioWebhooks.STATUS_PATH, payload("status-whatsapp-failed-63016.form")).statusCode());
        assertEquals(0.0, metrics.counter("omk_twilio_template_fallbacks_total", "channel", "whatsapp").count());
        assertEquals(List.of(), Await.result(outboxStore.claim("look", 10, Duration.ofSeconds(30))));
    }

    private List<FakeTwilio.Received> templatesSince(int before) {
        List<FakeTwilio.Received> all = fake.created();
        return all.subList(Math.min(before, all.size()), all.size()).stream()
                .filter(r -> r.form().get("ContentSid") != null).toList();
    }

    private void awaitOutboxEmpty() {
        Poll.until(() -> {
            try {
                return ":0".equals(nl.omkijken.store.redis.RedisWire.call(redisServer.port(), Duration.ofSeconds(5), "XLEN",
                        RedisKeys.OUTBOX));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Duration.ofSeconds(10), "every reply sent");
    }

    private void awaitOutboxStatus(String outboundId, String status) {
        Poll.until(() -> status.equals(Await.result(outboxStore.status(outboundId))), Duration.ofSeconds(10),
                "outbox status of " + outboundId + " is " + status);
    }

    private static void awaitCreated(int count) {
        Poll.until(() -> fake.created().size() >= count, Duration.ofSeconds(10), "fake Twilio has " + count + " messages");
    }
}
