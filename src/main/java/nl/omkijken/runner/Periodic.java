package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Work done every so often: claim due jobs, carry out tasks, trim streams, follow the event log. Run by
 * a {@link PeriodicHost}; tests call {@link #runOnce()} themselves, on a clock they move.
 */
public interface Periodic {
    /** For logs. */
    String name();

    /** How long from one round's start to the next. */
    Duration every();

    /** Before the first round (read where to start); a failure stops the host's start. */
    default Future<Void> begin() {
        return Future.succeededFuture();
    }

    /** One round; the host starts no new one while this runs. */
    Future<?> runOnce();
}
