package nl.omkijken.channels.twilio;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.OutboxStore;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.Sender;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance dies with replies claimed (issue 16, defects 3 and 4): one it had just sent, others it
 * never got to. The instance that takes them over sends each reply exactly once, in the order the
 * dialog wrote them, and a later turn's replies never overtake them, although they are claimed first.
 * Real redis-server, real Twilio SDK against the fake Twilio API, the project's dialogs.
 */
class OutboxTakeoverTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "takeover-auth-token-0123456789";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String US = "+3197010200300";
    static final String ME = "+31612340001";
    static final Duration IDLE = Duration.ofMillis(300);

    private RedisServer redisServer;
    private Vertx vertx;
    private RedisConnection redis;
    private FakeTwilio fake;
    private TurnRunner runner;
    private RedisOutboxStore outboxStore;
    private TwilioChannel twilio;
    private HttpServer server;
    private OutboxDispatcher survivor;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Pseudonym pseudonym = new Pseudonym("takeover-key-0123456789abc".getBytes());

    @BeforeEach
    void start() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(redis), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym);
        InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC,
                Map.of("luisterlijn", List.of(US)), null);
        twilio = new TwilioChannel(vertx, settings, new TwilioChannel.Ports(
                new RedisInboundQueue(redis, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis)), new RedisDeliveryStatusStore(redis),
                outboxStore, new RedisReconcileStore(redis), TestPeople.optOuts(redis, runner::markOptedOut)), Clock.systemUTC(), metrics, pseudonym);
        Router router = Router.router(vertx);
        twilio.mount(router);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        survivor = new OutboxDispatcher(vertx, outboxStore, twilio.senders(), "survivor", IDLE, metrics, pseudonym,
                runner::markOptedOut);
    }

    @AfterEach
    void stop() {
        survivor.stop();
        Await.result(server.close());
        twilio.stop();
        fake.close();
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
    }

    /** The person's conversation, made by their first message. */
    private People.Known me() {
        return TestPeople.resolve(redis, new Address("sms", ME, ME + "|" + US));
    }

    private TurnResult turn(String text) {
        return Await.result(runner.handle(new Inbound(me().conversationId(), "sms", me().addressKey(), "luisterlijn", "nl", text,
                "SM-" + text.hashCode() + "-" + System.nanoTime(), Instant.now())));
    }

    private List<String> sentBodies() {
        return fake.createdTo(ME).stream().map(FakeTwilio.Received::body).toList();
    }

    private Sender sms() {
        return twilio.senders().stream().filter(s -> s.channel().equals("sms")).findFirst().orElseThrow();
    }

    /** The "dead" instance claims everything open and, if asked, sends the first reply before it dies. */
    private List<OutboxStore.Claimed> deadInstanceClaims(boolean sendsFirst) {
        List<OutboxStore.Claimed> claimed = Await.result(outboxStore.claimInOrder("dead", 100, Duration.ofSeconds(30)));
        assertTrue(claimed.size() >= 2, "a first turn writes at least two replies: " + claimed.size());
        if (sendsFirst) Await.result(sms().send(claimed.get(0).reply()));
        return claimed;
    }

    private List<String> expectedBodies(List<TurnResult> turns) {
        return turns.stream().flatMap(t -> t.replies().stream()).map(r -> r.text()).toList();
    }

    private void drainUntilAllSent(int replies) {
        survivor.start(Duration.ofMillis(100));
        Poll.until(() -> {
            Await.result(survivor.drain());
            return sentBodies().size() >= replies && Await.result(outboxStore.claim("look", 1, Duration.ofDays(1))).isEmpty();
        }, Duration.ofSeconds(20), "every reply sent");
    }

    @Test
    void aReplyTheDeadInstanceHadSentIsFoundInTwiliosListAndNotSentAgain() {
        TurnResult first = turn("hallo");
        List<OutboxStore.Claimed> claimed = deadInstanceClaims(true);
        // No status callback reached us (it went to the dead instance): only Twilio's list can tell.
        drainUntilAllSent(first.replies().size());
        assertEquals(expectedBodies(List.of(first)), sentBodies(), "each reply once, in the dialog's order");
        assertEquals("sent", Await.result(outboxStore.status(claimed.get(0).reply().id())));
        assertEquals(1.0, metrics.counter("omk_outbox_sent_total", "channel", "sms", "status", "sent_before").count());
    }

    @Test
    void aReplyWhoseStatusCallbackCameIsNotSentAgain() {
        TurnResult first = turn("hallo");
        deadInstanceClaims(true);
        FakeTwilio.Received sent = fake.createdTo(ME).get(0);
        assertEquals(200, fake.callBack(sent, "sent", null, PUBLIC, "http://127.0.0.1:" + server.actualPort()));
        // Twilio's list would not show it (here it is emptied): the callback alone tells.
        fake.answerListNext(FakeTwilio.Answer.serverError(), FakeTwilio.Answer.serverError(), FakeTwilio.Answer.serverError());
        drainUntilAllSent(first.replies().size());
        assertEquals(expectedBodies(List.of(first)), sentBodies());
    }

    @Test
    void repliesTheDeadInstanceNeverSentAreSentOnceAndALaterTurnWaitsForThem() {
        TurnResult first = turn("hallo");
        deadInstanceClaims(false);
        // The person writes again while the dead instance's replies wait for the takeover: the new turn's
        // replies are claimed first by the survivor, and must still go out after the first turn's.
        TurnResult second = turn("ik voel me alleen");
        Await.result(survivor.drain());
        assertEquals(List.of(), sentBodies(), "nothing of the later turn before the earlier turn's replies");
        drainUntilAllSent(first.replies().size() + second.replies().size());
        assertEquals(expectedBodies(List.of(first, second)), sentBodies(), "each reply once, in order over both turns");
    }

    @Test
    void whenTwilioCannotBeAskedTheReplyIsSentAgainRatherThanLost() {
        TurnResult first = turn("hallo");
        deadInstanceClaims(true);
        fake.answerListNext(FakeTwilio.Answer.serverError(), FakeTwilio.Answer.serverError(), FakeTwilio.Answer.serverError());
        drainUntilAllSent(first.replies().size() + 1);
        List<String> bodies = sentBodies();
        assertEquals(first.replies().get(0).text(), bodies.get(0));
        assertEquals(expectedBodies(List.of(first)), bodies.subList(1, bodies.size()), "in doubt: sent again, in order");
    }

    @Test
    void anEarlierReplyWithTheSameTextIsNotTakenForTheOneTheDeadInstanceNeverSent() {
        TurnResult first = turn("hallo");
        // Sent the ordinary way (the survivor is not started: it drains only when told, so the entry below
        // is left for the dead instance to claim).
        Poll.until(() -> {
            Await.result(survivor.drain());
            return sentBodies().size() == first.replies().size();
        }, Duration.ofSeconds(20), "the first turn's replies sent");
        String repeated = first.replies().get(first.replies().size() - 1).text();
        // The dialogs repeat texts (a menu): a later reply with the same text, claimed by an instance that
        // died before sending it. No status callback came for the earlier one either.
        Outbound again = new Outbound("again-1", me().conversationId(), "sms", me().addressKey(), repeated, List.of(), Instant.now());
        Await.result(outboxStore.appendOnce("again-1", again));
        List<OutboxStore.Claimed> claimed = Await.result(outboxStore.claimInOrder("dead", 10, Duration.ofSeconds(30)));
        assertEquals(List.of("again-1"), claimed.stream().map(c -> c.reply().id()).toList());
        Poll.until(() -> {
            Await.result(survivor.drain());
            return sentBodies().size() > first.replies().size();
        }, Duration.ofSeconds(20), "the repeated reply sent");
        assertEquals(2, sentBodies().stream().filter(repeated::equals).count(), "sent, not lost to the earlier one's text");
        assertEquals("sent", Await.result(outboxStore.status("again-1")));
    }

    @Test
    void theStatusStoreRemembersWhichRepliesTwilioTook() {
        turn("hallo");
        List<OutboxStore.Claimed> claimed = deadInstanceClaims(true);
        Outbound reply = claimed.get(0).reply();
        FakeTwilio.Received sent = fake.createdTo(ME).get(0);
        fake.callBack(sent, "queued", null, PUBLIC, "http://127.0.0.1:" + server.actualPort());
        fake.callBack(sent, "sent", null, PUBLIC, "http://127.0.0.1:" + server.actualPort());
        assertEquals(java.util.Set.of(sent.answeredSid()), Await.result(new RedisDeliveryStatusStore(redis).deliveriesOf(reply.id())));
    }
}
