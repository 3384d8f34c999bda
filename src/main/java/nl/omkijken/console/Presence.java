package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Which workers have the console open, on any instance: each open live feed renews its worker's mark.
 * Implemented in store/redis.
 */
public interface Presence {
    /** The worker has the console open now. */
    Future<Void> seen(String workerId, Instant now);

    /** The worker signed out: not shown online any more, though their last mark stays (for the grace time). */
    Future<Void> signedOut(String workerId, Instant now);

    /** Workers seen within {@code within} of {@code now} and not signed out since, with when they were last seen. */
    Future<Map<String, Instant>> online(Instant now, Duration within);

    /** Workers seen within {@code within} of {@code now}, signed out since or not: whose conversations may wait for them. */
    Future<Map<String, Instant>> seenWithin(Instant now, Duration within);
}
