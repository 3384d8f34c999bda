package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * What a periodic reconciliation job (re-reading a provider's records for messages whose webhook
 * never reached us) keeps between rounds and between instances: a lease, so only one instance runs
 * a round at a time, and per source a checkpoint that only moves forward.
 *
 * <p>{@code job} names the job (e.g. "twilio"), {@code owner} is a random token of one round,
 * {@code source} one thing the job reads (e.g. one of our numbers).
 */
public interface ReconcileStore {

    /** Takes the job's lease for {@code ttl} if nobody holds it; true when this owner got it. */
    Future<Boolean> acquire(String job, String owner, Duration ttl);

    /** Extends the lease to {@code ttl} from now; false when this owner no longer holds it. */
    Future<Boolean> renew(String job, String owner, Duration ttl);

    /** Gives the lease back if this owner still holds it. */
    Future<Void> release(String job, String owner);

    /** Where the last complete round of {@code source} ended, or null when none did. */
    Future<Instant> checkpoint(String job, String source);

    /**
     * Moves the checkpoint of {@code source} to {@code to}, only forward and only while {@code owner}
     * holds the lease; false when the lease was lost (nothing is written then).
     */
    Future<Boolean> advance(String job, String owner, String source, Instant to);
}
