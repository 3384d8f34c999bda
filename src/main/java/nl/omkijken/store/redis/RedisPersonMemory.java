package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.PersonMemory;

/**
 * The person's memory as fields {@code m:NAME} of the person's record ({@link RedisKeys#person}): it lives
 * and expires with the record, and erasing the person erases it. Found through the address index.
 */
public final class RedisPersonMemory implements PersonMemory {
    private static final LuaScript REMEMBER = LuaScript.load("remember");
    /** Names are ours (language, absent_until); values short: a memory, not a message. */
    static final int MAX_VALUE = 200;

    private final RedisConnection redis;

    public RedisPersonMemory(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Map<String, String>> recall(String addressKey) {
        if (addressKey == null) return Future.succeededFuture(Map.of());
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().hget(RedisKeys.address(addressKey), "person")))
                .compose(person -> person == null ? Future.succeededFuture(Map.<String, String>of())
                        : redis.toFuture(redis.commands().hgetall(RedisKeys.person(person))).map(fields -> {
                            Map<String, String> out = new LinkedHashMap<>();
                            if (fields != null) fields.forEach((k, v) -> {
                                if (k.startsWith("m:")) out.put(k.substring(2), v);
                            });
                            return out;
                        }));
    }

    @Override
    public Future<Void> remember(String addressKey, Map<String, String> facts) {
        if (addressKey == null || facts.isEmpty()) return Future.succeededFuture();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> f : facts.entrySet()) {
            if (!f.getKey().matches("[a-z_]{1,40}")) {
                return Future.failedFuture(new IllegalArgumentException("a memory name is a-z and _, was " + f.getKey()));
            }
            args.add(f.getKey());
            args.add(f.getValue().length() > MAX_VALUE ? f.getValue().substring(0, MAX_VALUE) : f.getValue());
        }
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().hget(RedisKeys.address(addressKey), "person")))
                .compose(person -> person == null ? Future.succeededFuture()
                        : redis.<Long>toFuture(REMEMBER.run(redis.commands(), ScriptOutputType.INTEGER,
                                new String[] {RedisKeys.person(person)}, args.toArray(new String[0]))).mapEmpty());
    }
}
