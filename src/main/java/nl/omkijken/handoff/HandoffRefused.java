package nl.omkijken.handoff;

/** An action that does not apply to the handoff as it is (claim a closed one, release one nobody has). */
public final class HandoffRefused extends RuntimeException {
    public HandoffRefused(String message) {
        super(message, null, false, false);
    }
}
