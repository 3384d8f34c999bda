package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Timers as data: due entries in a sorted set. A claim moves a due timer aside for {@code lease};
 * the turn that handles it removes it in its commit. If the instance dies first, the lease runs out
 * and the timer is due again, so a restart loses none and, because the commit removes it
 * atomically, none fires twice.
 */
public interface TimerStore {
    Future<List<DueTimer>> claimDue(Instant now, int max, Duration lease);

    /**
     * Drops a claimed timer whose conversation is gone, so it does not come due again after every
     * lease; false when it was scheduled again meanwhile (then it stays).
     */
    Future<Boolean> drop(DueTimer timer);
}
