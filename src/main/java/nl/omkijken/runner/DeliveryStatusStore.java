package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * The delivery status of each message a provider accepted from us, fed by the provider's status
 * callbacks. The change is one atomic compare-and-set on the stored rank, so two callbacks racing
 * (or arriving out of order) never move a status back; see {@link DeliveryStatus#advances}.
 */
public interface DeliveryStatusStore {

    /** One message's recorded status. */
    record Record(String providerId, DeliveryStatus status, String errorCode, String outboundId, Instant at) {}

    /**
     * Records {@code status} for the provider's message id if it moves the message forward.
     *
     * @param errorCode  the provider's error code that came with the status, or null
     * @param outboundId our outbound id the message was sent for (from the callback URL), or null
     * @return true when the status changed, false when the callback was stale or a repeat
     */
    Future<Boolean> advance(String providerId, DeliveryStatus status, String errorCode, String outboundId, Instant at);

    /**
     * The provider's ids of every message whose status callback named {@code outboundId}: proof that
     * the provider took that reply (a split reply has one per part).
     */
    Future<java.util.Set<String>> deliveriesOf(String outboundId);

    /**
     * Which reply of ours the provider's message was sent for: recorded when the outbox completed the
     * send, or named by the message's status callback; null when neither is known.
     */
    Future<String> outboundOf(String providerId);

    /** The recorded status, or null when none was recorded (or it expired). */
    Future<Record> get(String providerId);
}
