package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import nl.omkijken.store.redis.RedisWire;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shared harness (ChannelHarnessTelegram) cannot show: the webhook when Redis cannot take
 * the update. Telegram must get a status that makes it deliver again, and nothing may be half-stored.
 */
class TelegramWebhookTest {
    private static RedisServer redis;
    private static TelegramRig rig;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        rig.close();
        redis.stop();
    }

    @Test
    void aQueueThatCannotStoreTheUpdateGives503AndTheRedeliveryIsTaken() throws Exception {
        byte[] text = Files.readAllBytes(Path.of("src/test/resources/webhooks/telegram/text.json"));
        // Redis refuses every write while it believes it lacks replicas.
        assertEquals("+OK", RedisWire.call(redis.port(), Duration.ofSeconds(2), "CONFIG", "SET", "min-replicas-to-write", "1"));
        try {
            assertEquals(503, rig.post(text, "application/json", TelegramRig.SECRET).statusCode());
            assertEquals(0, rig.keyCount(), "nothing stored, not even the dedupe key");
        } finally {
            assertEquals("+OK", RedisWire.call(redis.port(), Duration.ofSeconds(2), "CONFIG", "SET", "min-replicas-to-write", "0"));
        }
        assertEquals(200, rig.post(text, "application/json", TelegramRig.SECRET).statusCode());
        assertEquals(1, rig.queued().size());
        assertEquals(200, rig.post(text, "application/json", TelegramRig.SECRET).statusCode());
        assertEquals(1, rig.queued().size(), "and once taken, a further redelivery is a duplicate");
    }
}
