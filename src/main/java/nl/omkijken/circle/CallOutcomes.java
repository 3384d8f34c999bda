package nl.omkijken.circle;

import io.vertx.core.Future;

/** What the phone learns of a daily call that did not reach its participant: the next step of the ladder. */
public interface CallOutcomes {
    /**
     * @param attempt which try of the day this call was (1 for the planned call)
     * @param why     Twilio's status (no-answer, busy, failed) or "machine"
     */
    Future<Void> notReached(String participantId, int attempt, String why);

    /** A person answered the day's call (no check of it goes on with the ladder); true the first time. */
    Future<Boolean> reached(String participantId);
}
