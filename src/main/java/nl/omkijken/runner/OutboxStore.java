package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable queue of replies written by commits and drained by the sender.
 *
 * <p>Order: the replies of one conversation are open in the order their commits wrote them, and a
 * reply may be sent only when it is the first open one of its conversation, its <em>head</em>. The
 * store tells the head with every claim and completion, so a sender never sends a later reply while an
 * earlier one waits elsewhere (parked for a retry, held by an instance that died, not yet taken over).
 */
public interface OutboxStore {

    /**
     * A claimed reply.
     *
     * @param entryId          its place in the outbox (commit order over all conversations)
     * @param head             the entry id of its conversation's first open reply; "" when no order is
     *                         known (a reply written before orders were kept)
     * @param deliveredBefore  it was handed out before: the instance that had it may have sent it
     */
    record Claimed(Outbound reply, String entryId, String head, boolean deliveredBefore) {
        public Claimed {
            head = head == null ? "" : head;
        }
    }

    /**
     * Up to {@code max} unsent replies for this consumer, including ones another consumer left idle for
     * {@code idle}; those taken over come first.
     */
    Future<List<Claimed>> claimInOrder(String consumer, int max, Duration idle);

    /** {@link #claimInOrder}, the replies only. */
    default Future<List<Outbound>> claim(String consumer, int max, Duration idle) {
        return claimInOrder(consumer, max, idle).map(list -> list.stream().map(Claimed::reply).toList());
    }

    /**
     * Records the outcome of a send and removes the reply from the queue; the future holds the entry
     * id of the conversation's next open reply ("" when none).
     */
    Future<String> complete(Outbound message, String status, String providerId);

    /** The head (see {@link Claimed#head}) of each conversation; "" for one with no open reply. */
    Future<Map<String, String>> heads(Collection<String> conversationIds);

    /**
     * Keeps a claimed reply that waits for a retry in this consumer's hands: resets its idle time so no
     * other consumer takes it over while this one is alive. False when it is no longer this consumer's
     * (another took it over, or it was completed).
     */
    Future<Boolean> keep(String consumer, Outbound message);

    /** The recorded send status of one reply, or null. */
    Future<String> status(String outboundId);
}
