package nl.omkijken.store.redis;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.circle.Chain;
import nl.omkijken.circle.Chains;

/** The chains in one hash ({@code omk:chains}: a circle's name as compared to its JSON record), kept until removed. */
public final class RedisChains implements Chains {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisChains.class);
    private final RedisConnection redis;

    public RedisChains(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<Chain>> all() {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.CHAINS)).map(all -> {
            List<Chain> out = new ArrayList<>();
            if (all != null) all.forEach((key, json) -> {
                Chain c = decode(key, json);
                if (c != null) out.add(c);
            });
            out.sort(java.util.Comparator.comparing(c -> Chain.key(c.name())));
            return out;
        });
    }

    @Override
    public Future<Void> save(Chain c) {
        String json = new JsonObject().put("name", c.name()).put("start", c.start().toString()).put("linkMinutes", c.link().toMinutes())
                .put("members", new JsonArray(c.members())).encode();
        return redis.toFuture(redis.commands().hset(RedisKeys.CHAINS, Chain.key(c.name()), json)).mapEmpty();
    }

    @Override
    public Future<Boolean> remove(String name) {
        return redis.toFuture(redis.commands().hdel(RedisKeys.CHAINS, Chain.key(name))).map(n -> n > 0);
    }

    private static Chain decode(String key, String json) {
        try {
            JsonObject o = new JsonObject(json);
            List<String> members = new ArrayList<>();
            for (Object m : o.getJsonArray("members")) members.add((String) m);
            return new Chain(o.getString("name"), LocalTime.parse(o.getString("start")), Duration.ofMinutes(o.getLong("linkMinutes")), members);
        } catch (RuntimeException e) {
            // Unreadable: its members are called by the service (never nobody), and said.
            LOG.error("chain not readable, its members are called by the service error={}", e.getClass().getSimpleName());
            return null;
        }
    }
}
