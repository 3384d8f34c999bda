package nl.omkijken.shifts;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Where planned shifts are kept. Implemented in store/redis. */
public interface Shifts {
    /** How long a past shift is kept: the figures of a quarter look back this far. */
    java.time.Duration KEPT = java.time.Duration.ofDays(90);

    /**
     * Adds a shift, unless the same worker has another one at that time: then that one's id (the shift is
     * not added), else null.
     */
    Future<String> add(Shift shift);

    /** Removes a shift; false when there was none. */
    Future<Boolean> remove(String id);

    /** The shift with this id, or null. */
    Future<Shift> byId(String id);

    /**
     * Every shift that is on duty some time between {@code from} and {@code to}, by start; shifts that
     * ended longer than {@link #KEPT} before {@code now} are forgotten on the way.
     */
    Future<List<Shift>> between(Instant from, Instant to, Instant now);
}
