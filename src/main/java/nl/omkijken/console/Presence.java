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

    /**
     * The worker's "away" switch (a break, a phone call): while away they are not shown online, and once
     * away longer than the grace time their conversations go back to the queue like a leaving worker's.
     */
    Future<Void> away(String workerId, boolean away, Instant now);

    /** Whether the worker switched to away. */
    Future<Boolean> isAway(String workerId);

    /** Workers seen within {@code within} of {@code now} and not signed out or away since, with when they were last seen. */
    Future<Map<String, Instant>> online(Instant now, Duration within);

    /**
     * Workers seen within {@code within} of {@code now} (signed out since or not) and not away for longer
     * than {@code within}: whose conversations may wait for them.
     */
    Future<Map<String, Instant>> seenWithin(Instant now, Duration within);
}
