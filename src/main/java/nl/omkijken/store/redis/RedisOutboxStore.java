package nl.omkijken.store.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.OutboxAppender;
import nl.omkijken.runner.OutboxStore;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as a Redis stream ({@link RedisKeys#OUTBOX}) read by the consumer group
 * {@link RedisKeys#OUTBOX_GROUP}. Commits append replies; senders claim, send and complete them.
 *
 * <p>A claim first takes over entries another consumer has left unacknowledged for longer than
 * {@code idle} (XAUTOCLAIM: that sender died mid-send), then reads new entries (XREADGROUP, never
 * blocking). Completing records the outcome in a status hash and acknowledges and deletes the entry in
 * one script, so the stream holds only unsent replies.
 *
 * <p>Stream entry ids: an {@link Outbound} does not carry the id Redis gave its stream entry, so this
 * store remembers {@code outbound id -> stream entry id} for every reply it handed out and forgets it on
 * completion. The map holds only replies in flight through this instance. If {@link #complete} is called
 * for a reply this instance did not hand out (or after a restart), the status is still recorded, and the
 * entry is settled the next time anyone claims it: a claim never hands out a reply whose status is
 * already recorded, so a completed reply is not sent twice.
 */
public final class RedisOutboxStore implements OutboxStore, OutboxAppender {
    private static final Logger log = LoggerFactory.getLogger(RedisOutboxStore.class);
    public static final Duration STATUS_TTL = Duration.ofDays(30);
    private static final LuaScript COMPLETE = LuaScript.load("complete_outbound");
    private static final LuaScript APPEND_ONCE = LuaScript.load("append_outbound_once");
    /** How long an append-once key is remembered: as long as the statuses of the replies it is about. */
    public static final Duration ONCE_TTL = STATUS_TTL;
    /** Bounds one claim's walk through the pending list; the next claim goes on from the start. */
    private static final int MAX_TAKEOVER_ROUNDS = 10;

    private final RedisConnection redis;
    private final ConcurrentMap<String, String> streamIds = new ConcurrentHashMap<>();

    public RedisOutboxStore(RedisConnection redis) {
        this.redis = redis;
    }

    /** Creates the consumer group (and the stream) if missing. Call once before the first claim. */
    public Future<Void> start() {
        return redis.toFuture(redis.commands().xgroupCreate(XReadArgs.StreamOffset.from(RedisKeys.OUTBOX, "0"),
                        RedisKeys.OUTBOX_GROUP, new XGroupCreateArgs().mkstream(true)))
                .<Void>mapEmpty()
                .recover(err -> isError(err, "BUSYGROUP") ? Future.succeededFuture() : Future.failedFuture(err));
    }

    @Override
    public Future<List<Outbound>> claim(String consumer, int max, Duration idle) {
        return RedisConversationStore.guarded(() -> {
            if (consumer == null || consumer.isBlank()) {
                throw new IllegalArgumentException("outbox consumer name must not be empty");
            }
            if (idle == null || idle.toMillis() <= 0) {
                throw new IllegalArgumentException("outbox idle time must be at least 1 ms, was " + idle);
            }
            if (max <= 0) {
                return Future.succeededFuture(List.of());
            }
            // The group vanishes when Redis loses its data (FLUSHALL, a new empty server): make it again.
            return claimEntries(consumer, max, idle)
                    .recover(err -> isError(err, "NOGROUP")
                            ? start().compose(v -> claimEntries(consumer, max, idle))
                            : Future.failedFuture(err))
                    .compose(this::settle);
        });
    }

    private Future<List<StreamMessage<String, String>>> claimEntries(String consumer, int max, Duration idle) {
        Consumer<String> me = Consumer.from(RedisKeys.OUTBOX_GROUP, consumer);
        List<StreamMessage<String, String>> entries = new ArrayList<>();
        return takeOverIdle(me, max, idle, "0-0", MAX_TAKEOVER_ROUNDS, entries).compose(v -> {
            if (!entries.isEmpty()) {
                log.info("outbox consumer {} took over {} idle entries", consumer, entries.size());
            }
            if (entries.size() >= max) {
                return Future.succeededFuture(entries);
            }
            return redis.toFuture(redis.commands().xreadgroup(me, XReadArgs.Builder.count(max - entries.size()),
                            XReadArgs.StreamOffset.lastConsumed(RedisKeys.OUTBOX)))
                    .map(fresh -> {
                        entries.addAll(fresh);
                        return entries;
                    });
        });
    }

    /**
     * XAUTOCLAIM from {@code cursor}, following the cursor it returns: one call looks at a limited part of
     * the pending list, and idle entries may sit behind entries other senders are still working on.
     */
    private Future<Void> takeOverIdle(Consumer<String> me, int max, Duration idle, String cursor, int roundsLeft,
                                      List<StreamMessage<String, String>> into) {
        XAutoClaimArgs<String> args = XAutoClaimArgs.Builder.xautoclaim(me, idle, cursor).count(max - into.size());
        return redis.toFuture(redis.commands().xautoclaim(RedisKeys.OUTBOX, args)).compose(claimed -> {
            into.addAll(claimed.getMessages());
            String next = claimed.getId();
            if (into.size() >= max || next == null || "0-0".equals(next) || roundsLeft <= 1) {
                return Future.succeededFuture();
            }
            return takeOverIdle(me, max, idle, next, roundsLeft - 1, into);
        });
    }

    /**
     * Turns entries into replies. Entries that cannot be sent are acknowledged and deleted here: empty
     * ones (deleted while pending), unreadable ones, and ones whose status is already recorded.
     */
    private Future<List<Outbound>> settle(List<StreamMessage<String, String>> entries) {
        List<String> drop = new ArrayList<>();
        List<String> entryIds = new ArrayList<>();
        List<Outbound> candidates = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> body = entry.getBody();
            String json = body == null ? null : body.get(RedisKeys.OUTBOX_FIELD);
            if (json == null) {
                drop.add(entry.getId());
                continue;
            }
            try {
                candidates.add(OutboundCodec.decode(json));
                entryIds.add(entry.getId());
            } catch (StoredDataException e) {
                log.error("dropping outbox entry {}: {}", entry.getId(), e.getMessage());
                drop.add(entry.getId());
            }
        }
        List<Future<Long>> recorded = new ArrayList<>(candidates.size());
        for (Outbound o : candidates) {
            recorded.add(redis.toFuture(redis.commands().exists(RedisKeys.outboxStatus(o.id()))));
        }
        return Future.all(recorded).compose(done -> {
            List<Outbound> claimed = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                Outbound o = candidates.get(i);
                if (recorded.get(i).result() > 0) {
                    log.info("outbox entry {} for outbound {} was already completed; removing it", entryIds.get(i), o.id());
                    drop.add(entryIds.get(i));
                } else {
                    streamIds.put(o.id(), entryIds.get(i));
                    claimed.add(o);
                }
            }
            return remove(drop).map(claimed);
        });
    }

    private Future<Void> remove(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Future.succeededFuture();
        }
        String[] ids = entryIds.toArray(new String[0]);
        return redis.toFuture(redis.commands().xack(RedisKeys.OUTBOX, RedisKeys.OUTBOX_GROUP, ids))
                .compose(acked -> redis.toFuture(redis.commands().xdel(RedisKeys.OUTBOX, ids)))
                .mapEmpty();
    }

    @Override
    public Future<Void> complete(Outbound message, String status, String providerId) {
        return RedisConversationStore.guarded(() -> {
            if (message == null || message.id() == null) {
                throw new IllegalArgumentException("outbound message and its id must be given");
            }
            if (status == null || status.isBlank()) {
                throw new IllegalArgumentException("send status must not be empty for outbound " + message.id());
            }
            String entryId = streamIds.get(message.id());
            if (entryId == null) {
                log.debug("outbound {} was not claimed here; its entry is settled at its next claim", message.id());
            }
            String[] keys = {RedisKeys.outboxStatus(message.id()), RedisKeys.OUTBOX};
            return redis.<Long>toFuture(COMPLETE.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                            status, providerId == null ? "" : providerId, Instant.now().toString(),
                            Long.toString(STATUS_TTL.toMillis()), RedisKeys.OUTBOX_GROUP, entryId == null ? "" : entryId))
                    .map(v -> {
                        if (entryId != null) {
                            streamIds.remove(message.id(), entryId);
                        }
                        return null;
                    });
        });
    }

    /**
     * One script: {@code SET NX PX} on {@link RedisKeys#outboxOnce} and, only if that set it, {@code XADD}
     * to the outbox stream. A new entry wakes this instance's dispatcher, as a commit does.
     */
    @Override
    public Future<Boolean> appendOnce(String onceKey, Outbound message) {
        return RedisConversationStore.guarded(() -> {
            if (message == null || message.id() == null || message.id().isBlank()) {
                throw new IllegalArgumentException("outbound message and its id must be given");
            }
            if (message.conversationId() == null || message.channel() == null) {
                throw new IllegalArgumentException("outbound " + message.id() + " needs a conversation id and a channel");
            }
            String[] keys = {RedisKeys.outboxOnce(onceKey), RedisKeys.OUTBOX};
            return redis.<String>toFuture(APPEND_ONCE.run(redis.commands(), ScriptOutputType.VALUE, keys,
                            Long.toString(ONCE_TTL.toMillis()), RedisKeys.OUTBOX_FIELD, OutboundCodec.encode(message)))
                    .map(entryId -> {
                        if (entryId == null) return false;
                        redis.vertx().eventBus().publish(TurnRunner.OUTBOX_WAKE, message.conversationId());
                        return true;
                    });
        });
    }

    @Override
    public Future<String> status(String outboundId) {
        return RedisConversationStore.guarded(() ->
                redis.toFuture(redis.commands().hget(RedisKeys.outboxStatus(outboundId), "status")));
    }

    /** The provider's id recorded with the status, or null. */
    public Future<String> providerId(String outboundId) {
        return RedisConversationStore.guarded(() ->
                redis.toFuture(redis.commands().hget(RedisKeys.outboxStatus(outboundId), "providerId")));
    }

    private static boolean isError(Throwable err, String code) {
        for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisCommandExecutionException && t.getMessage() != null && t.getMessage().startsWith(code)) {
                return true;
            }
        }
        return false;
    }
}
