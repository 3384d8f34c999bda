package nl.omkijken.booking;

/**
 * Where a booked talk's calendar invite is: the service's public address, {@code /afspraak/}, the booking's id. None
 * without a public address (a localhost link in a text message leads nowhere).
 */
public final class InviteLinks {
    public static final InviteLinks NONE = new InviteLinks(null, null);
    private final BookingIds ids;
    private final String base;

    /** @param base the address people reach the service at, without a trailing slash; null: no links */
    public InviteLinks(BookingIds ids, String base) {
        this.ids = ids;
        this.base = base;
    }

    /** The invite of the talk this conversation books in this slot, or null. */
    public String of(String conversationId, String slotId) {
        if (ids == null || base == null) return null;
        return base + "/afspraak/" + ids.of(conversationId, slotId) + ".ics";
    }
}
