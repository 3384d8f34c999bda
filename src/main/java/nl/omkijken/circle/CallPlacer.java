package nl.omkijken.circle;

import io.vertx.core.Future;

/**
 * Places a participant's daily check-in call (Twilio's Calls API): the call, when answered, comes back to the
 * voice webhook with the participant's id, and its progress to the status callback. Implemented by the
 * phone channel.
 */
public interface CallPlacer {
    /** The provider refused the call for good (an invalid or blocked number): trying again cannot help. */
    final class Refused extends RuntimeException {
        public Refused(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Asks for the call; the future holds the provider's call id.
     *
     * @param attempt which try of the day (1: the planned call), carried back in the call's status
     */
    Future<String> place(Participant participant, int attempt);
}
