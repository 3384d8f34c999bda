package nl.omkijken.runner;

/**
 * Where a queued inbound message sits until its turn is written: the partition of the inbound queue and
 * the entry's id in it. A turn that carries a receipt takes the entry off the queue inside its atomic
 * commit, so a message whose turn is written is never delivered again, and a message delivered twice
 * (a takeover after a crash) is written once: the second commit finds the entry gone and writes nothing.
 */
public record InboundReceipt(int partition, String entryId) {
    public InboundReceipt {
        if (partition < 0) {
            throw new IllegalArgumentException("inbound partition must not be negative, was " + partition);
        }
        if (entryId == null || entryId.isBlank()) {
            throw new IllegalArgumentException("inbound entry id must not be empty");
        }
    }

    /**
     * When the message was accepted into the queue: a Redis stream entry id starts with the server's
     * clock in epoch millis ("1795368943317-0"). Null when the id does not have that form.
     */
    public java.time.Instant acceptedAt() {
        int dash = entryId.indexOf('-');
        try {
            return java.time.Instant.ofEpochMilli(Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
