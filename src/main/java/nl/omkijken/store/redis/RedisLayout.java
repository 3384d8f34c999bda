package nl.omkijken.store.redis;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;
import nl.omkijken.handoff.Handoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version of the key layout in Redis ({@link RedisKeys#LAYOUT}) and the upgrades from each
 * earlier one, run once at start before any worker, so the service always works on its own layout.
 *
 * <p>Layout 1 (up to issue 16) kept staff queues of conversation ids that nothing ever removed. Layout
 * 2 keeps a handoff record per conversation and the queues exactly in step with it. The upgrade walks
 * each queue: a member whose conversation is gone (past retention) leaves it; one that waits for a
 * person (session WAITING) gets a LIVE handoff at its old place; any other stays as an open call-back
 * task (CALLBACK) for staff to close, since layout 1 could not tell a task from a wait the person had
 * left.
 *
 * <p>Layout 3 gives people and conversations opaque ids and keeps every phone number and chat id in the
 * person's record only ({@link LayoutThreeUpgrade}). A service of the new release that finds a newer
 * layout refuses to start.
 *
 * <p>Layout 4 adds the index of open handoffs ({@link RedisKeys#HANDOFFS_OPEN}) that consoles list; the
 * upgrade puts every open handoff record in it (idempotent: a member is added with its score again).
 */
public final class RedisLayout {
    private static final Logger log = LoggerFactory.getLogger(RedisLayout.class);
    public static final int CURRENT = 4;
    private static final LuaScript UPGRADE_MEMBER = LuaScript.load("upgrade_queue_member");

    /**
     * What one upgrade did, for the start-up log and tests: handoffs recorded, removed and kept by the
     * step to layout 2; conversations moved by the step to layout 3 (null when it did not run).
     */
    public record Upgrade(int from, int to, int recorded, int removed, int kept, LayoutThreeUpgrade.Counts three,
                          int openIndexed) {
        public Upgrade(int from, int to, int recorded, int removed, int kept, LayoutThreeUpgrade.Counts three) {
            this(from, to, recorded, removed, kept, three, 0);
        }
    }

    private final RedisConnection redis;
    private final RedisPeople people;
    private final InboundPartitions partitions;

    /** With the default partitions of the inbound queue. */
    public RedisLayout(RedisConnection redis, RedisPeople people) {
        this(redis, people, new InboundPartitions(InboundPartitions.DEFAULT_COUNT));
    }

    /** @param partitions the inbound queue's partitions, as the service uses them */
    public RedisLayout(RedisConnection redis, RedisPeople people, InboundPartitions partitions) {
        this.redis = redis;
        this.people = people;
        this.partitions = partitions;
    }

    /** How long an upgrade may hold its lock; another instance waits that long at most, then takes over. */
    static final Duration UPGRADE_LEASE = Duration.ofMinutes(15);

    /**
     * Brings the stored data to {@link #CURRENT}; a new, empty Redis is stamped with it. One instance
     * upgrades (it holds {@link RedisKeys#LAYOUT_UPGRADE}); another that starts meanwhile waits until the
     * data is stamped, or takes over the upgrade when the holder died (its lock ran out: every step of
     * the upgrade finds what an interrupted run left).
     */
    public Future<Upgrade> upgrade() {
        return redis.toFuture(redis.commands().get(RedisKeys.LAYOUT)).compose(stored -> {
            int version = stored == null ? 1 : parse(stored);
            if (version >= CURRENT) return upgradeFrom(stored);
            String token = java.util.UUID.randomUUID().toString();
            return redis.toFuture(redis.commands().set(RedisKeys.LAYOUT_UPGRADE, token,
                            io.lettuce.core.SetArgs.Builder.nx().px(UPGRADE_LEASE.toMillis())))
                    .compose(ok -> {
                        if (!"OK".equals(ok)) {
                            log.info("another instance upgrades the stored data; waiting for it");
                            return waitThenUpgrade(System.nanoTime() + UPGRADE_LEASE.plusMinutes(1).toNanos());
                        }
                        // Read again under the lock: an upgrade may have finished in between.
                        return redis.toFuture(redis.commands().get(RedisKeys.LAYOUT)).compose(this::upgradeFrom)
                                .eventually(() -> redis.toFuture(redis.commands().del(RedisKeys.LAYOUT_UPGRADE)));
                    });
        });
    }

    /** Polls until the data is stamped current (nothing to do) or the upgrade lock is free (take it). */
    private Future<Upgrade> waitThenUpgrade(long deadlineNanos) {
        if (System.nanoTime() > deadlineNanos) {
            return Future.failedFuture(new IllegalStateException("another instance has been upgrading the stored data "
                    + "for longer than " + UPGRADE_LEASE.toMinutes() + " minutes"));
        }
        io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
        redis.vertx().setTimer(500, id -> later.complete());
        return later.future()
                .compose(v -> redis.toFuture(redis.commands().mget(RedisKeys.LAYOUT, RedisKeys.LAYOUT_UPGRADE)))
                .compose(values -> {
                    String layout = values.get(0).getValueOrElse(null);
                    boolean locked = values.get(1).hasValue();
                    if (layout != null && parse(layout) >= CURRENT) return upgradeFrom(layout);
                    return locked ? waitThenUpgrade(deadlineNanos) : upgrade();
                });
    }

    private Future<Upgrade> upgradeFrom(String stored) {
        // Guarded: an unreadable stamp (parse) fails the future instead of throwing.
        return RedisConversationStore.guarded(() -> {
            // No stamp: data of layout 1, or a new Redis, for which the upgrade finds nothing to do.
            int version = stored == null ? 1 : parse(stored);
            if (version > CURRENT) {
                return Future.failedFuture(new IllegalStateException("the data in Redis has key layout " + version
                        + ", newer than this release's " + CURRENT + ": run the newer release"));
            }
            if (version == CURRENT) {
                return stamp().map(new Upgrade(version, CURRENT, 0, 0, 0, null));
            }
            Future<Upgrade> two = version < 2 ? queues().compose(this::upgradeQueues)
                    : Future.succeededFuture(new Upgrade(version, CURRENT, 0, 0, 0, null));
            Future<Upgrade> three = version < 3 ? two.compose(u -> redis.vertx().executeBlocking(() ->
                                    new LayoutThreeUpgrade(redis, people, partitions).run(), false)
                            .map(t -> new Upgrade(u.from(), CURRENT, u.recorded(), u.removed(), u.kept(), t)))
                    : two;
            return three.compose(u -> new OpenHandoffIndex(redis).rebuild()
                            .map(n -> new Upgrade(u.from(), CURRENT, u.recorded(), u.removed(), u.kept(), u.three(), n)))
                    .compose(u -> stamp().map(u))
                    .onSuccess(u -> log.info("stored data upgraded from key layout {} to {}: handoffs recorded={} removed "
                                    + "from queues={} kept={}; {}; open handoffs indexed={}", u.from(), u.to(), u.recorded(),
                            u.removed(), u.kept(), u.three(), u.openIndexed()));
        });
    }

    private static int parse(String stored) {
        try {
            return Integer.parseInt(stored.trim());
        } catch (NumberFormatException e) {
            throw new StoredDataException("key layout version", "'" + stored + "' is not a number");
        }
    }

    private Future<Void> stamp() {
        return redis.toFuture(redis.commands().set(RedisKeys.LAYOUT, Integer.toString(CURRENT))).mapEmpty();
    }

    private Future<List<String>> queues() {
        return KeyScan.all(redis, RedisKeys.queue("*"));
    }

    private Future<Upgrade> upgradeQueues(List<String> queueKeys) {
        int[] counts = new int[3];
        Future<Void> chain = Future.succeededFuture();
        for (String key : queueKeys) {
            String queue = key.substring(RedisKeys.QUEUE_PREFIX.length());
            chain = chain.compose(v -> redis.toFuture(redis.commands().zrangeWithScores(key, 0, -1)))
                    .compose(members -> {
                        Future<Void> each = Future.succeededFuture();
                        for (ScoredValue<String> m : members) {
                            each = each.compose(v -> member(key, queue, m.getValue(), (long) m.getScore(), counts));
                        }
                        return each;
                    });
        }
        return chain.map(v -> new Upgrade(1, 2, counts[0], counts[1], counts[2], null));
    }

    private Future<Void> member(String queueKey, String queue, String conversationId, long score, int[] counts) {
        return redis.toFuture(redis.commands().get(RedisKeys.session(conversationId))).compose(sessionJson -> {
            String record = "";
            if (sessionJson != null) {
                Session s = SessionCodec.decode(sessionJson);
                boolean urgent = score < 0;
                Instant at = Instant.ofEpochMilli(urgent ? score + Handoff.URGENT_OFFSET_MILLIS : score);
                Handoff.Kind kind = s.ownership() == Ownership.WAITING ? Handoff.Kind.LIVE : Handoff.Kind.CALLBACK;
                record = HandoffCodec.encode(new Handoff(conversationId, queue, kind, urgent ? at : null, "layout_1",
                        Handoff.State.WAITING, at, null, at));
            }
            String[] keys = {queueKey, RedisKeys.session(conversationId), RedisKeys.handoff(conversationId)};
            return redis.<String>toFuture(UPGRADE_MEMBER.run(redis.commands(), ScriptOutputType.VALUE, keys, conversationId, record))
                    .map(outcome -> {
                        switch (outcome) {
                            case "recorded" -> counts[0]++;
                            case "removed" -> counts[1]++;
                            default -> counts[2]++;
                        }
                        return null;
                    });
        });
    }
}
