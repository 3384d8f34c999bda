package nl.omkijken.circle;

import io.vertx.core.Future;

/**
 * Asks a participant's contact person or key holder to go and look when the day's calls and text message did
 * not reach the participant, and reads what they answered. Implemented by the SMS channel (their answer is a
 * conversation of its own, whose dialog records it).
 */
public interface ContactAlert {
    /** What a contact person or key holder answered, as far as it is known now. */
    enum Answer {
        /** Nothing yet. */
        NONE,
        /** They go and look. */
        GOING,
        /** All is well with the participant (they know, or they looked). */
        SAFE,
        /** They cannot go. */
        CANNOT,
        /** They looked and the participant needs help. */
        NEEDS_HELP
    }

    /** How a contact person was asked. */
    enum Asked {
        /** By text message (a mobile number). */
        SMS,
        /** By a phone call ("toets 1 als u gaat kijken"): a landline. */
        CALL,
        /** The question could not go out (they once said STOP, or a person has their conversation with us). */
        NOT
    }

    /** Asks them, by text message or, on a landline, by a phone call; NOT: the ladder goes on without waiting for them. */
    Future<Asked> ask(Participant participant, Participant.Person who);

    /**
     * Their answer to the last question asked about {@code participant}, NONE while there is none: only what they
     * wrote at or after {@code since} (when they were asked), so an answer of another day is never read as today's,
     * and none while their last question is about someone else (a neighbour who is key holder for two).
     */
    Future<Answer> answer(Participant participant, Participant.Person who, java.time.Instant since);
}
