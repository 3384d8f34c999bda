package nl.omkijken.channels.checkin;

import java.util.Objects;
import java.util.function.Function;
import nl.omkijken.people.Address;

/**
 * Where a phone number's conversations with the Telefooncirkel are on one phone channel: its text messages
 * (Twilio: SMS between their number and the line's; the sandbox: a web-chat conversation) and its calls. The
 * check-in's text, the contact person's question and the coordinator's task begin on the text address; what a
 * participant said in a call or a text (an absence) is read from both.
 *
 * @param textChannel the channel name the text conversations send on (the outbox's sender)
 * @param text        a number's text conversation, with where its replies go
 * @param call        a number's call conversation
 */
public record CheckInAddresses(String textChannel, Function<String, Address> text, Function<String, Address> call) {
    public CheckInAddresses {
        Objects.requireNonNull(textChannel, "text channel");
        Objects.requireNonNull(text, "text address");
        Objects.requireNonNull(call, "call address");
    }
}
