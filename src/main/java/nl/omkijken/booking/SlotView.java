package nl.omkijken.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Appointments;

/**
 * The slots and standing bookings at one moment, and what the engine asks of them: the free times a stadsdeel offers
 * (by the rules of dialogs/bookings.yaml), a slot still to be had, a conversation's talk to come, the reminder's time.
 * Immutable; {@link SlotBoard} keeps the latest.
 *
 * @param slots    by start
 * @param standing conversation id to the slot its standing booking holds
 */
public record SlotView(BookingRules rules, List<Slot> slots, Map<String, Slot> standing, InviteLinks links) implements Appointments {
    public SlotView {
        slots = List.copyOf(slots);
        standing = Map.copyOf(standing);
    }

    /** The view of these slots, with each conversation's standing booking found among them. */
    public static SlotView of(BookingRules rules, List<Slot> slots, Map<String, String> standingBookings, InviteLinks links) {
        Map<String, Slot> byBooking = new HashMap<>();
        for (Slot s : slots) if (!s.free()) byBooking.put(s.bookingId(), s);
        Map<String, Slot> held = new HashMap<>();
        standingBookings.forEach((conversation, booking) -> {
            Slot s = byBooking.get(booking);
            if (s != null) held.put(conversation, s);
        });
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(java.util.Comparator.comparing(Slot::start).thenComparing(Slot::id));
        return new SlotView(rules, sorted, held, links);
    }

    @Override
    public List<Offer> free(String district, Instant now, String language, Set<String> leaveOut) {
        if (district == null || district.isBlank()) return List.of();
        List<Offer> out = new ArrayList<>();
        for (Slot s : slots) {
            if (out.size() >= rules.offer()) break;
            if (leaveOut.contains(s.id()) || !s.district().equalsIgnoreCase(district.strip()) || !offerable(s, now)) continue;
            out.add(offer(s, now, language));
        }
        return out;
    }

    @Override
    public Offer find(String slotId, String conversationId, Instant now, String language) {
        Slot mine = standing.get(conversationId);
        if (mine != null && mine.id().equals(slotId)) return offer(mine, now, language);
        for (Slot s : slots) {
            // Offered a moment ago: within the notice now is no reason to refuse it; past, closed or taken is.
            if (s.id().equals(slotId)) {
                boolean open = s.free() && s.start().isAfter(now) && rules.closedOn(s.start().atZone(BookingRules.ZONE).toLocalDate()).isEmpty();
                return open ? offer(s, now, language) : null;
            }
        }
        return null;
    }

    @Override
    public Instant reminderAt(String slotId, Instant now) {
        for (Slot s : slots) {
            if (!s.id().equals(slotId)) continue;
            Instant at = s.start().atZone(BookingRules.ZONE).toLocalDate().minusDays(1).atTime(rules.reminderAt())
                    .atZone(BookingRules.ZONE).toInstant();
            return at.isAfter(now) ? at : null;
        }
        return null;
    }

    @Override
    public String invite(String conversationId, String slotId) {
        return links.of(conversationId, slotId);
    }

    @Override
    public Held heldBy(String conversationId, Instant now, String language) {
        Slot s = standing.get(conversationId);
        if (s == null || !s.end().isAfter(now)) return null;
        return new Held(s.bookingId(), s.id(), SlotLabel.of(s, now, language), s.district());
    }

    /** Free, within notice and horizon, not in a closure. */
    private boolean offerable(Slot s, Instant now) {
        if (!s.free() || s.start().isBefore(now.plus(rules.notice())) || s.start().isAfter(now.plus(rules.horizon()))) return false;
        return rules.closedOn(s.start().atZone(BookingRules.ZONE).toLocalDate()).isEmpty();
    }

    private static Offer offer(Slot s, Instant now, String language) {
        return new Offer(s.id(), SlotLabel.of(s, now, language), SlotLabel.shortly(s.start(), language)
                + (s.kind() == Slot.Kind.POPUP ? " Pop-up" : s.holder().isBlank() ? "" : " " + s.holder()));
    }
}
