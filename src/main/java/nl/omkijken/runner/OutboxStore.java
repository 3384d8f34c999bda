package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** The durable queue of replies written by commits and drained by the sender. */
public interface OutboxStore {
    /** Up to {@code max} unsent replies for this consumer, including ones another consumer left idle for {@code idle}. */
    Future<List<Outbound>> claim(String consumer, int max, Duration idle);

    /** Records the outcome of a send and removes the reply from the queue. */
    Future<Void> complete(Outbound message, String status, String providerId);

    /**
     * Keeps a claimed reply that waits for a retry in this consumer's hands: resets its idle time so no
     * other consumer takes it over while this one is alive. False when it is no longer this consumer's
     * (another took it over, or it was completed).
     */
    Future<Boolean> keep(String consumer, Outbound message);

    /** The recorded send status of one reply, or null. */
    Future<String> status(String outboundId);
}
