package nl.omkijken.store.redis;

import java.time.Duration;

/** Another worker held a conversation's lock for longer than the caller was willing to wait. */
public final class LockTimeoutException extends RuntimeException {
    public LockTimeoutException(String conversationId, Duration waited) {
        super("conversation " + conversationId + " stayed locked by another worker; gave up after "
                + waited.toMillis() + " ms");
    }
}
