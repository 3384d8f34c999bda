package nl.omkijken.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import nl.omkijken.store.redis.EmbeddedRedis;
import nl.omkijken.store.redis.RedisBinary;
import nl.omkijken.store.redis.RedisWire;

/**
 * A real redis-server for tests: the installed one (Debian {@code redis-server}), else the binary
 * bundled in the embedded-redis jar. It listens on a free port on 127.0.0.1 and keeps its data in a
 * temporary directory that {@link #stop()} deletes.
 *
 * <pre>{@code
 * static RedisServer redis;
 *
 * @BeforeAll static void startRedis() { redis = RedisServer.start(); }
 * @AfterAll  static void stopRedis()  { redis.stop(); }
 * @BeforeEach void clean()            { redis.flushAll(); }
 *
 * // in a test: RedisConnection.connect(vertx, redis.url())
 * }</pre>
 */
public final class RedisServer {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private EmbeddedRedis server;
    private final Path dir;

    private RedisServer(EmbeddedRedis server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** Starts a server for one test class. Fails the test set-up with the reason if it cannot. */
    public static RedisServer start() {
        IOException last = null;
        // The free port is chosen before redis-server binds it; another process on this machine may take
        // it in between. That race is rare, so a few attempts make it harmless.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Path dir = Files.createTempDirectory("omk-redis-test");
                return new RedisServer(EmbeddedRedis.start(dir, 0, RedisBinary.preferSystem(),
                        EmbeddedRedis.DEFAULT_START_TIMEOUT), dir);
            } catch (IOException e) {
                last = e;
                if (e.getMessage() == null || !e.getMessage().contains("already in use")) {
                    break;
                }
            }
        }
        throw new UncheckedIOException("cannot start redis-server for tests: " + last.getMessage(), last);
    }

    /** {@code redis://127.0.0.1:PORT}, for {@code RedisConnection.connect}. */
    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** Empties every database, so each test starts from nothing. */
    public void flushAll() {
        try {
            String reply = RedisWire.call(server.port(), COMMAND_TIMEOUT, "FLUSHALL");
            if (!"+OK".equals(reply)) {
                throw new IllegalStateException("FLUSHALL answered " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("FLUSHALL failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server as a crash or restart would, keeping its data directory (the append-only file),
     * so {@link #startAgain()} brings the same data back on the same port.
     */
    public void stopKeepingData() {
        server.stop();
    }

    /** Starts the server again on its port with the data it had ({@link #stopKeepingData()}). */
    public void startAgain() {
        int port = server.port();
        try {
            server = EmbeddedRedis.start(dir, port, RedisBinary.preferSystem(), EmbeddedRedis.DEFAULT_START_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server again on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server and deletes its data directory. */
    public void stop() {
        server.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
