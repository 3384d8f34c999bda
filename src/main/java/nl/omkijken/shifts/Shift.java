package nl.omkijken.shifts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A planned shift: a worker on duty for a line from {@code start} to {@code end}.
 */
public record Shift(String id, String workerId, String line, Instant start, Instant end) {
    /** A longer stretch is a mistake (a wrong date), not a shift. */
    public static final Duration MAX_LENGTH = Duration.ofHours(16);

    public Shift {
        Objects.requireNonNull(id, "shift id");
        Objects.requireNonNull(workerId, "worker");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) throw new IllegalArgumentException("a shift ends after it starts");
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) throw new IllegalArgumentException("a shift is at most 16 hours");
    }

    /** On duty at {@code at}: from its start (included) to its end (not included). */
    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
