package nl.omkijken.circle;

import io.vertx.core.Future;

/**
 * The check-in as text messages, for a participant the daily call did not reach: the check-in's question by
 * SMS on the participant's own text conversation, whose silence ladder (asked again, then the coordinator)
 * and answers are those of the text check-in. Implemented by the SMS channel.
 */
public interface TextCheckIn {
    Future<Void> send(Participant participant);
}
