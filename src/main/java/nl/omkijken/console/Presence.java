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

    /** Workers seen within {@code within} of {@code now}, with when they were last seen. */
    Future<Map<String, Instant>> online(Instant now, Duration within);

    /** The worker closed the console (signed out). */
    Future<Void> gone(String workerId);
}
