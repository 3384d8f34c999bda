package nl.omkijken.store.redis;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import nl.omkijken.runner.PhoneDuty;

/**
 * {@code omk:phone-duty:W} (a hash: phone, since; lapses after {@link PhoneDuty#AVAILABLE_FOR}) and
 * {@code omk:on-call:W} (set with NX while the worker is on a call, at most {@link PhoneDuty#CALL_AT_MOST}).
 */
public final class RedisPhoneDuty implements PhoneDuty {
    private final RedisConnection redis;

    public RedisPhoneDuty(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> available(String workerId, String phone, Instant now) {
        String key = RedisKeys.phoneDuty(workerId);
        return redis.toFuture(redis.commands().hset(key, Map.of("phone", phone, "since", now.toString())))
                .compose(n -> redis.toFuture(redis.commands().pexpire(key, AVAILABLE_FOR.toMillis()))).mapEmpty();
    }

    @Override
    public Future<Void> unavailable(String workerId) {
        return redis.toFuture(redis.commands().del(RedisKeys.phoneDuty(workerId))).mapEmpty();
    }

    @Override
    public Future<Duty> of(String workerId) {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.phoneDuty(workerId))).map(m -> m == null || m.get("phone") == null
                ? null : new Duty(workerId, m.get("phone"), Instant.parse(m.getOrDefault("since", Instant.EPOCH.toString()))));
    }

    private static final LuaScript END = LuaScript.load("end_worker_call");

    @Override
    public Future<Boolean> startCall(String workerId) {
        return redis.toFuture(redis.commands().set(RedisKeys.onCall(workerId), "ringing", SetArgs.Builder.nx().px(CALL_AT_MOST.toMillis())))
                .map("OK"::equals);
    }

    @Override
    public Future<Void> callPlaced(String workerId, String callId) {
        return redis.toFuture(redis.commands().set(RedisKeys.onCall(workerId), callId, SetArgs.Builder.xx().px(CALL_AT_MOST.toMillis())))
                .mapEmpty();
    }

    @Override
    public Future<Void> endCall(String workerId, String callId) {
        return redis.toFuture(END.run(redis.commands(), io.lettuce.core.ScriptOutputType.INTEGER, new String[] {RedisKeys.onCall(workerId)},
                new String[] {callId})).mapEmpty();
    }

    @Override
    public Future<Void> noCall(String workerId) {
        return redis.toFuture(redis.commands().del(RedisKeys.onCall(workerId))).mapEmpty();
    }

    @Override
    public Future<Boolean> onCall(String workerId) {
        return redis.toFuture(redis.commands().exists(RedisKeys.onCall(workerId))).map(n -> n != null && n > 0);
    }
}
