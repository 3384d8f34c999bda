package nl.omkijken.runner;

import io.vertx.core.Future;

/**
 * Durable intake of verified inbound messages, between a webhook and the runner. A channel
 * adapter answers the provider only after {@link #offer} succeeded, so an acknowledged message is
 * never lost; the queue's consumers run the turns, one conversation's messages in order.
 */
public interface InboundQueue {

    /**
     * Local event-bus address on which an implementation publishes the partition number (Integer) of
     * each ACCEPTED message, so this instance's consumers read it at once instead of at their next poll.
     */
    String ACCEPTED_ADDRESS = "omk.inbound.accepted";

    /** What became of an offered message. */
    enum Offer { ACCEPTED, DUPLICATE }

    /**
     * Dedupes on the channel and the provider's id (MessageSid, update_id) with one atomic
     * SET NX, then writes the message durably. A redelivered webhook gives DUPLICATE and no
     * second turn. Messages without a provider id are never deduped.
     */
    Future<Offer> offer(Inbound message);
}
