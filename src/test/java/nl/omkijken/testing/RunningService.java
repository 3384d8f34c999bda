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
        return start(dataDir, Map.of());
    }

    /** As {@link #start(Path)}, with more settings (environment variable names, e.g. HTTP_IDLE_TIMEOUT). */
    public static RunningService start(Path dataDir, Map<String, String> settings) throws IOException, OmkijkenService.StartException {
        RedisServer redis = RedisServer.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("PORT", String.valueOf(port));
        env.put("REDIS_URL", redis.url());
        env.put("DATA_DIR", dataDir.toString());
        env.putIfAbsent("DIALOGS_DIR", "dialogs");
        // One model cache for every test's service: the models are trained once per data change, not
        // at each start (the risk model alone takes about 18 s).
        env.putIfAbsent("MODEL_CACHE_DIR", Path.of(System.getProperty("buildDir", "target"), "test-models").toString());
        // Tests that read the bot's words do not depend on the hour they run at; a test of the opening
        // hours sets its own.
        env.putIfAbsent("OPENING_HOURS", "off");
        if (env.containsKey("TWILIO_ACCOUNT_SID")) env.putIfAbsent("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        AppConfig config = ConfigLoader.load(null, env);
        try {
            return new RunningService(redis, OmkijkenService.start(config, System.out), port);
        } catch (OmkijkenService.StartException | RuntimeException e) {
            redis.stop();
            throw e;
        }
    }

    public int port() { return port; }

    /** {@code redis://127.0.0.1:PORT} of the service's Redis, to look at what it stored. */
    public String redisUrl() { return redis.url(); }

    /** {@code http://127.0.0.1:PORT}. */
    public String base() { return "http://127.0.0.1:" + port; }

    @Override
    public void close() {
        service.stop();
        redis.stop();
    }
}
