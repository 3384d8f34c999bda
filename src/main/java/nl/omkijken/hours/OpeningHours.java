package nl.omkijken.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.omkijken.runner.LineHours;

/**
 * The opening hours of every line (dialogs/hours.yaml) in Europe/Amsterdam, daylight saving included: is
 * a line open at an instant, when does it open next, and what to tell a person about it. A line that is
 * not in the file is open at all hours.
 */
public final class OpeningHours implements LineHours {
    public static final ZoneId ZONE = nl.omkijken.runner.DutchTime.ZONE;
    /** How far ahead the next opening is looked for; a line closed longer than that says so. */
    static final int LOOK_AHEAD_DAYS = 400;

    private final Map<String, LineSchedule> lines;
    private final DutchHolidays holidays;

    OpeningHours(Map<String, LineSchedule> lines, DutchHolidays holidays) {
        this.lines = Map.copyOf(lines);
        this.holidays = holidays;
    }

    /** Whether {@code line} has opening hours at all (else it is always open). */
    public boolean scheduled(String line) {
        return lines.containsKey(line);
    }

    public boolean isOpen(String line, Instant at) {
        LineSchedule s = lines.get(line);
        if (s == null) return true;
        ZonedDateTime local = at.atZone(ZONE);
        for (Span span : s.on(local.toLocalDate(), holidays)) if (span.contains(local.toLocalTime())) return true;
        return false;
    }

    /** When {@code line} opens next after {@code at}; empty when always open or closed for the whole look-ahead. */
    public Optional<ZonedDateTime> nextOpening(String line, Instant at) {
        LineSchedule s = lines.get(line);
        if (s == null) return Optional.empty();
        ZonedDateTime now = at.atZone(ZONE);
        for (int d = 0; d <= LOOK_AHEAD_DAYS; d++) {
            LocalDate date = now.toLocalDate().plusDays(d);
            for (Span span : s.on(date, holidays)) {
                // A start inside a daylight-saving gap moves to the first valid time, as ZonedDateTime does.
                ZonedDateTime start = ZonedDateTime.of(date, span.start(), ZONE);
                if (start.isAfter(now)) return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    /** The hours of each of {@code days} days from {@code from}: for the coordinators' preview. */
    public List<Day> preview(String line, LocalDate from, int days) {
        LineSchedule s = lines.get(line);
        List<Day> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate d = from.plusDays(i);
            List<String> spans = s == null ? List.of("00:00-24:00") : s.on(d, holidays).stream().map(Span::toString).toList();
            out.add(new Day(d, spans, holidays.on(d).orElse(null)));
        }
        return out;
    }

    /** One day of a preview: its hours ("09:00-17:00"; none: closed) and the public holiday, if any. */
    public record Day(LocalDate date, List<String> hours, String holiday) {}

    @Override
    public Map<String, String> facts(String line, Instant at, String language) {
        if (line == null || !scheduled(line)) return Map.of();
        if (isOpen(line, at)) return Map.of("line_open", "true");
        String when = nextOpening(line, at).map(next -> describe(next, at.atZone(ZONE), language))
                .orElse("en".equals(language) ? "at a time not yet planned" : "op een moment dat nog niet bekend is");
        return Map.of("line_open", "false", "opens_at", when);
    }

    /** "vandaag om 18:00", "morgen om 09:00", "maandag 8 december om 09:00" (or in English). */
    static String describe(ZonedDateTime next, ZonedDateTime now, String language) {
        return nl.omkijken.engine.SpokenTime.describe(next, now, language);
    }

    static DayOfWeek day(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "monday", "maandag" -> DayOfWeek.MONDAY;
            case "tuesday", "dinsdag" -> DayOfWeek.TUESDAY;
            case "wednesday", "woensdag" -> DayOfWeek.WEDNESDAY;
            case "thursday", "donderdag" -> DayOfWeek.THURSDAY;
            case "friday", "vrijdag" -> DayOfWeek.FRIDAY;
            case "saturday", "zaterdag" -> DayOfWeek.SATURDAY;
            case "sunday", "zondag" -> DayOfWeek.SUNDAY;
            default -> null;
        };
    }
}
