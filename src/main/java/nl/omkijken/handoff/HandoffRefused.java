package nl.omkijken.handoff;

/**
 * An action that does not apply to the handoff as it is (claim a closed one, release one nobody has).
 * {@link #code} says which refusal it is, for whoever tells a person (the console says it in their
 * language); the message is for logs and tests.
 */
public final class HandoffRefused extends RuntimeException {
    private final String code;

    public HandoffRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A refusal of the transition table itself (the console has no words of its own for it). */
    public HandoffRefused(String message) {
        this("other", message);
    }

    public String code() {
        return code;
    }
}
