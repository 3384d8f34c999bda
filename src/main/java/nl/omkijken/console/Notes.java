package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Internal notes on a conversation: for colleagues, never sent to the person. Kept as long as the
 * conversation. Implemented in store/redis.
 */
public interface Notes {
    int MAX_LENGTH = 2_000;

    record Note(Instant at, String workerId, String by, String text) {}

    Future<Void> add(String conversationId, Note note);

    /** Oldest first. */
    Future<List<Note>> of(String conversationId);
}
