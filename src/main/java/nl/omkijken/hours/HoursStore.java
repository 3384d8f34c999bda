package nl.omkijken.hours;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Opening hours as coordinators saved them in the console (the text of an hours.yaml), shared by every
 * instance; none saved: dialogs/hours.yaml is used. Implemented in store/redis.
 */
public interface HoursStore {
    /** What was saved, with a version that changes at every save. */
    record Saved(String yaml, long version, String by, Instant at) {}

    /** The saved hours, or null when none were saved. */
    Future<Saved> current();

    /**
     * Saves new hours (already checked) over version {@code over} (0: none saved yet); returns the new
     * version, or fails with {@link Stale} when another save came in between.
     */
    Future<Long> save(String yaml, String by, Instant at, long over);

    /** Someone saved other hours since these were read. */
    final class Stale extends RuntimeException {
        public Stale() {
            super("the opening hours were saved by someone else in between", null, false, false);
        }
    }
}
