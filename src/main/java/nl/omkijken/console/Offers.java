package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Conversations offered to one worker at a time (a line with {@code offer:} in routing.yaml): a worker
 * holds at most one offer, a conversation is offered to at most one worker, and an offer ends when it is
 * accepted, declined or its time runs out. Who was offered a conversation is remembered for a while, so
 * the next offer goes to someone else. Implemented in store/redis.
 */
public interface Offers {
    /** An offer a worker holds: the conversation, until when. */
    record Offer(String conversationId, Instant until) {}

    /** Offers the conversation to the worker, unless either has an offer already; true when offered. */
    Future<Boolean> offer(String conversationId, String workerId, Instant now, Duration acceptWithin);

    /** The offer the worker holds, or null. */
    Future<Offer> ofWorker(String workerId);

    /** The worker the conversation is offered to now, or null. */
    Future<String> offeredTo(String conversationId);

    /** The workers the conversation was offered to lately (declined, or let it run out). */
    Future<Set<String>> tried(String conversationId);

    /** Starts over: everyone was offered the conversation and nobody took it. */
    Future<Void> forgetTried(String conversationId);

    /** Ends the worker's offer of the conversation (accepted or declined); false when it was not theirs (any more). */
    Future<Boolean> end(String conversationId, String workerId);
}
