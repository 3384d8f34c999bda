package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Clock;
import nl.omkijken.runner.Reservations;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskHandler;

/**
 * Cancels a booking once the turn that told the person is saved (the task that turn's commit wrote), then e-mails its
 * cancellation. Cancelling twice changes nothing and the mail goes once, so a task carried out again is harmless.
 */
public final class CancelledBookings implements TaskHandler {
    private final Reservations reservations;
    private final InviteMails mails;
    private final Clock clock;

    public CancelledBookings(Reservations reservations, InviteMails mails, Clock clock) {
        this.reservations = reservations;
        this.mails = mails;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Reservations.CANCEL_TASK;
    }

    @Override
    public Future<Void> run(Task task) {
        if (!BookingIds.looksLikeOne(task.payload())) return Future.succeededFuture(); // nothing a turn could have written
        return reservations.cancel(task.payload(), clock.instant()).compose(v -> mails.cancelled(task.payload()));
    }
}
