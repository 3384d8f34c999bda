package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import nl.omkijken.runner.ReconcileStore;

/**
 * Leases and checkpoints of reconciliation jobs in Redis: the lease is {@code SET NX PX} with the
 * round's owner token ({@link RedisKeys#reconcileLease}); renewing, releasing and moving a checkpoint
 * are scripts that act only for the owner still holding it. Checkpoints are epoch millis in one hash
 * per job ({@link RedisKeys#reconcileCheckpoints}); they have no TTL, they are what the next round
 * starts from.
 */
public final class RedisReconcileStore implements ReconcileStore {
    private static final LuaScript RENEW = LuaScript.load("reconcile_renew");
    private static final LuaScript RELEASE = LuaScript.load("reconcile_release");
    private static final LuaScript ADVANCE = LuaScript.load("reconcile_advance");

    private final RedisConnection redis;

    public RedisReconcileStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Boolean> acquire(String job, String owner, Duration ttl) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            return redis.toFuture(redis.commands().set(RedisKeys.reconcileLease(job), owner,
                            SetArgs.Builder.nx().px(millis(ttl))))
                    .map("OK"::equals);
        });
    }

    @Override
    public Future<Boolean> renew(String job, String owner, Duration ttl) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            return redis.<Long>toFuture(RENEW.run(redis.commands(), ScriptOutputType.INTEGER,
                            new String[] {RedisKeys.reconcileLease(job)}, owner, Long.toString(millis(ttl))))
                    .map(held -> held == 1L);
        });
    }

    @Override
    public Future<Void> release(String job, String owner) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            return redis.<Long>toFuture(RELEASE.run(redis.commands(), ScriptOutputType.INTEGER,
                    new String[] {RedisKeys.reconcileLease(job)}, owner)).mapEmpty();
        });
    }

    @Override
    public Future<Instant> checkpoint(String job, String source) {
        return RedisConversationStore.guarded(() -> {
            requireSource(source);
            return redis.toFuture(redis.commands().hget(RedisKeys.reconcileCheckpoints(job), source)).map(v -> {
                if (v == null) return null;
                try {
                    return Instant.ofEpochMilli(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new StoredDataException("reconciliation checkpoint of job " + job, "not epoch millis");
                }
            });
        });
    }

    @Override
    public Future<Boolean> advance(String job, String owner, String source, Instant to) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            requireSource(source);
            if (to == null) throw new IllegalArgumentException("checkpoint time must be given");
            String[] keys = {RedisKeys.reconcileLease(job), RedisKeys.reconcileCheckpoints(job)};
            return redis.<Long>toFuture(ADVANCE.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                            owner, source, Long.toString(to.toEpochMilli())))
                    .map(held -> held == 1L);
        });
    }

    private static long millis(Duration ttl) {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("lease TTL must be at least 1 ms, was " + ttl);
        }
        return ttl.toMillis();
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank()) throw new IllegalArgumentException("lease owner token must be given");
    }

    private static void requireSource(String source) {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("checkpoint source must be given");
    }
}
