package nl.omkijken.booking;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What decides which free times the bot offers for a talk with an account holder or at the Pop-up Helpdesk
 * (dialogs/bookings.yaml): not sooner than {@code notice} (the account holder reads the intake first), not later than
 * {@code horizon}, {@code offer} at a time, never in a closure (the summer closure, December), and the reminder the day
 * before at {@code reminderAt}.
 */
public record BookingRules(Duration notice, Duration horizon, int offer, LocalTime reminderAt, List<Closure> closures, Mails mails) {
    /** The helpdesk works in Dutch time; slots are entered and said in it. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** Without a file: a day's notice, six weeks ahead, three times, the reminder at 10:00, no closures. */
    public static final BookingRules DEFAULT = new BookingRules(Duration.ofHours(24), Duration.ofDays(42), 3,
            LocalTime.of(10, 0), List.of(), null);

    /**
     * The e-mails that carry the calendar invite (with SMTP_HOST), in Dutch and English: when a talk is booked, and when
     * it is cancelled (also when it moved: its invite is then the new talk's). {name} and {when} are filled in.
     */
    public record Mails(Text booked, Text cancelled) {}

    /** A subject and a body per language (nl, en). */
    public record Text(java.util.Map<String, String> subject, java.util.Map<String, String> body) {
        public String subject(String language, String name, String when) {
            return fill(subject.getOrDefault(language, subject.get("nl")), name, when);
        }

        public String body(String language, String name, String when) {
            return fill(body.getOrDefault(language, body.get("nl")), name, when);
        }

        private static String fill(String text, String name, String when) {
            return text.replace("{name}", name).replace("{when}", when);
        }
    }

    public BookingRules {
        closures = List.copyOf(closures);
    }

    /**
     * A closure every year, from and to included; it may run over the new year (12-20 to 01-05).
     *
     * @param why what staff see when they try to add a time in it
     */
    public record Closure(MonthDay from, MonthDay to, String why) {
        public boolean covers(LocalDate day) {
            MonthDay d = MonthDay.from(day);
            return from.isAfter(to) ? !d.isBefore(from) || !d.isAfter(to) : !d.isBefore(from) && !d.isAfter(to);
        }
    }

    /** Public holidays: the helpdesk is closed, so no talks (computed once a year). */
    private static final nl.omkijken.hours.DutchHolidays HOLIDAYS = new nl.omkijken.hours.DutchHolidays();

    /** The closure that day falls in (a public holiday is one, by its name), if any. */
    public Optional<Closure> closedOn(LocalDate day) {
        Optional<Closure> closed = closures.stream().filter(c -> c.covers(day)).findFirst();
        if (closed.isPresent()) return closed;
        MonthDay d = MonthDay.from(day);
        return HOLIDAYS.on(day).map(name -> new Closure(d, d, name));
    }
}
