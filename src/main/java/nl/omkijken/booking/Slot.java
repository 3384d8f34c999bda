package nl.omkijken.booking;

import java.time.Instant;
import java.util.Objects;

/**
 * A time staff offer for a talk: an account holder's hour in a stadsdeel, or a place at a Pop-up Helpdesk there.
 *
 * @param district  the stadsdeel (dialogs/routing.yaml), as the intake names it
 * @param place     where (a community centre's name, "telefonisch", "op kantoor"); shown to the person
 * @param holder    who they will talk with (a first name), shown to the person
 * @param bookingId the booking holding it, or null while it is free
 */
public record Slot(String id, String district, Kind kind, Instant start, int minutes, String place, String holder, String bookingId) {
    public enum Kind {
        /** The stadsdeel's account holder: a talk of its own. */
        ACCOUNTHOUDER,
        /** The Pop-up Helpdesk, held on a day in the stadsdeel; a slot is a turn there. */
        POPUP
    }

    public Slot {
        Objects.requireNonNull(id);
        Objects.requireNonNull(district);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(start);
        place = place == null ? "" : place;
        holder = holder == null ? "" : holder;
        bookingId = bookingId == null || bookingId.isEmpty() ? null : bookingId;
    }

    public boolean free() {
        return bookingId == null;
    }

    public Instant end() {
        return start.plusSeconds(60L * minutes);
    }
}
