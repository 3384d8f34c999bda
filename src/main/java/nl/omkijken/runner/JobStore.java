package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scheduled jobs: claimed atomically with a lease and a fence, so each due job goes to one poller at a
 * time and only the latest claim can finish it. A conversation's follow-ups are written and removed by
 * the conversation's commit (fenced there too); other jobs through this port.
 */
public interface JobStore {
    /** Claims up to {@code max} jobs due at {@code now} (and those whose earlier claim's lease ran out). */
    Future<List<ClaimedJob>> claimDue(Instant now, int max, Duration lease);

    /** Schedules {@code job}, replacing one of the same kind and key (and voiding any claim of it). */
    Future<Void> schedule(Job job);

    /**
     * The job is done: removed, and {@code tasks} appended to the task stream, in one atomic step.
     * False (nothing written) when the claim is no longer the latest: another poller has the job.
     */
    Future<Boolean> complete(ClaimedJob job, List<Task> tasks);

    /**
     * What the job belongs to is gone (an expired conversation): the job is removed instead of coming
     * due again after every lease. False when the claim is no longer the latest or it was scheduled anew.
     */
    Future<Boolean> drop(ClaimedJob job);
}
