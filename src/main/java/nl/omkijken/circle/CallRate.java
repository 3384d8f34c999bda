package nl.omkijken.circle;

import io.vertx.core.Future;

/**
 * The Twilio account's calls-per-second limit, kept by every instance together: before a call is placed, a slot
 * in some second is taken (this one, or the first one with room), and the call waits for it. Planned calls are
 * spread by {@link CallPlan} already; this also holds for retries, replans and several instances at once.
 */
public interface CallRate {
    /** Calls a second the account allows. */
    int perSecond();

    /** Completes when this call may be placed: in a second that has room for it. */
    Future<Void> take();
}
