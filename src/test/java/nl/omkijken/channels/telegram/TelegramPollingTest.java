package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK skips update ids at or below the last one it saw, and Telegram picks a random new id after a
 * week without updates; a session idle for a day is therefore restarted, and then still delivers.
 */
class TelegramPollingTest {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() { redis = RedisServer.start(); }

    @AfterAll
    static void stopRedis() { redis.stop(); }

    @Test
    void aSessionIdleForADayStartsAfreshAndKeepsDelivering() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
        try (TelegramRig rig = new TelegramRig(redis, TelegramSettings.Mode.POLLING, clock)) {
            Await.result(rig.channel.start());
            TelegramPolling polling = rig.channel.polling();
            assertEquals(1, rig.fake.requests("deleteWebhook").size());

            rig.fake.queueUpdate(Updates.text(950001, 5550021, "hallo"));
            Eventually.await("the first update queued", () -> rig.queued().size() == 1);
            clock.advance(Duration.ofHours(23));
            assertFalse(Await.result(polling.restartWhenIdle()), "23 hours is not idle enough");
            assertEquals(1, rig.fake.requests("deleteWebhook").size());

            clock.advance(Duration.ofHours(2));
            assertTrue(Await.result(polling.restartWhenIdle()));
            assertEquals(2, rig.fake.requests("deleteWebhook").size(), "a new session begins with deleteWebhook");
            // An id below the last one seen: the old session would have skipped it.
            rig.fake.queueUpdate(Updates.text(10, 5550021, "nog een bericht"));
            Eventually.await("the low id delivered by the new session", () -> rig.queued().size() == 2);
            assertFalse(Await.result(polling.restartWhenIdle()), "an update just came");
        }
    }
}
