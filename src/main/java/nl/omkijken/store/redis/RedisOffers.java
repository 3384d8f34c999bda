package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import nl.omkijken.console.Offers;

/**
 * Offers in Redis: the conversation's offer ({@code omk:offer:conv:ID} = worker), the worker's
 * ({@code omk:offer:worker:ID} = conversation|until), both gone when the offer's time runs out, and who
 * was offered a conversation lately ({@code omk:offer:tried:ID}, an hour).
 */
public final class RedisOffers implements Offers {
    private static final LuaScript MAKE = LuaScript.load("make_offer");
    private static final LuaScript END = LuaScript.load("end_offer");
    static final Duration TRIED = Duration.ofHours(1);

    private final RedisConnection redis;

    public RedisOffers(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Boolean> offer(String conversationId, String workerId, Instant now, Duration acceptWithin) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(MAKE.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.offerOf(conversationId), RedisKeys.offerTo(workerId), RedisKeys.offerTried(conversationId)},
                new String[] {workerId, conversationId, String.valueOf(acceptWithin.toMillis()), String.valueOf(TRIED.toMillis()),
                        String.valueOf(now.plus(acceptWithin).toEpochMilli())})).map(n -> n == 1));
    }

    @Override
    public Future<Offer> ofWorker(String workerId) {
        return redis.toFuture(redis.commands().get(RedisKeys.offerTo(workerId))).map(v -> {
            if (v == null || !v.contains("|")) return null;
            try {
                return new Offer(v.substring(0, v.indexOf('|')), Instant.ofEpochMilli(Long.parseLong(v.substring(v.indexOf('|') + 1))));
            } catch (NumberFormatException e) {
                return null;
            }
        });
    }

    @Override
    public Future<String> offeredTo(String conversationId) {
        return redis.toFuture(redis.commands().get(RedisKeys.offerOf(conversationId)));
    }

    @Override
    public Future<Set<String>> tried(String conversationId) {
        return redis.toFuture(redis.commands().smembers(RedisKeys.offerTried(conversationId))).map(s -> s == null ? Set.of() : s);
    }

    @Override
    public Future<Void> forgetTried(String conversationId) {
        return redis.toFuture(redis.commands().del(RedisKeys.offerTried(conversationId))).mapEmpty();
    }

    @Override
    public Future<Boolean> end(String conversationId, String workerId) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(END.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.offerOf(conversationId), RedisKeys.offerTo(workerId)}, new String[] {workerId})).map(n -> n == 1));
    }
}
