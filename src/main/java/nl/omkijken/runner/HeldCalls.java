package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * The provider's id of the call of a caller who waits on the line, per conversation: what a worker's take-over puts
 * through to their phone. It lapses after {@link #HELD_AT_MOST} when the call's end is never reported.
 */
public interface HeldCalls {
    Duration HELD_AT_MOST = Duration.ofHours(3);

    Future<Void> held(String conversationId, String callId);

    /** The held call's id, or null when the caller does not wait on the line. */
    Future<String> callOf(String conversationId);

    Future<Void> gone(String conversationId);
}
