package nl.omkijken.channels.twilio;

import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.DeliveryStatus;
import nl.omkijken.runner.InboundPipeline;
import nl.omkijken.runner.InboundWorker;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisInboundSource;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Transcripts;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Whole conversations over SMS and WhatsApp, wired like the service: a signed webhook goes through
 * the Twilio adapter into the real durable inbound queue; the real inbound worker runs the turn with
 * the project's dialogs and language layer against a real redis-server; the outbox dispatcher sends
 * the reply with the real Twilio SDK to the fake Twilio API; the fake's signed status callback comes
 * back through the "proxy" (public URL https://omkijken.example.nl, local port on 127.0.0.1).
 */
class TwilioEndToEndTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "e2e-auth-token-9f8e7d6c5b4a3f2e1d";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String US = "+3197010200300";
    static final Duration WAIT = Duration.ofSeconds(20);

    private RedisServer redisServer;
    private Vertx vertx;
    private RedisConnection redis;
    private FakeTwilio fake;
    private TurnRunner runner;
    private InboundPipeline inbound;
    private OutboxDispatcher outbox;
    private TwilioChannel twilio;
    private HttpServer server;
    private WebhookClient client;
    private final TwilioSigner signer = new TwilioSigner(TOKEN);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private int sidCounter;

    @BeforeEach
    void startService() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("nl.omkijken")).setLevel(Level.DEBUG);

        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("e2e-key-0123456789abcdef".getBytes());
        Clock clock = Clock.systemUTC();

        RedisOutboxStore outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                new RedisConversationStore(redis), Nlu.shared(), clock,
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
        InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
        inbound = new InboundPipeline(vertx, new RedisInboundQueue(redis, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis)),
                new RedisInboundSource(redis, partitions), runner, InboundWorker.Options.defaults(), metrics, pseudonym);

        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC,
                Map.of("luisterlijn", List.of(US, "whatsapp:" + US)), null);
        twilio = new TwilioChannel(vertx, settings, new TwilioChannel.Ports(inbound.queue(), new RedisDeliveryStatusStore(redis),
                outboxStore, new RedisReconcileStore(redis), TestPeople.optOuts(redis, runner::markOptedOut)), clock, metrics, pseudonym);
        Router router = Router.router(vertx);
        twilio.mount(router);
        outbox = new OutboxDispatcher(vertx, outboxStore, twilio.senders(), "e2e", Duration.ofSeconds(30), metrics,
                pseudonym, runner::markOptedOut);

        Await.result(inbound.start());
        outbox.start(Duration.ofMillis(200));
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = new WebhookClient("http://127.0.0.1:" + server.actualPort());
    }

    @AfterEach
    void stopService() {
        outbox.stop();
        Await.result(inbound.stop());
        Await.result(server.close());
        twilio.stop();
        fake.close();
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("nl.omkijken")).setLevel(Level.INFO);
    }

    /** An inbound SMS or WhatsApp message as Twilio posts it, with a fresh MessageSid. */
    private Map<String, String> message(String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        String sid = String.format("SM%032x", ++sidCounter);
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private int post(Map<String, String> form) {
        String path = TwilioWebhooks.MESSAGING_PATH;
        return client.post(path, "application/x-www-form-urlencoded", Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signer.sign(PUBLIC + path, form))).statusCode();
    }

    /** The conversation id of a sender ("sms:+316..."), or null before its first message. */
    private String id(String sender) {
        return TestPeople.conversationOf(redis, sender);
    }

    private List<TranscriptEntry> transcript(String sender) {
        return Transcripts.of(runner.store(), id(sender));
    }

    private long count(String sender, String direction) {
        return Transcripts.count(runner.store(), id(sender), direction);
    }

    private List<FakeTwilio.Received> sentTo(String to) {
        return fake.createdTo(to);
    }

    /** Waits until the turn for the n-th message ran and all its replies reached the fake Twilio. */
    private void awaitTurn(String conv, String to, int inbound) {
        Poll.until(() -> count(conv, "in") >= inbound, WAIT, "turn " + inbound + " of " + conv + " committed");
        Poll.until(() -> sentTo(to).size() == count(conv, "out"), WAIT, "every reply of " + conv + " at the fake Twilio");
    }

    @Test
    void aConversationOverSmsOneReplyPerMessageAndStopIsFinal() {
        String me = "+31612345678";
        String conv = "sms:" + me;
        Map<String, String> hello = message(me, US, "Hallo, ik voel me alleen vanavond");
        assertEquals(200, post(hello));
        awaitTurn(conv, me, 1);
        List<FakeTwilio.Received> first = sentTo(me);
        assertFalse(first.isEmpty(), "a reply arrived");
        assertTrue(first.get(0).body().contains("Luisterlijn"), first.get(0).body());
        assertEquals(US, first.get(0).from(), "from the number the person wrote to");
        assertTrue(first.get(0).statusCallback().startsWith(PUBLIC + "/webhooks/twilio/status?outbound="));

        // Twilio redelivers the same webhook: no second turn, no second reply.
        assertEquals(200, post(hello));
        assertEquals(200, post(message(me, US, "1")));
        awaitTurn(conv, me, 2);
        assertEquals(2, count(conv, "in"), "the redelivery ran no turn");
        assertEquals(count(conv, "out"), sentTo(me).size(), "every reply once");

        // STOP: the confirmation, then silence.
        assertEquals(200, post(message(me, US, "STOP")));
        awaitTurn(conv, me, 3);
        List<FakeTwilio.Received> all = sentTo(me);
        assertTrue(all.get(all.size() - 1).body().startsWith("Afgemeld"), all.get(all.size() - 1).body());
        int afterStop = all.size();
        assertEquals(200, post(message(me, US, "hallo?")));
        Poll.until(() -> count(conv, "in") == 4, WAIT, "the message after STOP was handled");
        Await.result(outbox.drain());
        assertEquals(afterStop, sentTo(me).size(), "nothing is sent after STOP");
        assertTrue(Await.result(runner.store().load(id(conv))).contact().optedOut());
        assertCleanLogs(me, "ik voel me alleen");
    }

    /** Over SMS too: a question about the call-back gets where it stands; a message in Spanish the notice in both languages. */
    @Test
    void overSmsARequestIsRememberedAndAnotherLanguageIsAnswered() {
        String me = "+31687654321";
        String conv = "sms:" + me;
        String[] turns = {"hallo", "2", "Joke", "06 87654321", "maakt niet uit"};
        for (int i = 0; i < turns.length; i++) {
            assertEquals(200, post(message(me, US, turns[i])));
            awaitTurn(conv, me, i + 1);
        }
        assertTrue(sentTo(me).stream().anyMatch(m -> m.body().contains("terugbelverzoek is doorgegeven")),
                sentTo(me).stream().map(FakeTwilio.Received::body).toList().toString());
        int before = sentTo(me).size();
        assertEquals(200, post(message(me, US, "wanneer bellen jullie?")));
        awaitTurn(conv, me, turns.length + 1);
        List<FakeTwilio.Received> status = sentTo(me).subList(before, sentTo(me).size());
        assertEquals(1, status.size(), status.toString());
        assertTrue(status.get(0).body().contains("staat nog in de wachtrij"), status.get(0).body());

        int beforeSpanish = sentTo(me).size();
        assertEquals(200, post(message(me, US, "Hola, estoy muy sola y necesito hablar con alguien")));
        awaitTurn(conv, me, turns.length + 2);
        List<String> notice = sentTo(me).subList(beforeSpanish, sentTo(me).size()).stream().map(FakeTwilio.Received::body).toList();
        assertEquals(2, notice.size(), notice.toString());
        assertTrue(notice.get(0).startsWith("Wij spreken Nederlands en Engels") && notice.get(1).startsWith("We speak Dutch and English"),
                notice.toString());
        assertCleanLogs(me, "estoy muy sola");
    }

    @Test
    void twilioSaying21610OptsTheContactOut() {
        String me = "+31687654321";
        String conv = "sms:" + me;
        fake.optOut(me); // the person had texted STOP to Twilio directly, say, while we were down
        assertEquals(200, post(message(me, US, "hoi")));
        Poll.until(() -> {
            var c = id(conv) == null ? null : Await.result(runner.store().load(id(conv)));
            return c != null && c.contact().optedOut();
        }, WAIT, "the contact is marked opted out");
        int before = fake.created().size();
        assertEquals(200, post(message(me, US, "hallo")));
        Poll.until(() -> count(conv, "in") == 2, WAIT, "the next message was handled");
        Await.result(outbox.drain());
        assertEquals(before, fake.created().size(), "nothing more is sent");
        assertTrue(sentTo(me).isEmpty());
        assertTrue(fake.received().stream().anyMatch(r -> me.equals(r.to()) && r.answeredStatus() == 400), "Twilio was asked once");
    }

    @Test
    void whatsappVoiceNoteGetsTheTextOnlyNoteAndTheStatusCallbackComesBackThroughTheProxy() {
        String me = "whatsapp:+31655501234";
        String conv = "whatsapp:+31655501234";
        Map<String, String> voice = message(me, "whatsapp:" + US, "");
        voice.put("NumMedia", "1");
        voice.put("MediaContentType0", "audio/ogg");
        voice.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM1/Media/ME1");
        assertEquals(200, post(voice));
        awaitTurn(conv, me, 1);
        FakeTwilio.Received reply = sentTo(me).get(0);
        assertTrue(reply.body().contains("alleen tekst lezen"), reply.body());
        assertEquals("whatsapp:" + US, reply.from());
        assertTrue(transcript(conv).get(0).text().contains("[media: audio/ogg]"), "staff see that media arrived");

        String local = "http://127.0.0.1:" + server.actualPort();
        assertEquals(200, fake.callBack(reply, "delivered", null, PUBLIC, local));
        assertEquals(200, fake.callBack(reply, "sent", null, PUBLIC, local), "a late 'sent' is answered, and ignored");
        var record = Await.result(new RedisDeliveryStatusStore(redis).get(reply.answeredSid()));
        assertEquals(DeliveryStatus.DELIVERED, record.status());
        assertTrue(reply.statusCallback().endsWith("outbound=" + record.outboundId()));
    }

    private void assertCleanLogs(String... secrets) {
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            String line = e.getFormattedMessage();
            for (String s : List.of(TOKEN, secrets[0].substring(3))) {
                assertFalse(line.contains(s), "'" + s + "' in a log line: " + line);
            }
            for (int i = 1; i < secrets.length; i++) assertFalse(line.contains(secrets[i]), "message text in a log line: " + line);
        }
    }
}
