package nl.omkijken.runner;

/**
 * Where a sent message stands, as the provider's delivery callbacks report it. Callbacks arrive out
 * of order and some never arrive, so a stored status only ever moves forward: to a higher
 * {@link #rank()}, or to a final status. A final status never changes again.
 */
public enum DeliveryStatus {
    QUEUED(1, false),
    SENDING(2, false),
    SENT(3, false),
    DELIVERED(4, false),
    READ(5, false),
    /** The carrier or the app could not deliver it. Carries the provider's error code. */
    UNDELIVERED(6, true),
    /** The provider could not send it. Carries the provider's error code. */
    FAILED(6, true),
    /** Cancelled before it was sent (a scheduled message). */
    CANCELED(6, true);

    private final int rank;
    private final boolean isFinal;

    DeliveryStatus(int rank, boolean isFinal) {
        this.rank = rank;
        this.isFinal = isFinal;
    }

    /** Higher is further along. Final statuses rank above all others. */
    public int rank() { return rank; }

    /**
     * No later callback changes a final status. A failure beats every non-final status, even
     * DELIVERED: the provider reports it as the message's last word, and its error code is what
     * staff need to see.
     */
    public boolean isFinal() { return isFinal; }

    /** Whether a message now at {@code current} (null: nothing recorded) may move to this status. */
    public boolean advances(DeliveryStatus current) {
        if (current == null) return true;
        if (current.isFinal) return false;
        return isFinal || rank > current.rank;
    }
}
