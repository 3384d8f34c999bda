package nl.omkijken.console;

import java.util.List;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.booking.SlotBoard;
import nl.omkijken.booking.Slots;

/**
 * What the console needs of the helpdesk: its times and bookings (the Afspraken page), this instance's view of them
 * (brought up to date after a change), the rules they are offered by, the stadsdelen (dialogs/routing.yaml), and a
 * knowledge article's title by its id (the articles a person was given, in a booking's intake and a conversation).
 */
public record HelpdeskPorts(Slots slots, SlotBoard board, nl.omkijken.booking.InviteMails mails, BookingRules rules, List<String> districts,
                            nl.omkijken.knowledge.KnowledgeBase knowledge) {
    public HelpdeskPorts {
        districts = List.copyOf(districts);
    }

    /** An article's Dutch title by its id, or null when there is no such article (any more). */
    public String articleTitle(String id) {
        nl.omkijken.knowledge.Article a = knowledge.byId(id);
        return a == null ? null : a.title().get("nl");
    }
}
