package nl.omkijken.circle;

import java.time.Duration;

/**
 * How long each step of the escalation ladder waits before the next, when a participant is not reached: the
 * day's calls ({@code tries}, {@code retryAfter} apart), then a text message ({@code textWait} for an answer),
 * then the contact person and the key holder ({@code contactWait} each for an answer; one who goes to look has
 * {@code lookWait} more to say how it is), then the coordinator.
 */
public record Ladder(int tries, Duration retryAfter, Duration textWait, Duration contactWait, Duration lookWait) {
    /** A quarter of an hour between calls, half an hour for the text and each contact, 45 minutes to go and look. */
    public static final Ladder DEFAULT = new Ladder(3, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(45));

    public Ladder {
        if (tries < 1 || tries > 5) throw new IllegalArgumentException("tries must be 1 to 5, was " + tries);
        for (Duration d : new Duration[] {retryAfter, textWait, contactWait, lookWait}) {
            if (d == null || d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofHours(4)) > 0) {
                throw new IllegalArgumentException("each wait must be 1 minute to 4 hours, was " + d);
            }
        }
    }
}
