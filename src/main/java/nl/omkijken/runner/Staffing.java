package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Whether anyone can answer a queue now: a worker who serves it has the console open and is not away.
 * Implemented by the console (presence and workers). A crisis in a queue nobody can answer goes to the
 * on-call coordinator, also within the opening hours.
 */
public interface Staffing {
    Future<Boolean> anyoneOnDuty(String queue, Instant now);

    /** Without a console: the opening hours alone say whether someone is there. */
    Staffing ASSUMED = (queue, now) -> Future.succeededFuture(true);
}
