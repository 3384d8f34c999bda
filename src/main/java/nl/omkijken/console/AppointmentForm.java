package nl.omkijken.console;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.booking.Slot;

/**
 * Free times as the console's form sends them, checked with a reason per field (Dutch, as the console speaks): the
 * stadsdeel; an account holder's hours or a Pop-up Helpdesk's day; the date (today or later, never in a closure of
 * dialogs/bookings.yaml, within a year); from and to (07:00 to 22:00); minutes per talk (15 to 120); where (a Pop-up
 * Helpdesk needs its place) and with whom (an account holder's hours need a name). The span becomes one slot per talk;
 * none may overlap a time of the same stadsdeel and person already there.
 */
final class AppointmentForm {
    static final int MAX_PLACE = 80;
    static final int MAX_HOLDER = 40;
    static final int MAX_SLOTS = 40;

    private AppointmentForm() {}

    static List<Slot> read(JsonObject b, List<String> districts, BookingRules rules, List<Slot> existing, Instant now,
                           java.util.function.Supplier<String> ids, Map<String, String> errors) {
        String district = b.getValue("district") instanceof String s ? s.strip() : "";
        String known = districts.stream().filter(d -> d.equalsIgnoreCase(district)).findFirst().orElse(null);
        if (known == null) errors.put("district", "Kies het stadsdeel.");
        Slot.Kind kind = "popup".equals(b.getValue("kind")) ? Slot.Kind.POPUP : "accounthouder".equals(b.getValue("kind"))
                ? Slot.Kind.ACCOUNTHOUDER : null;
        if (kind == null) errors.put("kind", "Kies: spreekuur van de accounthouder of Pop-up Helpdesk.");
        LocalDate date = null;
        try {
            date = b.getValue("date") instanceof String s ? LocalDate.parse(s.strip()) : null;
        } catch (DateTimeException e) {
            date = null;
        }
        LocalDate today = LocalDate.ofInstant(now, BookingRules.ZONE);
        if (date == null) errors.put("date", "Kies een datum.");
        else if (date.isBefore(today)) errors.put("date", "Die datum is al voorbij.");
        else if (date.isAfter(today.plusYears(1))) errors.put("date", "Hoogstens een jaar vooruit.");
        else rules.closedOn(date).ifPresent(c -> errors.put("date", "Dan zijn er geen afspraken (" + c.why() + ")."));
        LocalTime from = ParticipantForm.time(b, "from", errors);
        LocalTime to = ParticipantForm.time(b, "to", errors);
        if (from != null && (from.isBefore(LocalTime.of(7, 0)) || from.isAfter(LocalTime.of(22, 0)))) errors.put("from", "Tussen 07:00 en 22:00.");
        if (to != null && (to.isBefore(LocalTime.of(7, 0)) || to.isAfter(LocalTime.of(22, 0)))) errors.put("to", "Tussen 07:00 en 22:00.");
        Object m = b.getValue("minutes");
        int minutes = 0;
        if (!(m instanceof Integer || m instanceof Long) || ((Number) m).longValue() < 15 || ((Number) m).longValue() > 120) {
            errors.put("minutes", "Een heel aantal minuten per gesprek, van 15 tot 120.");
        } else {
            minutes = ((Number) m).intValue();
        }
        String place = b.getValue("place") instanceof String s ? s.strip() : "";
        String holder = b.getValue("holder") instanceof String s ? s.strip() : "";
        // | separates the buttons the assistant keeps; < and > have no place in a name or an address.
        if (place.length() > MAX_PLACE) errors.put("place", "Hoogstens " + MAX_PLACE + " tekens.");
        else if (place.matches(".*[|<>\\p{Cntrl}].*")) errors.put("place", "Zonder de tekens | < en >.");
        else if (kind == Slot.Kind.POPUP && place.isEmpty()) errors.put("place", "Waar is de Pop-up Helpdesk? Bijvoorbeeld: Buurthuis De Kleine Prins.");
        if (holder.length() > MAX_HOLDER) errors.put("holder", "Hoogstens " + MAX_HOLDER + " tekens.");
        else if (holder.matches(".*[|<>\\p{Cntrl}].*")) errors.put("holder", "Zonder de tekens | < en >.");
        else if (kind == Slot.Kind.ACCOUNTHOUDER && holder.isEmpty()) errors.put("holder", "Met wie is het gesprek? De voornaam is genoeg.");
        if (!errors.isEmpty()) return List.of();
        if (!to.isAfter(from) || from.plusMinutes(minutes).isAfter(to)) {
            errors.put("to", "Tot moet minstens één gesprek na van liggen.");
            return List.of();
        }
        List<Slot> out = new ArrayList<>();
        for (LocalTime t = from; !t.plusMinutes(minutes).isAfter(to) && out.size() <= MAX_SLOTS; t = t.plusMinutes(minutes)) {
            Instant start = ZonedDateTime.of(date, t, BookingRules.ZONE).toInstant();
            if (start.isAfter(now)) out.add(new Slot(ids.get(), known, kind, start, minutes, place, holder, null));
            if (t.plusMinutes(minutes).isBefore(t)) break; // past midnight
        }
        if (out.isEmpty()) {
            errors.put("from", "Die tijden zijn al voorbij.");
        } else if (out.size() > MAX_SLOTS) {
            errors.put("to", "Hoogstens " + MAX_SLOTS + " gesprekken tegelijk; maak de tijd korter.");
        } else {
            for (Slot s : out) {
                for (Slot e : existing) {
                    // One person is in one place at a time; a Pop-up Helpdesk has one table at its place.
                    boolean same = e.district().equalsIgnoreCase(s.district()) && (!s.holder().isEmpty()
                            ? e.holder().equalsIgnoreCase(s.holder())
                            : e.kind() == Slot.Kind.POPUP && s.kind() == Slot.Kind.POPUP && e.place().equalsIgnoreCase(s.place()));
                    if (same && s.start().isBefore(e.end()) && e.start().isBefore(s.end())) {
                        errors.put("from", "Er staat al een tijd om " + e.start().atZone(BookingRules.ZONE).toLocalTime()
                                + " die hiermee overlapt.");
                        return List.of();
                    }
                }
            }
        }
        return errors.isEmpty() ? out : List.of();
    }
}
