package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import nl.omkijken.runner.DeliveryStatus;
import nl.omkijken.runner.DeliveryStatusStore;

/**
 * Delivery statuses in one hash per provider message id ({@link RedisKeys#delivery}), changed only
 * by a Lua script that compares ranks, so the stored status is monotonic however the callbacks
 * arrive. Records expire after {@link #TTL}: a callback later than that is not expected.
 */
public final class RedisDeliveryStatusStore implements DeliveryStatusStore {
    public static final Duration TTL = Duration.ofDays(30);
    private static final LuaScript ADVANCE = LuaScript.load("advance_delivery_status");

    private final RedisConnection redis;

    public RedisDeliveryStatusStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Boolean> advance(String providerId, DeliveryStatus status, String errorCode, String outboundId,
                                   Instant at) {
        return RedisConversationStore.guarded(() -> {
            if (status == null) throw new IllegalArgumentException("delivery status must be given");
            if (at == null) throw new IllegalArgumentException("time of the delivery status must be given");
            boolean ours = outboundId != null && !outboundId.isEmpty();
            String[] keys = ours ? new String[] {RedisKeys.delivery(providerId), RedisKeys.deliveriesOf(outboundId)}
                    : new String[] {RedisKeys.delivery(providerId)};
            return redis.<Long>toFuture(ADVANCE.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                            status.name(), Integer.toString(status.rank()), status.isFinal() ? "1" : "0",
                            errorCode == null ? "" : errorCode, ours ? outboundId : "",
                            at.toString(), Long.toString(TTL.toMillis()), providerId, RedisKeys.LIVE_DELIVERIES))
                    .map(changed -> changed == 1L);
        });
    }

    @Override
    public Future<java.util.Set<String>> deliveriesOf(String outboundId) {
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().smembers(RedisKeys.deliveriesOf(outboundId)))
                .map(ids -> ids == null ? java.util.Set.<String>of() : java.util.Set.copyOf(ids)));
    }

    @Override
    public Future<String> outboundOf(String providerId) {
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().get(RedisKeys.sentAs(providerId)))
                .compose(sent -> sent != null ? Future.succeededFuture(sent)
                        : redis.toFuture(redis.commands().hget(RedisKeys.delivery(providerId), "outbound"))));
    }

    @Override
    public Future<Record> get(String providerId) {
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().hgetall(RedisKeys.delivery(providerId)))
                .map(fields -> fields == null || fields.isEmpty() ? null : decode(providerId, fields)));
    }

    private static Record decode(String providerId, Map<String, String> f) {
        DeliveryStatus status;
        Instant at;
        try {
            status = DeliveryStatus.valueOf(f.get("status"));
            at = Instant.parse(f.get("at"));
        } catch (RuntimeException e) {
            throw new StoredDataException("delivery status of " + providerId, String.valueOf(e.getMessage()), e);
        }
        return new Record(providerId, status, f.get("errorCode"), f.get("outbound"), at);
    }
}
