package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.ConversationStore.AlreadyHandledException;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations in Redis: a lock, session, contact, meta and transcript key per conversation
 * (see {@link RedisKeys}), written by one Lua script per turn.
 *
 * <p>The lock is {@code SET NX PX} with a random token. A commit checks the token inside the same
 * script that writes, so a worker whose lease ran out (and whose conversation another worker took over)
 * writes nothing. Session, contact, meta and transcript expire {@code retention} after the last commit.
 */
public final class RedisConversationStore implements ConversationStore {
    private static final Logger log = LoggerFactory.getLogger(RedisConversationStore.class);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(180);
    private static final long FIRST_BACKOFF_MILLIS = 2;
    private static final long MAX_BACKOFF_MILLIS = 50;

    private static final LuaScript COMMIT = LuaScript.load("commit");
    private static final LuaScript UNLOCK = LuaScript.load("unlock");
    private static final LuaScript LOAD = LuaScript.load("load");
    private static final LuaScript LOCK_LOAD = LuaScript.load("lock_load");

    private final Vertx vertx;
    private final RedisConnection redis;
    private final Duration retention;

    public RedisConversationStore(RedisConnection redis) {
        this(redis, DEFAULT_RETENTION);
    }

    /** @param retention how long a conversation is kept after its last commit */
    public RedisConversationStore(RedisConnection redis, Duration retention) {
        if (retention == null || retention.toMillis() <= 0) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.vertx = redis.vertx();
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public Future<Lock> lock(String conversationId, Duration lease, Duration maxWait) {
        return guarded(() -> {
            checkLockTimes(lease, maxWait);
            Lock lock = new Lock(conversationId, UUID.randomUUID().toString());
            String key = RedisKeys.lock(conversationId);
            Promise<Lock> taken = Promise.promise();
            tryLock(lock, () -> redis.toFuture(redis.commands().set(key, lock.token(), SetArgs.Builder.nx().px(lease.toMillis())))
                            .map(reply -> "OK".equals(reply) ? lock : null),
                    System.nanoTime() + maxWait.toNanos(), maxWait, FIRST_BACKOFF_MILLIS, taken);
            return taken.future();
        });
    }

    @Override
    public Future<Locked> lockAndLoad(String conversationId, Duration lease, Duration maxWait) {
        return guarded(() -> {
            checkLockTimes(lease, maxWait);
            Lock lock = new Lock(conversationId, UUID.randomUUID().toString());
            String[] keys = {RedisKeys.lock(conversationId), RedisKeys.session(conversationId),
                    RedisKeys.contact(conversationId), RedisKeys.meta(conversationId), RedisKeys.handoff(conversationId)};
            String leaseMillis = Long.toString(lease.toMillis());
            Promise<Locked> taken = Promise.promise();
            tryLock(lock, () -> redis.<List<Object>>toFuture(LOCK_LOAD.run(redis.commands(), ScriptOutputType.MULTI, keys,
                            lock.token(), leaseMillis))
                            .compose(values -> {
                                if (!(values.get(0) instanceof Long) || (Long) values.get(0) != 1L) {
                                    return Future.<Locked>succeededFuture(null);
                                }
                                try {
                                    return Future.succeededFuture(
                                            new Locked(lock, toConversation(conversationId, values.subList(1, values.size()))));
                                } catch (RuntimeException unreadable) {
                                    // The lock is ours but the caller never gets it: give it back, then fail.
                                    return unlock(lock).transform(ignored -> Future.<Locked>failedFuture(unreadable));
                                }
                            }),
                    System.nanoTime() + maxWait.toNanos(), maxWait, FIRST_BACKOFF_MILLIS, taken);
            return taken.future();
        });
    }

    private static void checkLockTimes(Duration lease, Duration maxWait) {
        if (lease == null || lease.toMillis() <= 0) {
            throw new IllegalArgumentException("lock lease must be at least 1 ms, was " + lease);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("lock wait must not be negative, was " + maxWait);
        }
    }

    /**
     * One attempt to take the lock ({@code attempt} gives null while another holder has it); when taken
     * by another, tries again after a jittered, doubling pause until the deadline.
     */
    private <T> void tryLock(Lock lock, Supplier<Future<T>> attempt, long deadlineNanos, Duration maxWait,
                             long backoffMillis, Promise<T> taken) {
        attempt.get()
                .onFailure(taken::tryFail)
                .onSuccess(result -> {
                    if (result != null) {
                        taken.tryComplete(result);
                        return;
                    }
                    long leftNanos = deadlineNanos - System.nanoTime();
                    if (leftNanos <= 0) {
                        taken.tryFail(new LockTimeoutException(lock.conversationId(), maxWait));
                        return;
                    }
                    // Jitter keeps workers waiting for the same conversation from retrying in lockstep.
                    // Rounded up, so the last attempt is never made before the deadline.
                    long leftMillis = (leftNanos + 999_999) / 1_000_000;
                    long pause = Math.min(leftMillis,
                            backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1));
                    vertx.setTimer(Math.max(1, pause), t -> tryLock(lock, attempt, deadlineNanos, maxWait,
                            Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2), taken));
                });
    }

    @Override
    public Future<Void> unlock(Lock lock) {
        return guarded(() -> {
            Objects.requireNonNull(lock, "lock must not be null");
            String[] keys = {RedisKeys.lock(lock.conversationId())};
            return redis.<Long>toFuture(UNLOCK.run(redis.commands(), ScriptOutputType.INTEGER, keys, lock.token()))
                    .map(deleted -> {
                        if (deleted == 0L) {
                            log.debug("a conversation lock had already expired or passed on");
                        }
                        return null;
                    });
        });
    }

    @Override
    public Future<Conversation> load(String conversationId) {
        return guarded(() -> {
            String[] keys = {RedisKeys.session(conversationId), RedisKeys.contact(conversationId),
                    RedisKeys.meta(conversationId), RedisKeys.handoff(conversationId)};
            return redis.<List<Object>>toFuture(LOAD.run(redis.commands(), ScriptOutputType.MULTI, keys))
                    .map(values -> toConversation(conversationId, values));
        });
    }

    private static Conversation toConversation(String conversationId, List<Object> values) {
        String sessionJson = text(values, 0);
        if (sessionJson == null) {
            return null;
        }
        String contactJson = text(values, 1);
        Session session = SessionCodec.decode(sessionJson);
        // A contact is written with every session; a missing one only means nothing is known yet.
        Contact contact = contactJson == null ? Contact.unknown(conversationId) : ContactCodec.decode(contactJson);
        String handoffJson = text(values, 4);
        return new Conversation(conversationId, text(values, 2), text(values, 3), session, contact,
                handoffJson == null ? null : HandoffCodec.decode(handoffJson));
    }

    private static String text(List<Object> values, int index) {
        Object value = index < values.size() ? values.get(index) : null;
        // A missing value is a null reply; a boolean would mean a RESP3 connection, where it is false.
        return value == null || value instanceof Boolean ? null : value.toString();
    }

    @Override
    public Future<Void> commit(Lock lock, TurnCommit commit) {
        return commit(lock, commit, false);
    }

    @Override
    public Future<Void> commitAndUnlock(Lock lock, TurnCommit commit) {
        return commit(lock, commit, true);
    }

    private Future<Void> commit(Lock lock, TurnCommit commit, boolean release) {
        return guarded(() -> {
            Objects.requireNonNull(lock, "lock must not be null");
            Objects.requireNonNull(commit, "commit must not be null");
            CommitPayload payload = CommitPayload.of(lock.conversationId(), commit, retention);
            return redis.<Long>toFuture(COMMIT.run(redis.commands(), ScriptOutputType.INTEGER, payload.keys(),
                            lock.token(), payload.json(), release ? "1" : "0"))
                    .compose(written -> {
                        if (written == 1L) {
                            return Future.succeededFuture();
                        }
                        if (written == 2L) {
                            return Future.failedFuture(new AlreadyHandledException(commit.receipt()));
                        }
                        if (written == 3L) {
                            return Future.failedFuture(new ConversationStore.StaleJobException(commit.firedTimerId()));
                        }
                        log.warn("commit refused: the conversation lock was lost");
                        return Future.failedFuture(new LockLostException(lock.conversationId()));
                    });
        });
    }

    @Override
    public Future<List<TranscriptEntry>> transcript(String conversationId) {
        return guarded(() -> redis.toFuture(redis.commands().lrange(RedisKeys.transcript(conversationId), 0, -1))
                .map(items -> {
                    List<TranscriptEntry> entries = new ArrayList<>(items.size());
                    for (String item : items) {
                        entries.add(TranscriptEntryCodec.decode(item));
                    }
                    return entries;
                }));
    }

    @Override
    public Future<List<String>> openHandoffs(int max) {
        if (max < 1) return Future.failedFuture(new IllegalArgumentException("max must be at least 1"));
        return redis.toFuture(redis.commands().zrange(RedisKeys.HANDOFFS_OPEN, 0, max - 1));
    }

    @Override
    public Future<Long> queueLength(String queue) {
        return guarded(() -> redis.toFuture(redis.commands().zcard(RedisKeys.queue(queue))));
    }

    @Override
    public Future<Long> openHandoffCount() {
        return redis.toFuture(redis.commands().zcard(RedisKeys.HANDOFFS_OPEN));
    }

    @Override
    public Future<Long> queuePosition(String queue, String conversationId) {
        return guarded(() -> redis.toFuture(redis.commands().zrank(RedisKeys.queue(queue), conversationId))
                .map(rank -> rank == null ? 0L : rank + 1));
    }

    /** Runs {@code body}, turning bad arguments (thrown before anything is sent) into a failed future. */
    static <T> Future<T> guarded(Supplier<Future<T>> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
