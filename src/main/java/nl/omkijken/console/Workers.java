package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.List;

/** Where workers are kept. Implemented in store/redis. */
public interface Workers {
    /** Adds a worker; fails with {@link NameTaken} when another worker has the name (whatever the capitals). */
    Future<Void> add(Worker worker);

    /** The worker with this name (whatever the capitals), or null. */
    Future<Worker> byName(String name);

    /** The worker with this id, or null. */
    Future<Worker> byId(String id);

    /**
     * Saves a worker's role, queues, capacity, languages and state (not the name or password); false when
     * the worker is gone.
     */
    Future<Boolean> update(Worker worker);

    /** Removes a worker (their name is free again); their open sessions end at their next request. */
    Future<Boolean> remove(String id);

    /** Every worker, by name. */
    Future<List<Worker>> all();

    /** Another worker has this name. */
    final class NameTaken extends RuntimeException {
        public NameTaken(String name) {
            super("a worker named '" + name + "' exists already", null, false, false);
        }
    }
}
