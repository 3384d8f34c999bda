package nl.omkijken.runner;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls into a store that may throw before it returns a future: whatever goes wrong becomes a failed future. */
final class RedisSafe {
    private RedisSafe() {}

    static Future<Void> remember(PersonMemory memory, String address, Map<String, String> facts) {
        try {
            Map<String, String> kept = new LinkedHashMap<>();
            facts.forEach((k, v) -> {
                if (k != null && v != null) kept.put(k, v);
            });
            return memory.remember(address, kept);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
