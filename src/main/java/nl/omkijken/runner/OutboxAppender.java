package nl.omkijken.runner;

import io.vertx.core.Future;

/**
 * Puts an entry onto the outbox from outside a turn (a channel reacting to a provider's callback),
 * at most once per key. The entry then goes the way of every reply: claimed by the
 * {@link OutboxDispatcher}, sent by its channel's {@link Sender}, retried under the same
 * {@link OutboxDispatcher.RetryPolicy}, its outcome recorded.
 */
public interface OutboxAppender {

    /**
     * Appends {@code message} unless an entry was already appended under {@code onceKey}; the check
     * and the append are one atomic step, so a callback delivered twice, or two racing callbacks,
     * give one entry. The future holds true when this call appended it, false for a repeat; it
     * succeeds only after the entry is durably in the outbox.
     */
    Future<Boolean> appendOnce(String onceKey, Outbound message);
}
