package nl.omkijken.booking;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Example times for trying the booking in the sandbox, on the embedded default only (no provider channel, no Redis of
 * one's own): without them a newcomer's intake always ends with "the account holder calls". Added only to an empty
 * calendar: for every stadsdeel, 10:00 and 14:00 on the first two days that may be offered, with
 * "Voorbeeld-accounthouder" as the account holder, so whoever tries it sees they are examples.
 */
public final class ExampleTimes {
    static final String HOLDER = "Voorbeeld-accounthouder";
    static final String PLACE = "telefonisch";

    private ExampleTimes() {}

    /** How many were added (0 when the calendar has times already). */
    public static Future<Integer> addIfEmpty(Slots slots, BookingRules rules, List<String> districts, Clock clock) {
        return slots.version().compose(version -> {
            if (version > 0 || districts.isEmpty()) return Future.succeededFuture(0);
            List<Slot> made = times(rules, districts, clock);
            return slots.add(made).map(v -> made.size());
        });
    }

    static List<Slot> times(BookingRules rules, List<String> districts, Clock clock) {
        ZonedDateTime soonest = clock.instant().plus(rules.notice()).atZone(BookingRules.ZONE);
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = soonest.toLocalDate().plusDays(1);
        LocalDate last = clock.instant().plus(rules.horizon()).atZone(BookingRules.ZONE).toLocalDate();
        while (days.size() < 2 && !d.isAfter(last)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && rules.closedOn(d).isEmpty()) days.add(d);
            d = d.plusDays(1);
        }
        List<Slot> out = new ArrayList<>();
        int n = 0;
        for (String district : districts) {
            for (LocalDate day : days) {
                for (LocalTime at : List.of(LocalTime.of(10, 0), LocalTime.of(14, 0))) {
                    out.add(new Slot("voorbeeld-" + (++n), district, Slot.Kind.ACCOUNTHOUDER, ZonedDateTime.of(day, at, BookingRules.ZONE).toInstant(),
                            45, PLACE, HOLDER, null));
                }
            }
        }
        return out;
    }
}
