package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Clock;
import nl.omkijken.runner.Reservations;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskHandler;

/**
 * Cancels a booking once the turn that told the person is saved (the task that turn's commit wrote). Cancelling twice
 * changes nothing, so a task carried out again after a crash is harmless.
 */
public final class CancelledBookings implements TaskHandler {
    private final Reservations reservations;
    private final Clock clock;

    public CancelledBookings(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Reservations.CANCEL_TASK;
    }

    @Override
    public Future<Void> run(Task task) {
        if (!BookingIds.looksLikeOne(task.payload())) return Future.succeededFuture(); // nothing a turn could have written
        return reservations.cancel(task.payload(), clock.instant());
    }
}
