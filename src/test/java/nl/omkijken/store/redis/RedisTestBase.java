package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.result;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** One real redis-server per test class, emptied and connected to before each test. */
@ExtendWith(VertxExtension.class)
abstract class RedisTestBase {
    static RedisServer server;
    Vertx vertx;
    RedisConnection redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.stop();
    }

    @BeforeEach
    void connect(Vertx vertx) {
        server.flushAll();
        this.vertx = vertx;
        redis = result(RedisConnection.connect(vertx, server.url()));
    }

    @AfterEach
    void disconnect() {
        result(redis.close());
    }

    /** Raw commands, for looking at what the stores wrote. */
    RedisAsyncCommands<String, String> raw() {
        return redis.commands();
    }

    static <T> T sync(Future<T> reply) {
        try {
            return reply.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Redis command failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
