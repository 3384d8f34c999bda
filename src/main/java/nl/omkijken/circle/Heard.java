package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Instant;

/** Whether a participant said anything to the Telefooncirkel (a text message, a call) at or after a moment. */
@FunctionalInterface
public interface Heard {
    /** Nobody is ever heard (a ladder without conversations to read, in tests). */
    Heard NOTHING = (p, since) -> Future.succeededFuture(false);

    Future<Boolean> since(Participant p, Instant since);
}
