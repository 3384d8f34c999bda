package nl.omkijken.circle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A stretch of days a participant is not called, set by staff (on holiday, in hospital, staying with family):
 * from and until are both included. The calls pause without an alarm and resume by themselves after it.
 *
 * @param by the worker who set it (their name, for the console)
 */
public record Absence(LocalDate from, LocalDate until, String by, Instant at) {
    public Absence {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) throw new IllegalArgumentException("an absence ends on or after its first day");
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }
}
