package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Instant;
import nl.omkijken.engine.Session;

/**
 * Books and cancels the helpdesk's talks for the runner. A time the person chose is booked atomically between the
 * turn's decision and its commit, and a turn whose time was just taken runs again (the engine then offers others), so
 * the bot never confirms a talk nobody holds. A cancellation is a task the turn's commit writes, carried out after it.
 */
public interface Reservations {
    /**
     * The task that cancels a booking after the turn that told the person is saved (its payload: the booking id):
     * written in the turn's own commit, so a turn that was not saved cancels nothing, and one that was always does.
     */
    String CANCEL_TASK = "cancel-booking";
    /** The task that e-mails a talk's calendar invite, or its cancellation, after the turn that told the person. */
    String MAIL_TASK = "mail-invite";

    /** None: no time is ever offered (the engine's appointments are none too), so nothing is booked. */
    Reservations NONE = new Reservations() {
        @Override
        public Future<Boolean> book(String slotId, Session session, String channel, String address, Instant now, InboundReceipt receipt) {
            return Future.succeededFuture(false);
        }

        @Override
        public Future<Void> cancel(String bookingId, Instant now) {
            return Future.succeededFuture();
        }
    };

    /**
     * Books the slot for the conversation, with its intake as it stands after the turn. True when it is the
     * conversation's now (also when this same booking was made before: a turn run twice books once); false when it was
     * taken, removed or is past.
     *
     * @param receipt the message the turn answers, when it came through the durable inbound queue (else null): a
     *                message whose turn was saved already (handled twice after a lease ran out) books nothing, and the
     *                future fails with {@link ConversationStore.AlreadyHandledException}, as its commit would
     */
    Future<Boolean> book(String slotId, Session session, String channel, String address, Instant now, InboundReceipt receipt);

    /** Cancels a booking (nothing when it was cancelled already): by the {@link #CANCEL_TASK} task, and by staff. */
    Future<Void> cancel(String bookingId, Instant now);
}
