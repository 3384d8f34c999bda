package nl.omkijken.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A period with its own weekly hours (the winter line): between {@code from} and {@code to}, both included. */
record Season(String name, LocalDate from, LocalDate to, Map<DayOfWeek, List<Span>> weekly) {
    boolean covers(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }
}
