package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * The check-in as a text message, for a participant the day's calls did not reach: one question by SMS on the
 * participant's own text conversation ("we called you today ...; answer 1 if all is well"), whose answers are
 * those of the check-in. Its silence is the ladder's to follow (the contact person, the coordinator), not the
 * dialog's. Implemented by the SMS channel.
 */
public interface TextCheckIn {
    /**
     * Sends the question; true when it went out, false when it could not (they once said STOP, or a person has
     * their conversation): the ladder goes on at once.
     */
    Future<Boolean> send(Participant participant);

    /** Whether the participant wrote anything on that conversation since {@code since}: a sign of life. */
    Future<Boolean> answeredSince(Participant participant, Instant since);
}
