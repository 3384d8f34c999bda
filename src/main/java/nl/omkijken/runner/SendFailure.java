package nl.omkijken.runner;

import java.time.Duration;

/**
 * Why a {@link Sender} could not deliver, in the terms the outbox acts on. Senders fail their
 * future with this; anything else counts as {@link Kind#RETRY}.
 */
public final class SendFailure extends RuntimeException {

    public enum Kind {
        /** Try again later (429, 5xx, connection refused before the request was sent). */
        RETRY,
        /** The provider refused for good (invalid number, bad request): record and drop. */
        PERMANENT,
        /** The person opted out or blocked us (Twilio 21610, Telegram 403): mark the contact, send nothing more. */
        OPTED_OUT,
        /**
         * The request may have reached the provider (timeout after sending): never resent blindly;
         * recorded for reconciliation.
         */
        AMBIGUOUS
    }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    public SendFailure(Kind kind, String code, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public Kind kind() { return kind; }

    /** The provider's error code (e.g. "21610", "429"), or null. */
    public String code() { return code; }

    /** How long the provider asked us to wait, or null. */
    public Duration retryAfter() { return retryAfter; }
}
