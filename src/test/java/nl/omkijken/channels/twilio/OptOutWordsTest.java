package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Input;
import nl.omkijken.engine.Session;
import nl.omkijken.engine.Understanding;
import org.junit.jupiter.api.Test;

/**
 * After its opt-out words Twilio refuses every further SMS (21610) until START or UNSTOP. The
 * dialogs must treat the same words the same way, in every line, so that what we think matches what
 * Twilio does (plus the Dutch words people here actually write).
 */
class OptOutWordsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final List<String> TWILIO_STOP = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
    static final List<String> DUTCH_STOP = List.of("stoppen", "Afmelden", "uitschrijven", "opzeggen", "stop alles");
    static final List<String> TWILIO_START = List.of("START", "UNSTOP");

    private final Engine engine = new Engine(ProjectDialogs.shared());

    private Engine.Turn say(Session s, Contact c, String text) {
        return engine.handle(s, c, new Input.Text(text, Understanding.none(), 0), NOW, Map.of());
    }

    @Test
    void everyOptOutWordOptsOutInEveryLineAndEveryStartWordOptsBackIn() {
        for (String line : List.of("luisterlijn", "helpdesk", "telefooncirkel")) {
            for (String word : concat(TWILIO_STOP, DUTCH_STOP, List.of("Stop.", "stop!"))) {
                Contact contact = Contact.unknown("sms:+31612345678");
                Engine.Turn first = say(Session.fresh("sms:+31612345678", line, "nl", NOW), contact, "hallo");
                Engine.Turn stop = say(first.session(), contact, word);
                assertTrue(stop.events().contains(new Event.OptedOut()), line + ": '" + word + "' opts out: " + stop.events());

                Contact optedOut = new Contact(contact.id(), contact.fields(), true);
                for (String start : TWILIO_START) {
                    Engine.Turn back = say(stop.session(), optedOut, start);
                    assertTrue(back.events().contains(new Event.OptedIn()), line + ": '" + start + "' opts back in");
                }
                assertTrue(say(stop.session(), optedOut, "hallo").replies().isEmpty(), line + ": silent while opted out");
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
