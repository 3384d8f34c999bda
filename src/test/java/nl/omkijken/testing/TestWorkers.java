package nl.omkijken.testing;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Set;
import nl.omkijken.console.Passwords;
import nl.omkijken.console.Role;
import nl.omkijken.console.Worker;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisWorkers;

/** Adds console workers to a service's Redis, as the add-worker command does. */
public final class TestWorkers {
    private TestWorkers() {}

    public static Worker add(String redisUrl, String name, Role role, Set<String> lines, String password) {
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection redis = Await.result(RedisConnection.connect(vertx, redisUrl));
            try {
                Worker w = new Worker("w" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20), name, role,
                        lines, Passwords.hashNow(password), Instant.now());
                Await.result(new RedisWorkers(redis).add(w));
                return w;
            } finally {
                Await.result(redis.close());
            }
        } finally {
            vertx.close();
        }
    }
}
