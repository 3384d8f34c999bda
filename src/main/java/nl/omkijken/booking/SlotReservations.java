package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nl.omkijken.engine.Session;
import nl.omkijken.runner.Reservations;

/**
 * Books in the store and brings this instance's view up to date at once, so the next turn here neither offers the
 * time just booked nor misses the talk just made. The intake is the conversation's slots after the turn, without
 * the engine's own (those starting with "_").
 */
public final class SlotReservations implements Reservations {
    private final Slots slots;
    private final SlotBoard board;
    private final BookingIds ids;

    public SlotReservations(Slots slots, SlotBoard board, BookingIds ids) {
        this.slots = slots;
        this.board = board;
        this.ids = ids;
    }

    @Override
    public Future<Boolean> book(String slotId, Session session, String channel, String address, Instant now) {
        Map<String, String> intake = new HashMap<>();
        session.slots().forEach((k, v) -> {
            if (!k.startsWith("_") && v != null && !v.isBlank()) intake.put(k, v);
        });
        Booking b = new Booking(ids.of(session.conversationId(), slotId), slotId, session.conversationId(), channel, address,
                session.language(), intake, now, null);
        return slots.book(b, now).compose(outcome -> board.refresh().otherwiseEmpty().map(outcome == Slots.Outcome.BOOKED));
    }

    @Override
    public Future<Void> cancel(String bookingId, Instant now) {
        return slots.cancel(bookingId, now).compose(v -> board.refresh().otherwiseEmpty());
    }
}
