package nl.omkijken.circle;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import nl.omkijken.people.Address;

/**
 * How the ladder reaches people: the daily call, the text message, the contact person or key holder, the
 * coordinator; and where a participant's own conversations are (by text and by phone), to read what they said
 * there (an absence). The phone channel provides them all: Twilio Voice, or the sandbox's phone simulator.
 *
 * @param spokenAt a participant's number's conversations on the channel (their calls, their texts)
 * @param heard    whether a participant wrote or called since a moment (a chain member's confirmation)
 */
public record CheckInChannels(CallPlacer calls, TextCheckIn text, ContactAlert contacts, CoordinatorAlert coordinator,
                              Function<String, List<Address>> spokenAt, Heard heard) {
    public CheckInChannels {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(spokenAt, "spoken at");
        Objects.requireNonNull(heard, "heard");
    }

    /** Without conversations to read (tests of the ladder alone). */
    public CheckInChannels(CallPlacer calls, TextCheckIn text, ContactAlert contacts, CoordinatorAlert coordinator) {
        this(calls, text, contacts, coordinator, phone -> List.of(), Heard.NOTHING);
    }
}
