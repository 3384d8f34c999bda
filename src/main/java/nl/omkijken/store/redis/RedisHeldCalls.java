package nl.omkijken.store.redis;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import nl.omkijken.runner.HeldCalls;

/** {@code omk:held-call:{C}}: the call id of a caller waiting on the line, lapsing after {@link HeldCalls#HELD_AT_MOST}. */
public final class RedisHeldCalls implements HeldCalls {
    private final RedisConnection redis;

    public RedisHeldCalls(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> held(String conversationId, String callId) {
        return redis.toFuture(redis.commands().set(RedisKeys.heldCall(conversationId), callId,
                SetArgs.Builder.px(HELD_AT_MOST.toMillis()))).mapEmpty();
    }

    @Override
    public Future<String> callOf(String conversationId) {
        return redis.toFuture(redis.commands().get(RedisKeys.heldCall(conversationId)));
    }

    @Override
    public Future<Void> gone(String conversationId) {
        return redis.toFuture(redis.commands().del(RedisKeys.heldCall(conversationId))).mapEmpty();
    }
}
