package nl.omkijken.testing;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.booking.BookingRulesReader;

/** A day the helpdesk can have talks on, whenever the tests run: a weekday a few days ahead, outside every closure. */
public final class OpenDay {
    private OpenDay() {}

    /** The first weekday at least three days from today (Dutch time) outside the project's closures and holidays. */
    public static LocalDate ahead() {
        BookingRules rules = BookingRulesReader.read(Path.of("dialogs"));
        LocalDate d = LocalDate.now(BookingRules.ZONE).plusDays(3);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || rules.closedOn(d).isPresent()) d = d.plusDays(1);
        return d;
    }
}
