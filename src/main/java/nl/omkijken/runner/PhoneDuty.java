package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Workers who take calls on their own phone (a volunteer at home): who is available by phone, on which number, and
 * who is on a call now. The service dials a worker only while they are available and not on a call; being available
 * lapses by itself after {@link #AVAILABLE_FOR}, so nobody is rung after they forgot to switch it off.
 */
public interface PhoneDuty {
    /** How long "available by phone" holds without being set again. */
    Duration AVAILABLE_FOR = Duration.ofHours(12);
    /** How long a call keeps a worker marked busy when its end is never reported. */
    Duration CALL_AT_MOST = Duration.ofHours(2);

    /** A worker available by phone: their number (E.164) and since when. */
    record Duty(String workerId, String phone, Instant since) {
        /** No number in a log line. */
        @Override
        public String toString() {
            return "Duty[" + workerId + ", since " + since + "]";
        }
    }

    Future<Void> available(String workerId, String phone, Instant now);

    Future<Void> unavailable(String workerId);

    /** The worker's duty, or null when they are not available by phone. */
    Future<Duty> of(String workerId);

    /** Marks the worker on a call (ringing); false when they already are (nobody is rung twice at once). */
    Future<Boolean> startCall(String workerId);

    /** The call placed to the worker has this provider id: only its own end frees them. */
    Future<Void> callPlaced(String workerId, String callId);

    /** The worker's call {@code callId} ended (or was never answered); a report of another call changes nothing. */
    Future<Void> endCall(String workerId, String callId);

    /** No call was placed after all (the provider refused it): the worker is free again. */
    Future<Void> noCall(String workerId);

    /** Whether the worker is on a call now. */
    Future<Boolean> onCall(String workerId);
}
