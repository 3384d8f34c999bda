package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConnectionTest extends RedisTestBase {

    @Test
    void pingIsTrueWhileRedisAnswers() {
        assertTrue(result(redis.ping()));
    }

    @Test
    void connectingSendsNoCommandRedisRejects() {
        // Lettuce's CLIENT SETINFO is an unknown subcommand before Redis 7.2: it would show up as an error.
        assertEquals("OK", sync(raw().configResetstat()));
        RedisConnection fresh = result(RedisConnection.connect(vertx, server.url()));
        try {
            assertTrue(result(fresh.ping()));
            String errors = sync(fresh.commands().info("errorstats"));
            assertFalse(errors.contains("errorstat_"), errors);
        } finally {
            result(fresh.close());
        }
    }

    @Test
    void pingIsFalseOnceRedisIsGone(Vertx vertx, @TempDir Path dir) throws IOException {
        EmbeddedRedis own = EmbeddedRedis.start(dir, 0, RedisBinary.preferSystem(), EmbeddedRedis.DEFAULT_START_TIMEOUT);
        RedisConnection connection = result(RedisConnection.connect(vertx, own.url(), Duration.ofSeconds(1)));
        try {
            assertTrue(result(connection.ping()));
            own.stop();
            assertFalse(result(connection.ping()));
        } finally {
            own.stop();
            result(connection.close());
        }
    }

    @Test
    void aMalformedUrlIsReportedWithoutItsPassword(Vertx vertx) {
        Throwable e = failure(RedisConnection.connect(vertx, "http://:geheim@127.0.0.1:6379"));
        assertTrue(e.getMessage().startsWith("not a usable Redis URL: http://:***@127.0.0.1:6379"), e.getMessage());
        assertFalse(e.getMessage().contains("geheim"));
    }

    @Test
    void anUnreachableServerIsReportedWithItsUrl(Vertx vertx) throws IOException {
        int nobody = EmbeddedRedis.freePort();
        Throwable e = failure(RedisConnection.connect(vertx, "redis://:geheim@127.0.0.1:" + nobody));
        assertTrue(e.getMessage().startsWith("cannot connect to Redis at redis://:***@127.0.0.1:" + nobody),
                e.getMessage());
        assertFalse(e.getMessage().contains("geheim"));
    }

    @Test
    void redactHidesPasswordsOnly() {
        assertEquals("redis://127.0.0.1:6379", RedisConnection.redact("redis://127.0.0.1:6379"));
        assertEquals("redis://user:***@host:6379/0", RedisConnection.redact("redis://user:pw@host:6379/0"));
        assertEquals("redis://***@host", RedisConnection.redact("redis://token@host"));
        assertEquals("(none)", RedisConnection.redact(null));
    }
}
