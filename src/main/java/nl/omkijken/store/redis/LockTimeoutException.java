package nl.omkijken.store.redis;

import java.time.Duration;

/**
 * Another worker held a conversation's lock for longer than the caller was willing to wait. The message
 * leaves the conversation id out (it may hold a phone number, and messages end up in logs); the caller
 * knows which conversation it asked for.
 */
public final class LockTimeoutException extends nl.omkijken.runner.ConversationStore.LockBusyException {
    public LockTimeoutException(String conversationId, Duration waited) {
        super("the conversation stayed locked by another worker; gave up after " + waited.toMillis() + " ms");
    }
}
