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

    /** Saves new hours (already checked); returns the new version. */
    Future<Long> save(String yaml, String by, Instant at);
}
