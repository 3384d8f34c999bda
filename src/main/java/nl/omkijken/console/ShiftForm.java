package nl.omkijken.console;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.shifts.Shift;

/**
 * The console's shift form, checked field by field: who (an active worker who serves the line), which
 * line, which day and from when to when, in Dutch time (Europe/Amsterdam). A shift that ends at or
 * before its start time ends the next day (22:00-02:00); 24:00 is midnight. A time that does not exist
 * on that day (the hour skipped when summer time starts) is refused; one that exists twice (the hour
 * repeated in autumn) is its first.
 */
final class ShiftForm {
    static final ZoneId ZONE = nl.omkijken.runner.DutchTime.ZONE;
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");
    /** Shifts are planned at most this far ahead. */
    static final java.time.Period AHEAD = java.time.Period.ofYears(1);

    private ShiftForm() {}

    /**
     * @param worker the worker the form names, or null when there is none
     * @return the shift, or null with the problems in {@code errors}
     */
    static Shift read(JsonObject body, String id, Worker worker, Collection<String> lines, Instant now, Map<String, String> errors) {
        String line = body.getValue("line") instanceof String l && lines.contains(l) ? l : null;
        if (line == null) errors.put("line", "Kies een lijn.");
        if (worker == null) errors.put("worker", "Kies een medewerker.");
        else if (!worker.active()) errors.put("worker", worker.name() + " staat uit; zet het account eerst aan.");
        else if (line != null && !worker.servesAnyOf(line)) errors.put("worker", worker.name() + " bedient de " + line + " niet.");
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LocalDate date = null;
        try {
            date = body.getValue("date") instanceof String d ? LocalDate.parse(d.strip()) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) errors.put("date", "Kies een dag (jjjj-mm-dd).");
        else if (date.isBefore(today)) errors.put("date", "Die dag is voorbij.");
        else if (date.isAfter(today.plus(AHEAD))) errors.put("date", "Hoogstens een jaar vooruit.");
        LocalTime from = time(body, "from", false, errors);
        LocalTime to = time(body, "to", true, errors);
        if (!errors.isEmpty()) return null;
        LocalDateTime startLocal = date.atTime(from);
        boolean untilMidnight = to == null;
        LocalDateTime endLocal = untilMidnight ? date.plusDays(1).atStartOfDay()
                : !to.isAfter(from) ? date.plusDays(1).atTime(to) : date.atTime(to);
        if (ZONE.getRules().getValidOffsets(startLocal).isEmpty()) {
            errors.put("from", startLocal.toLocalTime() + " bestaat niet op " + date + ": de klok gaat dan een uur vooruit.");
        }
        if (ZONE.getRules().getValidOffsets(endLocal).isEmpty()) {
            errors.put("to", endLocal.toLocalTime() + " bestaat niet op " + endLocal.toLocalDate() + ": de klok gaat dan een uur vooruit.");
        }
        if (!errors.isEmpty()) return null;
        Instant start = ZonedDateTime.ofLocal(startLocal, ZONE, null).toInstant();
        Instant end = ZonedDateTime.ofLocal(endLocal, ZONE, null).toInstant();
        if (Duration.between(start, end).compareTo(Shift.MAX_LENGTH) > 0) {
            errors.put("to", "Een dienst duurt hoogstens 16 uur.");
            return null;
        }
        if (!end.isAfter(now)) {
            errors.put("to", "Die dienst is al voorbij.");
            return null;
        }
        return new Shift(id, worker.id(), line, start, end);
    }

    /** HH:mm; 24:00 only for the end (as null: midnight). */
    private static LocalTime time(JsonObject body, String field, boolean end, Map<String, String> errors) {
        String text = body.getValue(field) instanceof String t ? t.strip() : "";
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            errors.put(field, "Schrijf een tijd als 09:00" + (end ? " (24:00 voor middernacht)." : "."));
            return LocalTime.MIDNIGHT;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24) {
            if (end && min == 0) return null;
            errors.put(field, end ? "Na 24:00 bestaat niet; een dienst tot na middernacht: bijvoorbeeld 22:00 tot 02:00." : "Begin uiterlijk om 23:59.");
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(h, min);
    }
}
