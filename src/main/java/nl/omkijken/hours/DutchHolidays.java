package nl.omkijken.hours;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.net.URL;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dutch public holidays (jollyday, with Bevrijdingsdag in lustrum years only: our copy of its calendar,
 * Holidays_nl_omkijken.xml). Goede Vrijdag is an observance, not a day off. Computed once a year.
 */
public final class DutchHolidays {
    private static final Locale DUTCH = Locale.forLanguageTag("nl");
    private final HolidayManager manager;
    private final Map<Integer, Map<LocalDate, String>> years = new ConcurrentHashMap<>();

    public DutchHolidays() {
        URL calendar = DutchHolidays.class.getResource("Holidays_nl_omkijken.xml");
        if (calendar == null) throw new IllegalStateException("Holidays_nl_omkijken.xml is missing from the jar");
        this.manager = HolidayManager.getInstance(ManagerParameters.create(calendar));
    }

    /** The holiday's Dutch name on {@code date}, if it is a public holiday. */
    public Optional<String> on(LocalDate date) {
        return Optional.ofNullable(years.computeIfAbsent(date.getYear(), this::of).get(date));
    }

    private Map<LocalDate, String> of(int year) {
        Map<LocalDate, String> out = new java.util.TreeMap<>();
        for (Holiday h : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY)) {
            out.put(h.getDate(), h.getDescription(DUTCH));
        }
        return out;
    }
}
