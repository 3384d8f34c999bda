package nl.omkijken.circle;

import io.vertx.core.Future;
import java.util.List;

/** The Telefooncirkel's participants as stored: kept until a coordinator removes them (then gone at once). */
public interface Participants {
    /** The line whose participants these are. */
    String LINE = "telefooncirkel";

    Future<List<Participant>> all();

    /** Null when there is none with this id. */
    Future<Participant> byId(String id);

    /**
     * Saves a new or changed participant. Fails with {@link PhoneTaken} when another participant has the same
     * number: one daily call per number.
     */
    Future<Void> save(Participant p);

    /** True when there was one to remove. */
    Future<Boolean> remove(String id);

    /** Another participant has this number already. */
    final class PhoneTaken extends RuntimeException {
        public final String otherId;

        public PhoneTaken(String otherId) {
            super("another participant has this number", null, false, false);
            this.otherId = otherId;
        }
    }
}
