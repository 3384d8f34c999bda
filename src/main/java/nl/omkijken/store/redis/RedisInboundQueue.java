package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound queue as Redis streams, one per partition of the conversations ({@link RedisKeys#inbound}).
 *
 * <p>One offer is one script run (one round trip): {@code SET NX EX} on the dedupe key
 * ({@link RedisKeys#dedupe}), and only if that set it, the sender's conversation is found by the
 * address's key (or made, with its person: {@link RedisPeople}) and the message JSON is appended to the
 * address's partition stream, with the conversation id as a field of its own ({@code conv}). The JSON
 * holds the address's key, never the address. A message without a provider id is never deduped. Redis runs the
 * script atomically, so twenty concurrent offers of one id give exactly one ACCEPTED.
 *
 * <p>Durability is Redis's: with the append-only file on (as {@link EmbeddedRedis} and deploy/ configure
 * it) an accepted message survives a restart of redis-server; with {@code appendfsync everysec} a crash of
 * the machine itself can lose the last second.
 *
 * <p>After an ACCEPTED offer the partition number is published on the local event bus at
 * {@link InboundQueue#ACCEPTED_ADDRESS}, so the consumers of this instance look at once instead of at
 * their next poll.
 */
public final class RedisInboundQueue implements InboundQueue {
    private static final Logger log = LoggerFactory.getLogger(RedisInboundQueue.class);
    /** How long a provider's message id is remembered: far longer than any provider retries. */
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofHours(48);
    private static final LuaScript OFFER = LuaScript.load("offer_inbound", "lib_people");

    private final RedisConnection redis;
    private final Vertx vertx;
    private final InboundPartitions partitions;
    private final String dedupeTtlSeconds;
    private final RedisPeople people;

    /** Default partition count (16) and dedupe window (48 hours). */
    public RedisInboundQueue(RedisConnection redis, RedisPeople people) {
        this(redis, new InboundPartitions(InboundPartitions.DEFAULT_COUNT), DEFAULT_DEDUPE_TTL, people);
    }

    /**
     * @param partitions how conversations map to streams; the same on every instance and every consumer
     * @param dedupeTtl  how long a provider id is remembered; at least one second
     * @param people     who the senders are: the offer finds (or makes) the sender's conversation
     */
    public RedisInboundQueue(RedisConnection redis, InboundPartitions partitions, Duration dedupeTtl, RedisPeople people) {
        Objects.requireNonNull(partitions, "partitions must be given");
        if (dedupeTtl == null || dedupeTtl.getSeconds() < 1) {
            throw new IllegalArgumentException("dedupe TTL must be at least 1 second, was " + dedupeTtl);
        }
        this.redis = redis;
        this.vertx = redis.vertx();
        this.partitions = partitions;
        this.dedupeTtlSeconds = Long.toString(dedupeTtl.getSeconds());
        this.people = Objects.requireNonNull(people, "people must be given");
    }

    public InboundPartitions partitions() {
        return partitions;
    }

    @Override
    public Future<Offer> offer(Inbound message) {
        return RedisConversationStore.guarded(() -> {
            validate(message);
            RedisPeople.Scripted who = people.scripted(message.from());
            // All messages of an address go to one partition, so they are handled in the order they came.
            int partition = partitions.of(who.addressKey());
            String stream = RedisKeys.inbound(partition);
            String[] keys = message.providerId() == null
                    ? new String[] {stream, who.index(), who.personIndex()}
                    : new String[] {stream, who.index(), who.personIndex(),
                                    RedisKeys.dedupe(message.channel(), message.providerId())};
            String json = InboundCodec.encode(message.in(null, who.addressKey()));
            List<String> args = new ArrayList<>(List.of(dedupeTtlSeconds, RedisKeys.INBOUND_FIELD, json,
                    who.hinted() ? "1" : "0"));
            args.addAll(who.args());
            return redis.<List<Object>>toFuture(OFFER.run(redis.commands(), ScriptOutputType.MULTI, keys,
                            args.toArray(new String[0])))
                    .map(reply -> reply == null || reply.isEmpty() ? null : String.valueOf(reply.get(0)))
                    .map(entryId -> {
                        if (entryId == null) {
                            // The provider's id stays out of the logs: it is the caller's to log, if it may.
                            log.debug("inbound duplicate channel={} partition={}", message.channel(), partition);
                            return Offer.DUPLICATE;
                        }
                        log.debug("inbound accepted channel={} partition={} entry={}", message.channel(), partition, entryId);
                        vertx.eventBus().publish(ACCEPTED_ADDRESS, partition);
                        return Offer.ACCEPTED;
                    });
        });
    }

    private static void validate(Inbound m) {
        if (m == null) {
            throw new IllegalArgumentException("inbound message must be given");
        }
        if (m.from() == null) {
            throw new IllegalArgumentException("inbound message without its sender's address");
        }
        if (m.channel() == null || m.channel().isBlank() || m.channel().indexOf(':') >= 0) {
            throw new IllegalArgumentException("inbound message needs a channel name without ':', was '"
                    + m.channel() + "'");
        }
        if (m.providerId() != null && m.providerId().isBlank()) {
            throw new IllegalArgumentException("inbound message with a blank provider id (give null when there is none)");
        }
    }
}
