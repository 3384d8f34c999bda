package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The helpdesk's free and booked times, kept where every instance sees them. Booking is atomic: two people (also on
 * two instances) can never hold the same slot, and booking the same slot again from the same conversation is the same
 * booking (a turn run twice books once).
 */
public interface Slots {
    /** How a booking went. */
    enum Outcome {
        BOOKED,
        /** Someone else holds it now. */
        TAKEN,
        /** Removed by staff meanwhile. */
        GONE,
        /** Its time has come or passed. */
        PAST,
        /** Nothing done: the message the turn answers was handled already (its turn is saved). */
        HANDLED
    }

    /** Adds new free slots (checked by the caller: in the future, outside closures, not overlapping). */
    Future<Void> add(List<Slot> slots);

    /** Removes a free slot; false when it is booked (cancel the booking first) or gone. */
    Future<Boolean> remove(String slotId);

    /** A slot by its id (free or booked), or null. */
    Future<Slot> slot(String id);

    /** The slots that end at or after {@code from}, by start. */
    Future<List<Slot>> from(Instant from);

    /** Every conversation's standing booking: conversation id to booking id. */
    Future<java.util.Map<String, String>> standing();

    /** A number that changes with every change: an instance's view reloads when it moved. */
    Future<Long> version();

    /**
     * Books {@code booking}'s slot for it, atomically. The conversation's standing booking, when it has one, is
     * cancelled in the same step (a person holds one talk at a time: booking again moves it).
     */
    Future<Outcome> book(Booking booking, Instant now);

    /**
     * As {@link #book(Booking, Instant)}, only while {@code receipt} (the message the turn answers; null: none) is still
     * waiting for its turn to be saved: else {@link Outcome#HANDLED} and nothing written.
     */
    Future<Outcome> book(Booking booking, Instant now, nl.omkijken.runner.InboundReceipt receipt);

    /** A booking by its id, or null. */
    Future<Booking> booking(String id);

    /** The conversation's standing booking, or null. */
    Future<Booking> standingOf(String conversationId);

    /** Cancels a standing booking and frees its slot; false when it was cancelled already or is unknown. */
    Future<Boolean> cancel(String bookingId, Instant at);
}
