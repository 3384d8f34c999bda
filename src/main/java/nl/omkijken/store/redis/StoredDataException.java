package nl.omkijken.store.redis;

/**
 * Data read from Redis that cannot be turned back into our records (corrupted, or written by an
 * incompatible version). The message names what was being read and why it failed, never the content:
 * stored values hold message text and phone numbers.
 */
public final class StoredDataException extends RuntimeException {
    public StoredDataException(String what, String reason) {
        super("unreadable stored " + what + ": " + reason);
    }

    public StoredDataException(String what, String reason, Throwable cause) {
        super("unreadable stored " + what + ": " + reason, cause);
    }
}
