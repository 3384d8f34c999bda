package nl.omkijken.dialog;

import java.util.List;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.routing.Routing;

/**
 * What {@link DialogLoader#load} found: the dialogs and how each line's waiting conversations reach its
 * workers, or every error.
 *
 * @param dialogSet the loaded dialogs; null when there is any error
 * @param routing   routing.yaml as read; none when there is no such file (and null when there is any error)
 * @param ladders   circles.yaml as read (the Telefooncirkel's escalation ladders); the default without the file
 * @param knowledge the helpdesk's knowledge base (knowledge/*.md), checked; empty without the folder
 * @param bookings  bookings.yaml as read (which free times the helpdesk offers); the default without the file
 * @param errors    every problem found, in file order; empty when the folder is valid
 */
public record LoadResult(DialogSet dialogSet, Routing routing, nl.omkijken.circle.Ladders ladders,
                         nl.omkijken.knowledge.KnowledgeBase knowledge, nl.omkijken.booking.BookingRules bookings,
                         List<DialogError> errors) {
    public LoadResult {
        errors = List.copyOf(errors);
    }

    /** Errors only. */
    LoadResult(List<DialogError> errors) {
        this(null, null, null, null, null, errors);
    }

    public boolean ok() { return errors.isEmpty(); }
}
