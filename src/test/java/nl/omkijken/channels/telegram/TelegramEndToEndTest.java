package nl.omkijken.channels.telegram;

import nl.omkijken.testing.TestPeople;
import nl.omkijken.testing.LogCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.store.redis.RedisWire;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTelegram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole conversations over Telegram with every real part: the SDK against the fake Bot API, the
 * webhook or long polling, the Redis inbound queue and its worker, the runner with the project's
 * dialogs and language layer, the outbox and the Telegram sender.
 */
class TelegramEndToEndTest {
    private static final List<String> HELPDESK_TOPICS = List.of("Subsidie en fondsen", "Stichting oprichten",
            "Ruimte of huisvesting", "Projectplan", "Vrijwilligers werven", "Communicatie", "Samenwerking", "Afspraak maken");

    private static RedisServer redis;
    private TelegramRig rig;
    private LogCapture logs;

    @BeforeAll
    static void startRedis() { redis = RedisServer.start(); }

    @AfterAll
    static void stopRedis() { redis.stop(); }

    @BeforeEach
    void clean() {
        redis.flushAll();
        logs = LogCapture.start();
    }

    @AfterEach
    void close() {
        if (rig != null) rig.close();
        logs.close();
        logs.assertNoneContains(List.of(TelegramRig.TOKEN, "AAFakeTokenForTestsOnly", TelegramRig.SECRET, "kanarie",
                "5550011", "5550012", "5550013", "5550014", "5550015", "5550016"));
    }

    private List<TranscriptEntry> transcript(long chat) {
        String conv = TestPeople.conversationOf(rig.conn, "telegram", String.valueOf(chat));
        return conv == null ? List.of() : Await.result(rig.store.transcript(conv));
    }

    private long count(long chat, String direction) {
        return transcript(chat).stream().filter(e -> e.direction().equals(direction)).count();
    }

    /** Every reply the runner committed for the chat has reached the fake, and no more. */
    private void allRepliesDelivered(long chat) {
        Eventually.await("replies delivered", () -> count(chat, "out") > 0 && delivered(chat) == count(chat, "out"));
    }

    /** sendMessage requests to the chat that Telegram accepted. */
    private int delivered(long chat) {
        return (int) rig.fake.sentTo(chat).stream().filter(r -> !rig.fake.refused(r)).count();
    }

    @Test
    void startHelpdeskThenAButtonOverTheWebhook() {
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
        rig.startPipeline(Duration.ofSeconds(30));
        Await.result(rig.channel.start());
        FakeTelegram.Request set = rig.fake.requests("setWebhook").get(0);
        assertEquals(rig.webhook(), set.param("url"));
        assertEquals(TelegramRig.SECRET, set.param("secret_token"));
        assertEquals(new JsonArray().add("message").add("callback_query").add("my_chat_member"), new JsonArray(set.param("allowed_updates")));
        assertEquals("false", set.param("drop_pending_updates"));

        long chat = 5550011;
        assertEquals(200, rig.fake.deliverToWebhook(Updates.text(900001, chat, "/start helpdesk").encode()));
        FakeTelegram.Request menu = Await.result(rig.fake.awaitRequest("sendMessage",
                r -> String.valueOf(chat).equals(r.param("chat_id")) && r.params().getValue("reply_markup") != null));
        assertEquals(HELPDESK_TOPICS, Updates.labels(menu), "the helpdesk line's topics, as an inline keyboard");
        allRepliesDelivered(chat);
        assertTrue(rig.fake.sentTo(chat).get(0).param("text").contains("Helpdesk"), "the helpdesk greeting comes first");
        int beforePress = delivered(chat);

        String press = Updates.press(900002, chat, "cbq-1", menu, "Subsidie en fondsen").encode();
        assertEquals(200, rig.fake.deliverToWebhook(press));
        Await.result(rig.fake.awaitRequest("answerCallbackQuery", r -> "cbq-1".equals(r.param("callback_query_id"))));
        Eventually.await("the next step's reply", () -> delivered(chat) > beforePress);
        allRepliesDelivered(chat);
        String next = rig.fake.sentTo(chat).get(beforePress).param("text");
        assertTrue(next.toLowerCase().contains("subsidie"), "the subsidy step answers: " + next);
        assertEquals("Subsidie en fondsen", transcript(chat).stream().filter(e -> e.direction().equals("in")).toList().get(1).text());

        // Telegram delivers the press again: 200, and no second turn.
        assertEquals(200, rig.fake.deliverToWebhook(press));
        assertEquals(200, rig.fake.deliverToWebhook(Updates.text(900003, chat, "dank je wel").encode()));
        Eventually.await("the third message's turn", () -> count(chat, "in") >= 3);
        allRepliesDelivered(chat);
        assertEquals(3, count(chat, "in"), "three updates, three turns: the redelivered press made none");
        assertEquals(1, rig.fake.requests("answerCallbackQuery").size());
    }

    /** Over Telegram too: the conversation follows a person who writes English, and two topics in one message are both answered. */
    @Test
    void englishAndTwoTopicsInOneMessageOverTelegram() {
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
        rig.startPipeline(Duration.ofSeconds(30));
        Await.result(rig.channel.start());
        long chat = 5550016;
        assertEquals(200, rig.fake.deliverToWebhook(Updates.text(900101, chat, "/start helpdesk").encode()));
        allRepliesDelivered(chat);
        int before = delivered(chat);
        assertEquals(200, rig.fake.deliverToWebhook(Updates.text(900102, chat,
                "We want to start a foundation and apply for funding for our neighbourhood project").encode()));
        Eventually.await("the answers", () -> count(chat, "in") >= 2);
        allRepliesDelivered(chat);
        List<String> answers = rig.fake.sentTo(chat).subList(before, delivered(chat)).stream().map(r -> r.param("text")).toList();
        String all = String.join("\n", answers);
        assertTrue(all.contains("subsidy") && all.contains("notary") && all.contains("Would you like a meeting"), all);
    }

    @Test
    void blockedByThePersonMeansOptedOutAndNothingMoreIsSent() {
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
        OutboxDispatcher outbox = rig.startPipeline(Duration.ofSeconds(30));
        long chat = 5550012;
        assertEquals(200, rig.post(Updates.text(910001, chat, "hallo").encode().getBytes(), "application/json", TelegramRig.SECRET).statusCode());
        allRepliesDelivered(chat);

        rig.fake.block(chat);
        assertEquals(200, rig.post(Updates.text(910002, chat, "hoe werkt dit").encode().getBytes(), "application/json", TelegramRig.SECRET).statusCode());
        Eventually.await("the contact is opted out after Telegram's 403", () -> rig.optedOut(TestPeople.conversationOf(rig.conn, "telegram", String.valueOf(chat))));
        Eventually.await("the refused send recorded", () -> rig.metrics.find("omk_outbox_sent_total")
                .tags("channel", "telegram", "status", "opted_out").counter() != null);
        int attempts = rig.fake.sentTo(chat).size();
        long outsBefore = count(chat, "out");

        assertEquals(200, rig.post(Updates.text(910003, chat, "ben je er nog").encode().getBytes(), "application/json", TelegramRig.SECRET).statusCode());
        Eventually.await("the third message's turn", () -> count(chat, "in") == 3);
        Await.result(outbox.drain());
        assertEquals(outsBefore, count(chat, "out"), "no reply to an opted-out contact");
        assertEquals(attempts, rig.fake.sentTo(chat).size(), "nothing more sent to a chat that blocked the bot");
    }

    @Test
    void retryAfterIsHonouredAndTheReplyArrivesOnce() {
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
        // The outbox claims again after 300 ms; Telegram asks for 2 s.
        rig.startPipeline(Duration.ofMillis(300));
        long chat = 5550013;
        rig.fake.failNext(new FakeTelegram.TooManyRequests(2));
        assertEquals(200, rig.post(Updates.text(920001, chat, "hallo").encode().getBytes(), "application/json", TelegramRig.SECRET).statusCode());
        allRepliesDelivered(chat);
        List<FakeTelegram.Request> sent = rig.fake.sentTo(chat);
        FakeTelegram.Request limited = sent.get(0);
        assertTrue(rig.fake.refused(limited), "the first attempt met the 429");
        for (FakeTelegram.Request r : sent.subList(1, sent.size())) {
            assertFalse(r.at().isBefore(limited.at().plusSeconds(2)), "a send " + Duration.between(limited.at(), r.at()).toMillis()
                    + " ms after the 429, before retry_after");
        }
        assertEquals(count(chat, "out") + 1, sent.size(), "each reply once, plus the one refused attempt");
        assertNotEquals(0, count(chat, "out"));
    }

    @Test
    void longPollingHoldsTheSameConversationWithoutAWebhook() {
        rig = new TelegramRig(redis, TelegramSettings.Mode.POLLING, Clock.systemUTC());
        rig.startPipeline(Duration.ofSeconds(30));
        Await.result(rig.channel.start());
        FakeTelegram.Request delete = rig.fake.requests("deleteWebhook").get(0);
        assertFalse("true".equals(delete.param("drop_pending_updates")), "pending updates are never dropped");

        long chat = 5550014;
        rig.fake.queueUpdate(Updates.text(930001, chat, "/start helpdesk"));
        FakeTelegram.Request menu = Await.result(rig.fake.awaitRequest("sendMessage",
                r -> String.valueOf(chat).equals(r.param("chat_id")) && r.params().getValue("reply_markup") != null));
        assertEquals(HELPDESK_TOPICS, Updates.labels(menu));
        allRepliesDelivered(chat);
        int beforePress = delivered(chat);

        var press = Updates.press(930002, chat, "cbq-poll", menu, "Projectplan");
        rig.fake.queueUpdate(press);
        Eventually.await("the next step's reply", () -> delivered(chat) > beforePress);
        Await.result(rig.fake.awaitRequest("answerCallbackQuery", r -> "cbq-poll".equals(r.param("callback_query_id"))));
        allRepliesDelivered(chat);
        Eventually.await("Telegram's updates confirmed", () -> rig.fake.pendingUpdates() == 0);

        // A restart forgets the last update id: Telegram may deliver an update again; it is a duplicate.
        Await.result(rig.channel.stop());
        Await.result(rig.channel.start());
        rig.fake.queueUpdate(press);
        rig.fake.queueUpdate(Updates.text(930003, chat, "dank je wel"));
        Eventually.await("the third message's turn", () -> count(chat, "in") >= 3);
        allRepliesDelivered(chat);
        assertEquals(3, count(chat, "in"), "the press delivered again made no second turn");
        assertEquals("Projectplan", transcript(chat).stream().filter(e -> e.direction().equals("in")).toList().get(1).text());
    }

    @Test
    void longPollingKeepsAnUpdateUnconfirmedUntilRedisTakesIt() throws Exception {
        rig = new TelegramRig(redis, TelegramSettings.Mode.POLLING, Clock.systemUTC());
        rig.startPipeline(Duration.ofSeconds(30));
        Await.result(rig.channel.start());
        long chat = 5550015;
        // Redis refuses every write while it believes it lacks replicas: the queue cannot take the update.
        assertEquals("+OK", RedisWire.call(redis.port(), Duration.ofSeconds(2), "CONFIG", "SET", "min-replicas-to-write", "1"));
        try {
            rig.fake.queueUpdate(Updates.text(940001, chat, "hallo"));
            Eventually.await("the update was offered and refused twice", () -> {
                var c = rig.metrics.find("omk_telegram_poll_store_retries_total").counter();
                return c != null && c.count() >= 2;
            });
            assertEquals(1, rig.fake.pendingUpdates(), "not confirmed to Telegram while not stored");
        } finally {
            assertEquals("+OK", RedisWire.call(redis.port(), Duration.ofSeconds(2), "CONFIG", "SET", "min-replicas-to-write", "0"));
        }
        allRepliesDelivered(chat);
        Eventually.await("confirmed once stored", () -> rig.fake.pendingUpdates() == 0);
        assertEquals(1, count(chat, "in"));
    }
}
