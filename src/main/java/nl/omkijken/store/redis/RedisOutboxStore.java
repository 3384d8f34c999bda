package nl.omkijken.store.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Order: each commit also appends its replies' entry ids to the conversation's order list
 * ({@link RedisKeys#outboxOrder}); every claim and completion answers the conversation's head, its
 * first open entry (an id whose entry is gone is popped on the way, so none can block for good), and
 * the dispatcher sends a reply only when it is its own head.
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
    private static final LuaScript CLAIM = LuaScript.load("claim_outbound");
    private static final LuaScript KEEP = LuaScript.load("keep_outbound");
    private static final LuaScript HEAD = LuaScript.load("outbox_head");
    /**
     * How long a conversation's order list outlives its last new reply. It holds only the ids of unsent
     * replies and empties itself as they go out; the bound is for one left behind by a lost entry.
     */
    public static final Duration ORDER_TTL = Duration.ofDays(7);
    /** The longest time between two looks for idle entries of other senders. */
    private static final Duration TAKEOVER_EVERY = Duration.ofSeconds(1);
    private static final LuaScript APPEND_ONCE = LuaScript.load("append_outbound_once");
    /** How long an append-once key is remembered: as long as the statuses of the replies it is about. */
    public static final Duration ONCE_TTL = STATUS_TTL;
    /** Bounds one claim's walk through the pending list; the next claim goes on from the start. */
    private static final int MAX_TAKEOVER_ROUNDS = 10;

    private final RedisConnection redis;
    private final ConcurrentMap<String, String> streamIds = new ConcurrentHashMap<>();
    private final nl.omkijken.runner.Timing timing;
    private final java.util.concurrent.atomic.AtomicLong lastTakeOver;

    public RedisOutboxStore(RedisConnection redis) {
        this(redis, nl.omkijken.runner.Timing.system());
    }

    /** @param timing when a send is recorded, and how often idle entries are looked for */
    public RedisOutboxStore(RedisConnection redis, nl.omkijken.runner.Timing timing) {
        this.redis = redis;
        this.timing = timing;
        this.lastTakeOver = new java.util.concurrent.atomic.AtomicLong(timing.nanoTime() - Long.MAX_VALUE / 2);
    }

    /** Creates the consumer group (and the stream) if missing. Call once before the first claim. */
    public Future<Void> start() {
        return redis.toFuture(redis.commands().xgroupCreate(XReadArgs.StreamOffset.from(RedisKeys.OUTBOX, "0"),
                        RedisKeys.OUTBOX_GROUP, new XGroupCreateArgs().mkstream(true)))
                .<Void>mapEmpty()
                .recover(err -> isError(err, "BUSYGROUP") ? Future.succeededFuture() : Future.failedFuture(err));
    }

    @Override
    public Future<List<Claimed>> claimInOrder(String consumer, int max, Duration idle) {
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
            return claimEntries(consumer, max, idle).compose(this::settle);
        });
    }

    /**
     * A claimed stream entry; {@code reply} is null when the entry was deleted while pending, {@code to}
     * (where it goes) when its person or conversation is gone.
     */
    private record Entry(String id, String reply, String head, boolean deliveredBefore, String to) {}

    /**
     * One script call: idle entries of other senders first (only every so often, see
     * {@link #takeOverNow}), then new ones. The script also makes the group again when Redis lost it
     * (FLUSHALL, a new empty server).
     */
    private Future<List<Entry>> claimEntries(String consumer, int max, Duration idle) {
        boolean takeOver = takeOverNow(idle);
        String[] keys = {RedisKeys.OUTBOX};
        return redis.<List<Object>>toFuture(CLAIM.run(redis.commands(), ScriptOutputType.MULTI, keys,
                        RedisKeys.OUTBOX_GROUP, consumer, Integer.toString(max), Long.toString(idle.toMillis()),
                        takeOver ? "1" : "0", Integer.toString(MAX_TAKEOVER_ROUNDS), RedisKeys.OUTBOX_FIELD,
                        RedisKeys.CONVERSATION_KEY_PREFIX, RedisKeys.OUTBOX_ORDER_SUFFIX, RedisKeys.ADDRESS_PREFIX,
                        RedisKeys.PERSON_PREFIX))
                .map(values -> {
                    long takenOver = (Long) values.get(0);
                    List<Entry> entries = new ArrayList<>((values.size() - 1) / 5);
                    for (int i = 1; i + 4 < values.size(); i += 5) {
                        String reply = String.valueOf(values.get(i + 1));
                        String to = String.valueOf(values.get(i + 3));
                        entries.add(new Entry(String.valueOf(values.get(i)), reply.isEmpty() ? null : reply,
                                String.valueOf(values.get(i + 2)), "1".equals(String.valueOf(values.get(i + 4))),
                                to.isEmpty() ? null : to));
                    }
                    if (takenOver > 0) {
                        log.info("outbox consumer {} took over {} idle entries", consumer, takenOver);
                    }
                    return entries;
                });
    }

    /**
     * Whether this claim also looks for idle entries of other senders. Walking the pending list on every
     * claim would cost Redis work on the busiest path for a rare event (a sender died), so it happens at
     * most every {@code min(1 s, idle / 2)}: an idle entry waits at most that much longer.
     */
    private boolean takeOverNow(Duration idle) {
        long now = timing.nanoTime();
        long every = Math.min(TAKEOVER_EVERY.toNanos(), idle.toNanos() / 2);
        long last = lastTakeOver.get();
        return now - last >= every && lastTakeOver.compareAndSet(last, now);
    }

    /**
     * Turns entries into replies. Entries that cannot be sent are acknowledged and deleted here: empty
     * ones (deleted while pending), unreadable ones, and ones whose status is already recorded.
     */
    private Future<List<Claimed>> settle(List<Entry> entries) {
        List<String> drop = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>(entries.size());
        List<Entry> deliveredBeforeEntries = new ArrayList<>();
        List<Outbound> deliveredBefore = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.reply() == null) {
                drop.add(entry.id());
                continue;
            }
            Outbound o;
            try {
                // The stored reply names its address by key; the claim looked up where it goes.
                o = OutboundCodec.decode(entry.reply()).to(entry.to());
            } catch (StoredDataException e) {
                log.error("dropping outbox entry {}: {}", entry.id(), e.getMessage());
                drop.add(entry.id());
                continue;
            }
            if (entry.deliveredBefore()) {
                // Handed out before: its outcome may be recorded already (the sender finished but could not
                // acknowledge). A new entry was never handed out, so it cannot have an outcome yet.
                deliveredBefore.add(o);
                deliveredBeforeEntries.add(entry);
            } else {
                streamIds.put(o.id(), entry.id());
                claimed.add(new Claimed(o, entry.id(), entry.head(), false));
            }
        }
        if (deliveredBefore.isEmpty()) {
            return remove(drop).map(claimed);
        }
        List<Future<Long>> recorded = new ArrayList<>(deliveredBefore.size());
        for (Outbound o : deliveredBefore) {
            recorded.add(redis.toFuture(redis.commands().exists(RedisKeys.outboxStatus(o.id()))));
        }
        return Future.all(recorded).compose(done -> {
            // Taken-over replies are older than the new ones: they go first, keeping commit order.
            List<Claimed> all = new ArrayList<>(deliveredBefore.size() + claimed.size());
            for (int i = 0; i < deliveredBefore.size(); i++) {
                Outbound o = deliveredBefore.get(i);
                Entry entry = deliveredBeforeEntries.get(i);
                if (recorded.get(i).result() > 0) {
                    log.info("outbox entry {} for outbound {} was already completed; removing it", entry.id(), o.id());
                    drop.add(entry.id());
                } else {
                    streamIds.put(o.id(), entry.id());
                    all.add(new Claimed(o, entry.id(), entry.head(), true));
                }
            }
            all.addAll(claimed);
            return remove(drop).map(all);
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
    public Future<String> complete(Outbound message, String status, String providerId) {
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
            if (message.conversationId() == null) {
                throw new IllegalArgumentException("outbound " + message.id() + " has no conversation id");
            }
            String[] keys = {RedisKeys.outboxStatus(message.id()), RedisKeys.OUTBOX, RedisKeys.outboxOrder(message.conversationId())};
            return redis.<String>toFuture(COMPLETE.run(redis.commands(), ScriptOutputType.VALUE, keys,
                            status, providerId == null ? "" : providerId, timing.now().toString(),
                            Long.toString(STATUS_TTL.toMillis()), RedisKeys.OUTBOX_GROUP, entryId == null ? "" : entryId,
                            message.id(), RedisKeys.SENT_AS_PREFIX, RedisKeys.LIVE_DELIVERIES, message.conversationId()))
                    .map(next -> {
                        if (entryId != null) {
                            streamIds.remove(message.id(), entryId);
                        }
                        return next == null ? "" : next;
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
            String[] keys = {RedisKeys.outboxOnce(onceKey), RedisKeys.OUTBOX, RedisKeys.outboxOrder(message.conversationId())};
            return redis.<String>toFuture(APPEND_ONCE.run(redis.commands(), ScriptOutputType.VALUE, keys,
                            Long.toString(ONCE_TTL.toMillis()), RedisKeys.OUTBOX_FIELD, OutboundCodec.encode(message),
                            Long.toString(ORDER_TTL.toMillis()), message.conversationId()))
                    .map(entryId -> {
                        if (entryId == null) return false;
                        redis.vertx().eventBus().publish(TurnRunner.OUTBOX_WAKE, message.conversationId());
                        return true;
                    });
        });
    }

    @Override
    public Future<java.util.Map<String, String>> heads(java.util.Collection<String> conversationIds) {
        return RedisConversationStore.guarded(() -> {
            List<String> ids = List.copyOf(conversationIds);
            if (ids.isEmpty()) return Future.succeededFuture(java.util.Map.of());
            String[] args = new String[ids.size() + 2];
            args[0] = RedisKeys.CONVERSATION_KEY_PREFIX;
            args[1] = RedisKeys.OUTBOX_ORDER_SUFFIX;
            for (int i = 0; i < ids.size(); i++) {
                RedisKeys.outboxOrder(ids.get(i)); // checks the id
                args[i + 2] = ids.get(i);
            }
            return redis.<List<Object>>toFuture(HEAD.run(redis.commands(), ScriptOutputType.MULTI,
                    new String[] {RedisKeys.OUTBOX}, args)).map(values -> {
                        java.util.Map<String, String> heads = new java.util.HashMap<>();
                        for (int i = 0; i < ids.size(); i++) heads.put(ids.get(i), String.valueOf(values.get(i)));
                        return heads;
                    });
        });
    }

    @Override
    public Future<Boolean> keep(String consumer, Outbound message) {
        return RedisConversationStore.guarded(() -> {
            String entryId = message == null ? null : streamIds.get(message.id());
            if (entryId == null) return Future.succeededFuture(false);
            String[] keys = {RedisKeys.OUTBOX};
            return redis.<Long>toFuture(KEEP.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                    RedisKeys.OUTBOX_GROUP, consumer, entryId)).map(kept -> kept == 1L);
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
