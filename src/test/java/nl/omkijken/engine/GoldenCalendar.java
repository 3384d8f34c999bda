package nl.omkijken.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.booking.BookingRulesReader;
import nl.omkijken.booking.Slot;
import nl.omkijken.booking.SlotView;

/**
 * A golden conversation's bookable times, playing the runner's part: a time the conversation chooses is booked for it,
 * a cancelled talk frees its time, and a time marked {@code taken: "true"} is booked by someone else just before it is
 * chosen (the runner then decides the turn again knowing it). The offers themselves come from the real {@link SlotView}
 * with the project's dialogs/bookings.yaml.
 */
final class GoldenCalendar {
    private static final String CONVERSATION = "golden";
    private final BookingRules rules = BookingRulesReader.read(java.nio.file.Path.of("dialogs"));
    private final List<Slot> slots = new ArrayList<>();
    private final Set<String> takenWhenChosen = new java.util.HashSet<>();
    private final Map<String, String> standing = new HashMap<>();

    private final boolean links;

    /** @param links whether the service has a public address for calendar invites */
    GoldenCalendar(List<Map<String, String>> times, boolean links) {
        this.links = links;
        for (Map<String, String> t : times) {
            Slot.Kind kind = "popup".equals(t.get("kind")) ? Slot.Kind.POPUP : Slot.Kind.ACCOUNTHOUDER;
            Instant start = LocalDateTime.parse(t.get("start")).atZone(BookingRules.ZONE).toInstant();
            slots.add(new Slot(t.get("id"), t.get("district"), kind, start, 45, t.get("place"), t.get("holder"), null));
            if ("true".equals(t.get("taken"))) takenWhenChosen.add(t.get("id"));
        }
    }

    /** Invites on an example address, as a service with PUBLIC_BASE_URL gives them. */
    private static final nl.omkijken.booking.InviteLinks LINKS = new nl.omkijken.booking.InviteLinks(
            new nl.omkijken.booking.BookingIds("golden-booking-key-0123456789".getBytes()), "https://omkijken.example.nl");

    Appointments view() {
        return SlotView.of(rules, slots, standing, links ? LINKS : nl.omkijken.booking.InviteLinks.NONE);
    }

    /** Books a chosen time for the conversation; false when someone else just took it (it is theirs from now on). */
    boolean book(String slotId) {
        if (takenWhenChosen.remove(slotId)) {
            hold(slotId, "someone-else");
            return false;
        }
        String old = standing.get(CONVERSATION);
        if (old != null) release(old);
        hold(slotId, "golden-" + slotId);
        standing.put(CONVERSATION, "golden-" + slotId);
        return true;
    }

    void cancel(String bookingId) {
        release(bookingId);
        standing.remove(CONVERSATION, bookingId);
    }

    private void hold(String slotId, String bookingId) {
        slots.replaceAll(s -> s.id().equals(slotId) ? new Slot(s.id(), s.district(), s.kind(), s.start(), s.minutes(), s.place(), s.holder(), bookingId) : s);
    }

    private void release(String bookingId) {
        slots.replaceAll(s -> bookingId.equals(s.bookingId()) ? new Slot(s.id(), s.district(), s.kind(), s.start(), s.minutes(), s.place(), s.holder(), null) : s);
    }
}
