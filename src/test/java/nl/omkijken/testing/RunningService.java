package nl.omkijken.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import nl.omkijken.app.AppConfig;
import nl.omkijken.app.ConfigLoader;
import nl.omkijken.app.OmkijkenService;

/**
 * The whole service in the test's JVM, on a free port, against its own real redis-server, with
 * the project's dialogs and the sandbox on: as `serve` runs it, without a second process.
 */
public final class RunningService implements AutoCloseable {
    private final RedisServer redis;
    private final OmkijkenService service;
    private final int port;

    private RunningService(RedisServer redis, OmkijkenService service, int port) {
        this.redis = redis;
        this.service = service;
        this.port = port;
    }

    /** Starts Redis and the service; {@code dataDir} takes the model cache and the log pseudonym key. */
    public static RunningService start(Path dataDir) throws IOException, OmkijkenService.StartException {
        RedisServer redis = RedisServer.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AppConfig config = ConfigLoader.load(null, Map.of("PORT", String.valueOf(port), "REDIS_URL", redis.url(),
                "DATA_DIR", dataDir.toString(), "DIALOGS_DIR", "dialogs"));
        try {
            return new RunningService(redis, OmkijkenService.start(config, System.out), port);
        } catch (OmkijkenService.StartException | RuntimeException e) {
            redis.stop();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String base() { return "http://127.0.0.1:" + port; }

    @Override
    public void close() {
        service.stop();
        redis.stop();
    }
}
