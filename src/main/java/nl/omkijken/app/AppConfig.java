package nl.omkijken.app;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's whole configuration, loaded once at start (defaults, then a YAML file, then
 * environment variables) and validated by {@link ConfigLoader}. See the README for each setting.
 */
public record AppConfig(
        String host,
        int port,
        String publicBaseUrl,
        String redisUrl,          // null: start the embedded Redis
        int embeddedRedisPort,    // 0: any free port
        Path dataDir,
        Path dialogsDir,
        boolean sandbox,
        String defaultLanguage,
        double nluThreshold,
        Duration retention,
        Duration lockLease,
        String pseudonymKey       // null: generated once and kept in the data dir
) {
    public boolean embeddedRedis() { return redisUrl == null; }
}
