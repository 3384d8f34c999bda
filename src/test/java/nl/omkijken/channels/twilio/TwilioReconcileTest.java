package nl.omkijken.channels.twilio;

import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundPipeline;
import nl.omkijken.runner.InboundQueue;
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
import nl.omkijken.testing.LogCapture;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
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
 * Reconciliation of lost webhooks, with a real redis-server, the real inbound queue (and, where a
 * reply is expected, the real inbound worker, runner and outbox), and the real Twilio SDK listing
 * messages at the fake Twilio. The reconciler's clock is moved by hand; rounds are run one at a time.
 */
class TwilioReconcileTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "reconcile-test-token-7a6b5c4d3e2f";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String US = "+3197010200300";
    static final String HELPDESK = "+3197010200400";
    static final String ME = "+31612345678";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static RedisServer redisServer;
    private static Vertx vertx;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(t0);
    private final List<TwilioChannel> channels = new ArrayList<>();
    private final List<RedisConnection> connections = new ArrayList<>();
    private FakeTwilio fake;
    private SimpleMeterRegistry metrics;
    private RedisConnection redis;
    private RecordingQueue queue;
    private TurnRunner runner;
    private InboundPipeline pipeline;
    private OutboxDispatcher outbox;
    private HttpServer server;

    @BeforeAll
    static void startAll() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopAll() {
        Await.result(vertx.close());
        redisServer.stop();
    }

    @BeforeEach
    void start() {
        redisServer.flushAll();
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        metrics = new SimpleMeterRegistry();
        redis = connect();
        queue = new RecordingQueue(new RedisInboundQueue(redis, TestPeople.of(redis)));
    }

    @AfterEach
    void stop() {
        if (outbox != null) outbox.stop();
        if (pipeline != null) Await.result(pipeline.stop());
        if (server != null) Await.result(server.close());
        channels.forEach(TwilioChannel::stop);
        fake.close();
        connections.forEach(c -> Await.result(c.close()));
    }

    private RedisConnection connect() {
        RedisConnection c = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        connections.add(c);
        return c;
    }

    private TwilioSettings settings() {
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        numbers.put("luisterlijn", List.of(US, "whatsapp:" + US));
        numbers.put("helpdesk", List.of(HELPDESK));
        return new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC, numbers, null,
                Duration.ofSeconds(5), new TwilioSettings.Reconciliation(Duration.ofMinutes(5), Duration.ofMinutes(2),
                        RedisInboundQueue.DEFAULT_DEDUPE_TTL));
    }

    /** One instance's Twilio adapter on its own Redis connection, sharing the queue's streams. */
    private TwilioChannel channel(RedisConnection c, InboundQueue q) {
        TwilioChannel ch = new TwilioChannel(vertx, settings(), new TwilioChannel.Ports(q, new RedisDeliveryStatusStore(c),
                new RedisOutboxStore(c), new RedisReconcileStore(c), TestPeople.optOuts(c, (conv, reason) -> Future.succeededFuture())),
                clock, metrics, new Pseudonym("reconcile-test-key-0123456789".getBytes()));
        channels.add(ch);
        return ch;
    }

    /** The whole path: worker, runner with the project's dialogs, outbox sending through the adapter, webhooks. */
    private TwilioChannel serviceWithTurns() {
        Pseudonym pseudonym = new Pseudonym("reconcile-test-key-0123456789".getBytes());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(redis), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
        InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
        pipeline = new InboundPipeline(vertx, new RedisInboundQueue(redis, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis)),
                new RedisInboundSource(redis, partitions), runner, InboundWorker.Options.defaults(), metrics, pseudonym);
        queue = new RecordingQueue(pipeline.queue());
        RedisOutboxStore outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        TwilioChannel ch = new TwilioChannel(vertx, settings(), new TwilioChannel.Ports(queue, new RedisDeliveryStatusStore(redis),
                outboxStore, new RedisReconcileStore(redis), TestPeople.optOuts(redis, runner::markOptedOut)), clock, metrics, pseudonym);
        channels.add(ch);
        Router router = Router.router(vertx);
        ch.mount(router);
        outbox = new OutboxDispatcher(vertx, outboxStore, ch.senders(), "reconcile-test", Duration.ofSeconds(30), metrics,
                pseudonym, runner::markOptedOut);
        Await.result(pipeline.start());
        outbox.start(Duration.ofMillis(200));
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return ch;
    }

    private TwilioReconciler.Round round(TwilioChannel ch) {
        return Await.result(ch.reconciler().runRound());
    }

    private Instant checkpoint(String number) {
        return Await.result(new RedisReconcileStore(redis).checkpoint(TwilioReconciler.JOB, number));
    }

    /** The transcript of a sender ("sms:+316..."): of the conversation its messages made. */
    private List<TranscriptEntry> transcript(String sender) {
        return Transcripts.of(runner.store(), TestPeople.conversationOf(redis, sender));
    }

    private long count(String sender, String direction) {
        return Transcripts.count(runner.store(), TestPeople.conversationOf(redis, sender), direction);
    }

    private List<FakeTwilio.Received> sentTo(String to) {
        return fake.createdTo(to);
    }

    private List<FakeTwilio.ListCall> listCallsTo(String number) {
        return fake.listCalls().stream().filter(c -> number.equals(c.query().get("To"))).toList();
    }

    @Test
    void aMessageWhoseWebhookNeverCameIsRecoveredAndAnswered() {
        TwilioChannel ch = serviceWithTurns();
        try (LogCapture logs = LogCapture.start(); QuietHttpWire quiet = new QuietHttpWire()) {
            TwilioReconciler.Round first = round(ch);
            assertEquals(TwilioReconciler.Outcome.DONE, first.outcome());
            assertEquals(0, first.listed(), "a number without a checkpoint starts now: nothing old is answered");
            assertTrue(fake.listCalls().isEmpty());
            assertEquals(t0.minus(Duration.ofMinutes(2)), checkpoint(US));

            // Twilio has these; we never got their webhooks.
            String voice = "whatsapp:+31655501234";
            fake.addInbound(ME, US, "Hallo, ik voel me alleen vanavond", 0, t0.plusSeconds(60));
            FakeTwilio.Listed note = fake.addInbound(voice, "whatsapp:" + US, "", List.of("audio/ogg"), t0.plusSeconds(70));
            clock.advance(Duration.ofMinutes(5));

            TwilioReconciler.Round second = round(ch);
            assertEquals(TwilioReconciler.Outcome.DONE, second.outcome());
            assertEquals(2, second.listed());
            assertEquals(2, second.recovered());
            assertEquals(t0.plus(Duration.ofMinutes(3)), checkpoint(US), "moved to now minus the grace period");
            assertEquals(1.0, metrics.counter("omk_twilio_reconcile_recovered_total", "channel", "sms").count());
            assertEquals(1.0, metrics.counter("omk_twilio_reconcile_recovered_total", "channel", "whatsapp").count());

            Inbound sms = queue.offered().stream().filter(i -> i.channel().equals("sms")).findFirst().orElseThrow();
            assertEquals("sms:" + ME, sms.from().identity());
            assertEquals(ME + "|" + US, sms.from().replyTo());
            assertEquals("luisterlijn", sms.line());
            assertEquals(t0.plusSeconds(60), sms.receivedAt(), "when the person sent it");
            assertTrue(sms.providerId().startsWith("SM"));

            Poll.until(() -> count("sms:" + ME, "in") == 1, WAIT, "the recovered SMS ran its turn");
            Poll.until(() -> !sentTo(ME).isEmpty() && sentTo(ME).size() == count("sms:" + ME, "out"), WAIT, "its reply was sent");
            assertEquals(US, sentTo(ME).get(0).from(), "from the number the person wrote to");
            assertEquals("Hallo, ik voel me alleen vanavond", transcript("sms:" + ME).get(0).text());

            Poll.until(() -> count("whatsapp:+31655501234", "out") >= 1 && !sentTo(voice).isEmpty(), WAIT,
                    "the recovered voice note got its reply");
            assertTrue(transcript("whatsapp:+31655501234").get(0).text().contains("[media: audio/ogg]"),
                    "staff see what kind of media arrived: " + transcript("whatsapp:+31655501234").get(0).text());
            assertEquals(List.of(note.sid()), fake.mediaCalls(), "the attachments' types asked for the message that has them only");
            assertTrue(sentTo(voice).get(0).body().contains("alleen tekst lezen"), sentTo(voice).get(0).body());

            logs.assertNoneContains(List.of(TOKEN, "612345678", "655501234", "ik voel me alleen"));
            assertTrue(logs.events().stream().anyMatch(e -> e.getFormattedMessage().startsWith("twilio reconciliation round done")
                    && e.getFormattedMessage().contains("recovered=2")), "a log line with the counts");
        }
    }

    @Test
    void aMessageThatCameByWebhookIsNotProcessedTwice() {
        TwilioChannel ch = serviceWithTurns();
        round(ch);
        FakeTwilio.Listed m = fake.addInbound(ME, US, "Hallo", 0, t0.plusSeconds(30));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", m.sid());
        form.put("AccountSid", ACCOUNT);
        form.put("From", ME);
        form.put("To", US);
        form.put("Body", "Hallo");
        form.put("NumMedia", "0");
        String path = TwilioWebhooks.MESSAGING_PATH;
        assertEquals(200, new WebhookClient("http://127.0.0.1:" + server.actualPort()).post(path,
                "application/x-www-form-urlencoded", Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", new TwilioSigner(TOKEN).sign(PUBLIC + path, form))).statusCode());
        Poll.until(() -> count("sms:" + ME, "in") == 1 && sentTo(ME).size() == count("sms:" + ME, "out"), WAIT,
                "the webhook's turn and replies");
        int replies = sentTo(ME).size();

        clock.advance(Duration.ofMinutes(5));
        TwilioReconciler.Round r = round(ch);
        assertEquals(TwilioReconciler.Outcome.DONE, r.outcome());
        assertEquals(1, r.listed(), "the reconciler saw it");
        assertEquals(0, r.recovered(), "and the inbound queue knew its MessageSid");
        Await.result(outbox.drain());
        assertEquals(1, count("sms:" + ME, "in"), "no second turn");
        assertEquals(replies, sentTo(ME).size(), "no second reply");
    }

    @Test
    void readsEveryPageAndOffersOldestFirstTakingOnlyInboundMessagesOfItsWindow() {
        TwilioChannel ch = channel(redis, queue);
        round(ch);
        List<String> people = List.of("+31611111111", "+31622222222", "+31633333333");
        for (int i = 0; i < 120; i++) {
            fake.addInbound(people.get(i % 3), US, "bericht " + i, 0, t0.plusSeconds(60 + i));
        }
        fake.addInbound("+31644444444", HELPDESK, "voor de helpdesk", 0, t0.plusSeconds(90));
        fake.addMessage("outbound-api", "+31655555555", US, "not a message to us", 0, t0.plusSeconds(100));
        fake.addInbound("+31666666666", US, "before the checkpoint", 0, t0.minus(Duration.ofMinutes(3)));
        fake.addInbound("+31677777777", US, "still in its grace period", 0, t0.plus(Duration.ofMinutes(4)));
        clock.advance(Duration.ofMinutes(5));

        TwilioReconciler.Round r = round(ch);
        assertEquals(TwilioReconciler.Outcome.DONE, r.outcome());
        assertEquals(121, r.listed(), "120 to the Luisterlijn number, 1 to the Helpdesk");
        assertEquals(121, r.recovered());

        List<FakeTwilio.ListCall> pages = listCallsTo(US);
        assertEquals(List.of(50, 50, 21), pages.stream().map(FakeTwilio.ListCall::returned).toList(),
                "three pages: 120 inbound and one outbound message to our number, which is not taken");
        assertNull(pages.get(0).query().get("PageToken"));
        assertTrue(pages.get(1).query().get("PageToken").startsWith("PA"), "the next pages follow next_page_uri");
        assertEquals(SDK_DATE.format(t0.minus(Duration.ofMinutes(2))), pages.get(0).query().get("DateSent>"));
        assertEquals(SDK_DATE.format(t0.plus(Duration.ofMinutes(3))), pages.get(0).query().get("DateSent<"));
        assertEquals(1, listCallsTo(HELPDESK).size());
        assertEquals(1, listCallsTo("whatsapp:" + US).size(), "every configured number is listed");

        List<Inbound> offered = queue.offered();
        assertEquals(121, offered.size());
        for (String person : people) {
            List<Inbound> theirs = offered.stream().filter(i -> i.from().identity().equals("sms:" + person)).toList();
            assertEquals(40, theirs.size());
            assertEquals(theirs.stream().sorted(Comparator.comparing(Inbound::receivedAt)).toList(), theirs,
                    "oldest first, so each person's messages run in the order they were sent");
        }
        assertTrue(offered.stream().noneMatch(i -> i.text().equals("not a message to us")
                || i.text().equals("before the checkpoint") || i.text().equals("still in its grace period")));
        Inbound helpdesk = offered.stream().filter(i -> i.text().equals("voor de helpdesk")).findFirst().orElseThrow();
        assertEquals("helpdesk", helpdesk.line());
        assertEquals("+31644444444|" + HELPDESK, helpdesk.from().replyTo());
    }

    @Test
    void aFailingListCallLeavesTheCheckpointAndTheNextRoundTakesOver() {
        TwilioChannel ch = channel(redis, queue);
        round(ch);
        Instant start = checkpoint(US);
        for (int i = 0; i < 60; i++) fake.addInbound(ME, US, "bericht " + i, 0, t0.plusSeconds(30 + i));
        clock.advance(Duration.ofMinutes(5));

        fake.answerListNext(FakeTwilio.Answer.serverError());
        assertEquals(TwilioReconciler.Outcome.FAILED, round(ch).outcome());
        assertEquals(start, checkpoint(US), "500: the checkpoint stays");

        fake.answerListNext(FakeTwilio.Answer.tooManyRequests(1));
        assertEquals(TwilioReconciler.Outcome.FAILED, round(ch).outcome());
        assertEquals(start, checkpoint(US), "429: the checkpoint stays");

        // The first page comes, the second fails: nothing is offered, nothing moves.
        fake.answerListNext(FakeTwilio.Answer.created(), FakeTwilio.Answer.serverError());
        TwilioReconciler.Round halfway = round(ch);
        assertEquals(TwilioReconciler.Outcome.FAILED, halfway.outcome());
        assertEquals(start, checkpoint(US));
        assertEquals(0, queue.offered().size());
        assertEquals(3.0, metrics.counter("omk_twilio_reconcile_rounds_total", "outcome", "failed").count());

        TwilioReconciler.Round retry = round(ch);
        assertEquals(TwilioReconciler.Outcome.DONE, retry.outcome());
        assertEquals(60, retry.recovered(), "the next round takes all of them");
        assertEquals(t0.plus(Duration.ofMinutes(3)), checkpoint(US));
    }

    @Test
    void twoInstancesNeverRunARoundAtTheSameTime() throws Exception {
        TwilioChannel a = channel(connect(), queue);
        TwilioChannel b = channel(connect(), queue);
        round(a); // sets the checkpoints
        fake.delayListAnswers(Duration.ofMillis(60));
        int skipped = 0;
        for (int i = 0; i < 5; i++) {
            fake.addInbound(ME, US, "bericht " + i, 0, clock.instant().minus(Duration.ofMinutes(2)).plusSeconds(10));
            clock.advance(Duration.ofMinutes(1));
            Future<TwilioReconciler.Round> ra = a.reconciler().runRound();
            Future<TwilioReconciler.Round> rb = b.reconciler().runRound();
            List<TwilioReconciler.Outcome> outcomes = List.of(Await.result(ra).outcome(), Await.result(rb).outcome());
            assertTrue(outcomes.contains(TwilioReconciler.Outcome.DONE), "one of them ran: " + outcomes);
            if (outcomes.contains(TwilioReconciler.Outcome.SKIPPED)) skipped++;
        }
        assertTrue(skipped > 0, "the other one found the lease taken");
        List<FakeTwilio.ListCall> calls = fake.listCalls().stream()
                .sorted(Comparator.comparingLong(FakeTwilio.ListCall::startedNanos)).toList();
        assertFalse(calls.isEmpty());
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i).startedNanos() >= calls.get(i - 1).endedNanos(),
                    "list call " + i + " began before call " + (i - 1) + " was answered: two rounds at once");
        }
        assertEquals(5, queue.accepted().size(), "every message once");
        assertEquals(queue.accepted().size(), queue.accepted().stream().map(Inbound::providerId).distinct().count());
    }

    @Test
    void messagesInsideTheGracePeriodAreLeftToTheirWebhook() {
        TwilioChannel ch = channel(redis, queue);
        round(ch);
        fake.addInbound(ME, US, "net verstuurd", 0, t0.plusSeconds(30));
        clock.advance(Duration.ofMinutes(1)); // the message is 30 s old: its webhook may still be on its way

        TwilioReconciler.Round early = round(ch);
        assertEquals(0, early.listed());
        assertEquals(SDK_DATE.format(t0.minus(Duration.ofMinutes(1))), listCallsTo(US).get(0).query().get("DateSent<"));
        assertTrue(queue.offered().isEmpty());

        clock.advance(Duration.ofMinutes(2)); // now 2.5 min old
        TwilioReconciler.Round later = round(ch);
        assertEquals(1, later.recovered());
    }

    @Test
    void anAttachmentWhoseTypeCannotBeLookedUpStillCountsAndTheMessageIsStillTaken() {
        TwilioChannel ch = channel(redis, queue);
        round(ch);
        fake.addInbound(ME, US, "", List.of("image/png", "audio/ogg"), t0.plusSeconds(30));
        fake.failMediaLookups(true);
        clock.advance(Duration.ofMinutes(5));
        TwilioReconciler.Round r = round(ch);
        assertEquals(TwilioReconciler.Outcome.DONE, r.outcome(), "the types are for staff; their lookup does not fail the round");
        assertEquals(1, r.recovered());
        assertEquals(List.of("application/octet-stream", "application/octet-stream"), queue.offered().get(0).media());
    }

    @Test
    void theLookBackNeverReachesPastTheInboundDedupeWindow() {
        TwilioChannel ch = channel(redis, queue);
        // A checkpoint from three days ago, as after a long outage.
        RedisReconcileStore store = new RedisReconcileStore(redis);
        assertTrue(Await.result(store.acquire(TwilioReconciler.JOB, "setup", Duration.ofSeconds(10))));
        for (String n : settings().numbers()) {
            Await.result(store.advance(TwilioReconciler.JOB, "setup", n, t0.minus(Duration.ofDays(3))));
        }
        Await.result(store.release(TwilioReconciler.JOB, "setup"));
        fake.addInbound(ME, US, "te oud: de dedupe-sleutel kan verlopen zijn", 0, t0.minus(Duration.ofHours(47)));
        fake.addInbound("+31688888888", US, "nog binnen het venster", 0, t0.minus(Duration.ofHours(45)));

        TwilioReconciler.Round r = round(ch);
        assertEquals(1, r.recovered());
        assertEquals("nog binnen het venster", queue.offered().get(0).text());
        Duration lookBack = RedisInboundQueue.DEFAULT_DEDUPE_TTL.minus(TwilioSettings.Reconciliation.MARGIN);
        assertEquals(SDK_DATE.format(t0.minus(lookBack)), listCallsTo(US).get(0).query().get("DateSent>"));
    }

    /**
     * Keeps Apache's HTTP client and the Twilio SDK at WARN while LogCapture raises everything else to
     * DEBUG, as the service's logback.xml does: at DEBUG they log the wire (auth header, message
     * bodies). What this test checks is that our own lines carry counts only.
     */
    private static final class QuietHttpWire implements AutoCloseable {
        private final Map<String, ch.qos.logback.classic.Level> before = new LinkedHashMap<>();

        QuietHttpWire() {
            for (String name : List.of("org.apache.hc", "com.twilio")) {
                ch.qos.logback.classic.Logger l = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name);
                before.put(name, l.getLevel());
                l.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }

        @Override
        public void close() {
            before.forEach((name, level) ->
                    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(level));
        }
    }

    /** The real queue, recording every offer in order (and which were accepted). */
    private static final class RecordingQueue implements InboundQueue {
        private final InboundQueue real;
        private final List<Inbound> offered = new ArrayList<>();
        private final List<Inbound> accepted = new ArrayList<>();

        RecordingQueue(InboundQueue real) {
            this.real = real;
        }

        @Override
        public Future<Offer> offer(Inbound message) {
            synchronized (this) {
                offered.add(message);
            }
            return real.offer(message).onSuccess(o -> {
                if (o == Offer.ACCEPTED) {
                    synchronized (this) {
                        accepted.add(message);
                    }
                }
            });
        }

        synchronized List<Inbound> offered() {
            return List.copyOf(offered);
        }

        synchronized List<Inbound> accepted() {
            return List.copyOf(accepted);
        }
    }
}
