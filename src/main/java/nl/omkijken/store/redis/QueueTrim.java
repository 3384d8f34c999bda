package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.Sweep;

/**
 * Keeps the staff queues free of conversations that are gone: a queue member is removed by the commit
 * that changes its handoff, but a conversation in which nothing happens for the whole retention time
 * expires with its handoff record and no commit comes. This sweep removes such members (every queue, up
 * to {@value #PER_QUEUE} members a round), so no conversation id outlives its conversation in a queue.
 * The index of open handoffs ({@link RedisKeys#HANDOFFS_OPEN}) is swept the same way. It also moves a
 * call-back task scored before call-backs went behind the live waits to its place (see trim_queue.lua).
 */
public final class QueueTrim implements Sweep {
    private static final LuaScript TRIM = LuaScript.load("trim_queue");
    static final int PER_QUEUE = 2_000;

    private final RedisConnection redis;
    /** Walked again this often: a queue an older release (a rolling upgrade) joined without listing it is found. */
    static final java.time.Duration WALK_EVERY = java.time.Duration.ofHours(6);
    /** When this process last walked the keys for queues not listed in {@link RedisKeys#QUEUES} (null: not yet). */
    private Instant walkedAt;

    public QueueTrim(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "staff queues";
    }

    @Override
    public Future<Long> run(Instant now) {
        return queues(now).compose(queues -> {
            queues.add(RedisKeys.HANDOFFS_OPEN);
            List<Future<Long>> trims = new ArrayList<>();
            for (String q : queues) {
                trims.add(redis.toFuture(TRIM.run(redis.commands(), ScriptOutputType.INTEGER, new String[] {q},
                        RedisKeys.CONVERSATION_KEY_PREFIX, Integer.toString(PER_QUEUE),
                        Long.toString(nl.omkijken.handoff.Handoff.CALLBACK_OFFSET_MILLIS))));
            }
            return Future.all(trims).map(done -> trims.stream().mapToLong(Future::result).sum());
        });
    }

    /**
     * The queues: those listed in {@link RedisKeys#QUEUES} (a commit lists a queue when a handoff joins it). The first round
     * of a process, and one every {@link #WALK_EVERY}, also walks the keys, for queues written before they were listed (an
     * upgrade, a restore, an older release beside this one), and lists them; the other rounds read the list alone: a walk
     * over every key each minute cost Redis seconds a minute with a few million keys (docs/BENCHMARKS.md).
     */
    private Future<List<String>> queues(Instant now) {
        Future<List<String>> listed = redis.toFuture(redis.commands().smembers(RedisKeys.QUEUES)).map(ArrayList::new);
        if (walkedAt != null && now.isBefore(walkedAt.plus(WALK_EVERY))) return listed;
        return KeyScan.all(redis, RedisKeys.QUEUE_PREFIX + "*").compose(found -> {
            Future<Long> list = found.isEmpty() ? Future.succeededFuture(0L)
                    : redis.toFuture(redis.commands().sadd(RedisKeys.QUEUES, found.toArray(new String[0])));
            return list.compose(n -> {
                walkedAt = now;
                return listed.map(known -> {
                    java.util.Set<String> all = new java.util.LinkedHashSet<>(known);
                    all.addAll(found);
                    return new ArrayList<>(all);
                });
            });
        });
    }
}
