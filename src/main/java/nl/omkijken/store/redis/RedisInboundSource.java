package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundReceipt;
import nl.omkijken.runner.InboundSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the inbound partition streams written by {@link RedisInboundQueue}, with the consumer group
 * {@link RedisKeys#INBOUND_GROUP}. Every call is one Lua script, so one round trip: a lease round for
 * all partitions, a release, or one read of a batch (takeover, redelivery, dead letters and new entries
 * together).
 *
 * <p>Leases are {@code SET NX PX} keys holding the owner's token ({@link RedisKeys#inboundLease}); a read
 * checks the lease inside its script, so an instance whose lease ran out reads nothing more. Members
 * (instances that keep leases) are a sorted set scored by "alive until", from which each instance's fair
 * share of the partitions follows. The owner token is also the consumer name in the group.
 *
 * <p>Entries are acknowledged and deleted by the turn's commit ({@code commit.lua}), or here when they
 * go to the dead letters ({@link RedisKeys#INBOUND_DEAD}, capped at about {@value #DEAD_LETTER_MAX_LENGTH}).
 */
public final class RedisInboundSource implements InboundSource {
    private static final Logger log = LoggerFactory.getLogger(RedisInboundSource.class);
    static final long DEAD_LETTER_MAX_LENGTH = 10_000;
    /**
     * How many times an entry taken over from an instance that died gets that delivery back: enough for
     * a run of restarts, few enough that a message that kills every instance still ends in the dead
     * letters (after at most this many more deliveries).
     */
    static final int MAX_TAKEOVERS_GIVEN_BACK = 20;
    private static final LuaScript LEASES = LuaScript.load("inbound_leases");
    private static final LuaScript RELEASE = LuaScript.load("inbound_release");
    private static final LuaScript READ = LuaScript.load("read_inbound");

    private final RedisConnection redis;
    private final InboundPartitions partitions;
    private final String[] leaseRoundKeys;

    /** @param partitions the same as the queue's */
    public RedisInboundSource(RedisConnection redis, InboundPartitions partitions) {
        this.redis = Objects.requireNonNull(redis, "redis connection must be given");
        this.partitions = Objects.requireNonNull(partitions, "partitions must be given");
        leaseRoundKeys = new String[partitions.count() + 1];
        leaseRoundKeys[0] = RedisKeys.INBOUND_MEMBERS;
        for (int p = 0; p < partitions.count(); p++) {
            leaseRoundKeys[p + 1] = RedisKeys.inboundLease(p);
        }
    }

    @Override
    public int partitions() {
        return partitions.count();
    }

    @Override
    public Future<Leases> keepLeases(String owner, Duration lease) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            long millis = positiveMillis(lease, "lease");
            return redis.<List<Object>>toFuture(LEASES.run(redis.commands(), ScriptOutputType.MULTI, leaseRoundKeys,
                            owner, Long.toString(millis)))
                    .map(reply -> {
                        Set<Integer> held = new HashSet<>();
                        Set<Integer> acquired = new HashSet<>();
                        for (int p = 0; p < partitions.count(); p++) {
                            long code = number(reply, p + 2);
                            if (code > 0) held.add(p);
                            if (code == 2) acquired.add(p);
                        }
                        return new Leases((int) number(reply, 0), (int) number(reply, 1), held, acquired);
                    });
        });
    }

    @Override
    public Future<Void> release(int partition, String owner) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            requirePartition(partition);
            String[] keys = {RedisKeys.INBOUND_MEMBERS, RedisKeys.inboundLease(partition)};
            return redis.<Long>toFuture(RELEASE.run(redis.commands(), ScriptOutputType.INTEGER, keys, owner, "0"))
                    .mapEmpty();
        });
    }

    @Override
    public Future<Void> leave(String owner) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            return redis.<Long>toFuture(RELEASE.run(redis.commands(), ScriptOutputType.INTEGER, leaseRoundKeys, owner, "1"))
                    .mapEmpty();
        });
    }

    @Override
    public Future<Batch> read(int partition, String owner, int max, Duration claimIdle, int maxDeliveries,
                              boolean takeover, List<String> notAttempted) {
        return RedisConversationStore.guarded(() -> {
            requireOwner(owner);
            requirePartition(partition);
            if (max < 1) {
                throw new IllegalArgumentException("inbound batch size must be at least 1, was " + max);
            }
            if (maxDeliveries < 1) {
                throw new IllegalArgumentException("inbound max deliveries must be at least 1, was " + maxDeliveries);
            }
            long idleMillis = positiveMillis(claimIdle, "claim idle time");
            List<String> args = new ArrayList<>(List.of(owner, RedisKeys.INBOUND_GROUP, Integer.toString(max),
                    Integer.toString(maxDeliveries), Long.toString(idleMillis), Long.toString(DEAD_LETTER_MAX_LENGTH),
                    takeover ? "1" : "0", RedisKeys.INBOUND_FIELD, Integer.toString(MAX_TAKEOVERS_GIVEN_BACK)));
            if (notAttempted != null) {
                args.addAll(notAttempted);
            }
            String[] keys = {RedisKeys.inbound(partition), RedisKeys.inboundLease(partition), RedisKeys.INBOUND_DEAD,
                    RedisKeys.inboundTakeovers(partition)};
            return redis.<List<Object>>toFuture(READ.run(redis.commands(), ScriptOutputType.MULTI, keys,
                            args.toArray(new String[0])))
                    .map(reply -> toBatch(partition, reply));
        });
    }

    private static Batch toBatch(int partition, List<Object> reply) {
        if (number(reply, 0) == 0) {
            return Batch.notHeld();
        }
        int claimed = (int) number(reply, 1);
        List<String> dead = new ArrayList<>();
        if (reply.get(2) instanceof List<?> ids) {
            for (Object id : ids) dead.add(String.valueOf(id));
        }
        List<Entry> entries = new ArrayList<>((reply.size() - 3) / 3);
        for (int i = 3; i + 2 < reply.size(); i += 3) {
            InboundReceipt receipt = new InboundReceipt(partition, String.valueOf(reply.get(i)));
            Object json = reply.get(i + 1);
            try {
                entries.add(new Entry(receipt, InboundCodec.decode(json == null ? null : json.toString(),
                        String.valueOf(reply.get(i + 2))), null));
            } catch (StoredDataException e) {
                log.error("unreadable inbound entry partition={} entry={}: {}", partition, receipt.entryId(), e.getMessage());
                entries.add(new Entry(receipt, null, e.getMessage()));
            }
        }
        return new Batch(true, entries, dead, claimed);
    }

    private static long number(List<Object> reply, int index) {
        Object value = index < reply.size() ? reply.get(index) : null;
        if (!(value instanceof Number)) {
            throw new StoredDataException("inbound script reply", "item " + index + " is not a number");
        }
        return ((Number) value).longValue();
    }

    private void requirePartition(int partition) {
        if (partition < 0 || partition >= partitions.count()) {
            throw new IllegalArgumentException("inbound partition must be 0-" + (partitions.count() - 1) + ", was " + partition);
        }
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("inbound owner token must not be empty");
        }
    }

    private static long positiveMillis(Duration d, String what) {
        if (d == null || d.toMillis() < 1) {
            throw new IllegalArgumentException("inbound " + what + " must be at least 1 ms, was " + d);
        }
        return d.toMillis();
    }
}
