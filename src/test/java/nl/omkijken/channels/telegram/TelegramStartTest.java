package nl.omkijken.channels.telegram;

import nl.omkijken.testing.TestPeople;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting the channel: a refused token or webhook stops the start with a message that says what to fix. */
class TelegramStartTest {
    private static final String WRONG_TOKEN = "7000000001:AAWrongTokenNotKnownToTheFake_987654";
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() { redis = RedisServer.start(); }

    @AfterAll
    static void stopRedis() { redis.stop(); }

    @Test
    void aTokenTelegramRefusesStopsTheStartAndIsNotRepeated() {
        try (TelegramRig rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC())) {
            TelegramSettings wrong = new TelegramSettings(WRONG_TOKEN, TelegramRig.SECRET, rig.fake.baseUrl(),
                    TelegramSettings.Mode.WEBHOOK, "luisterlijn", "https://omkijken.example.nl", Duration.ofSeconds(2));
            TelegramChannel channel = new TelegramChannel(rig.vertx, wrong, rig.runner.engine().dialogs().lines(), rig.queue,
                    TestPeople.optOuts(rig.conn, rig.runner::markOptedOut), rig.metrics, rig.pseudonym, Clock.systemUTC());
            String message = Await.failure(channel.start()).getMessage();
            assertTrue(message.contains("401") && message.contains("TELEGRAM_BOT_TOKEN"), message);
            assertFalse(message.contains("AAWrongToken"), message);
            assertEquals(0, rig.fake.requests("setWebhook").size());
            Await.result(channel.stop());
        }
    }

    @Test
    void anUnreachableBotApiStopsTheStart() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TelegramRig rig = new TelegramRig(redis, TelegramSettings.Mode.POLLING, Clock.systemUTC())) {
            TelegramSettings s = new TelegramSettings(TelegramRig.TOKEN, null, "http://127.0.0.1:" + closed,
                    TelegramSettings.Mode.POLLING, "luisterlijn", null, Duration.ofSeconds(2));
            TelegramChannel channel = new TelegramChannel(rig.vertx, s, rig.runner.engine().dialogs().lines(), rig.queue,
                    TestPeople.optOuts(rig.conn, rig.runner::markOptedOut), rig.metrics, rig.pseudonym, Clock.systemUTC());
            String message = Await.failure(channel.start()).getMessage();
            assertTrue(message.contains("ConnectException") && message.contains("TELEGRAM_API_BASE_URL"), message);
            Await.result(channel.stop());
        }
    }

    @Test
    void noWebhookIsServedInPollingMode() {
        try (TelegramRig rig = new TelegramRig(redis, TelegramSettings.Mode.POLLING, Clock.systemUTC())) {
            var r = rig.post("{\"update_id\":1}".getBytes(), "application/json", TelegramRig.SECRET);
            assertEquals(404, r.statusCode(), "polling mode mounts no webhook");
        }
    }
}
