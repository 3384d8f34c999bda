package nl.omkijken.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The helpdesk's bookable times as the engine asks them: the free ones of a stadsdeel, and the talk a conversation has
 * booked. Read from each instance's view in memory, so a turn asks it directly; the booking itself is written by the
 * runner after the turn, atomically, and a turn whose chosen time was just taken runs again knowing it.
 */
public interface Appointments {
    /** None: every booking step goes to its {@code none} step. */
    Appointments NONE = new Appointments() {
        @Override
        public List<Offer> free(String district, Instant now, String language, Set<String> leaveOut) {
            return List.of();
        }

        @Override
        public Offer find(String slotId, String conversationId, Instant now, String language) {
            return null;
        }

        @Override
        public Held heldBy(String conversationId, Instant now, String language) {
            return null;
        }

        @Override
        public Instant reminderAt(String slotId, Instant now) {
            return null;
        }

        @Override
        public String invite(String conversationId, String slotId) {
            return null;
        }
    };

    /**
     * A free time, with how it is said to the person ("dinsdag 12 januari om 14:00, met Sanne (telefonisch)") and on its
     * button ("di 12 jan 14:00").
     */
    record Offer(String slotId, String label, String button) {}

    /** A booked talk still to come: its slot, how it is said, and the stadsdeel (to offer another time there). */
    record Held(String bookingId, String slotId, String label, String district) {}

    /**
     * The soonest free times of the stadsdeel (as many as dialogs/bookings.yaml offers), none in a closure, none sooner
     * than its notice or beyond its horizon; {@code leaveOut} are slots known to be taken since the view was read.
     */
    List<Offer> free(String district, Instant now, String language, Set<String> leaveOut);

    /**
     * The slot chosen from an offer: while it is free and still to come, or when this conversation holds it already (the
     * same turn run again after its first run was booked but not saved); else null.
     */
    Offer find(String slotId, String conversationId, Instant now, String language);

    /** When the reminder of a talk in this slot goes out (the day before), or null when that is past already. */
    Instant reminderAt(String slotId, Instant now);

    /** The address of the calendar invite of the talk this conversation books in this slot, or null (none). */
    String invite(String conversationId, String slotId);

    /** The conversation's booked talk still to come, or null. */
    Held heldBy(String conversationId, Instant now, String language);
}
