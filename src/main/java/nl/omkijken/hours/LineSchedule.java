package nl.omkijken.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One line's opening hours: the weekly hours, whether it closes on public holidays, dated exceptions (an
 * empty list: closed that day), and seasons with hours of their own. A day's hours: its exception if it
 * has one; else, on a public holiday of a line that closes then, none; else the hours of the season it
 * is in, or the weekly hours.
 */
record LineSchedule(Map<DayOfWeek, List<Span>> weekly, boolean closedOnHolidays, Map<LocalDate, List<Span>> exceptions,
                    List<Season> seasons) {
    List<Span> on(LocalDate date, DutchHolidays holidays) {
        List<Span> exception = exceptions.get(date);
        if (exception != null) return exception;
        if (closedOnHolidays && holidays.on(date).isPresent()) return List.of();
        for (Season s : seasons) {
            if (s.covers(date)) return s.weekly().getOrDefault(date.getDayOfWeek(), List.of());
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }
}
