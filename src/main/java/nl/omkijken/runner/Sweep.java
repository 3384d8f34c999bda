package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Periodic removal of what is kept only for a while (old events, dead letters past retention): one small
 * interface for such work, run by {@link Sweeps}.
 */
public interface Sweep {
    /** For logs. */
    String name();

    /** Removes what is due for removal at {@code now}; how many went. */
    Future<Long> run(Instant now);
}
