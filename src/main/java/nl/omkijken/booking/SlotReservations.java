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
 * the engine's own (those starting with "_"), over the intake of the talk it replaces.
 */
public final class SlotReservations implements Reservations {
    /** The intake's question in the person's words (the helpdesk menu's keep: slot). */
    static final String QUESTION = "vraag";
    private final Slots slots;
    private final SlotBoard board;
    private final BookingIds ids;

    public SlotReservations(Slots slots, SlotBoard board, BookingIds ids) {
        this.slots = slots;
        this.board = board;
        this.ids = ids;
    }

    @Override
    public Future<Boolean> book(String slotId, Session session, String channel, String address, Instant now,
                                nl.omkijken.runner.InboundReceipt receipt) {
        // A talk moved in a later conversation (after the reminder, say) keeps the intake it was booked with: the
        // account holder still reads it, and the invite still goes to the address given then.
        return slots.standingOf(session.conversationId()).compose(earlier -> {
            Map<String, String> intake = new HashMap<>(earlier == null ? Map.of() : earlier.intake());
            session.slots().forEach((k, v) -> {
                // Not the risk the conversation reached: that is for the staff who serve it, not the account holder's intake.
                if (!k.startsWith("_") && !k.equals(nl.omkijken.engine.Session.RISK_SLOT) && v != null && !v.isBlank()) intake.put(k, v);
            });
            // The question a talk was booked for stays its question ("ik wil mijn afspraak verzetten" is none).
            if (earlier != null && earlier.intake().containsKey(QUESTION)) intake.put(QUESTION, earlier.intake().get(QUESTION));
            Booking b = new Booking(ids.of(session.conversationId(), slotId), slotId, session.conversationId(), channel, address,
                    session.language(), intake, now, null);
            return slots.book(b, now, receipt);
        }).compose(outcome -> {
            if (outcome == Slots.Outcome.HANDLED) return Future.failedFuture(new nl.omkijken.runner.ConversationStore.AlreadyHandledException(receipt));
            return board.refresh().otherwiseEmpty().map(outcome == Slots.Outcome.BOOKED);
        });
    }

    @Override
    public Future<Void> cancel(String bookingId, Instant now) {
        return slots.cancel(bookingId, now).compose(v -> board.refresh().otherwiseEmpty());
    }
}
