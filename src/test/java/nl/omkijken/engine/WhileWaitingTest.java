package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import org.junit.jupiter.api.Test;

/**
 * A person who waits is not answered with the same words at every message: their place again when it
 * changed, or after ten minutes; in crisis, the helplines every time.
 */
class WhileWaitingTest {
    private final Engine engine = new Engine(ProjectDialogs.shared());
    private Session session = Session.fresh("c1", "luisterlijn", "nl", Instant.parse("2026-12-07T10:00:00Z"));
    private final Contact contact = Contact.unknown("c1");

    private List<String> say(String text, Instant at, String place) {
        Engine.Turn t = engine.handle(session, contact, new Input.Text(text, Nlu.shared().understand(text, "nl")), at,
                place == null ? Map.of() : Map.of("queue_position", place));
        session = t.session();
        return t.events().stream().filter(e -> e instanceof Event.Reply).map(e -> ((Event.Reply) e).text()).toList();
    }

    @Test
    void thePlaceIsSaidAgainWhenItChangedOrAfterAWhile() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        say("hoi", t, null);
        say("1", t, null);
        assertEquals(Ownership.WAITING, session.ownership());
        assertTrue(say("ik voel me alleen", t.plusSeconds(30), "3").get(0).contains("plaats 3"));
        assertEquals(List.of(), say("ik heb vandaag nog niemand gesproken", t.plusSeconds(60), "3"), "kept for the volunteer, no repeat");
        assertTrue(say("het is stil in huis", t.plusSeconds(90), "2").get(0).contains("plaats 2"), "moved up: said");
        assertEquals(List.of(), say("ik wacht wel", t.plusSeconds(120), "2"));
        List<String> later = say("hallo, is er al iemand?", t.plus(Duration.ofMinutes(12)), "2");
        assertTrue(!later.isEmpty() && later.get(0).contains("plaats 2"), "after a while: said again " + later + " " + session);
    }

    @Test
    void inACrisisTheHelplinesEveryTime() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        say("hoi", t, null);
        say("ik wil er een einde aan maken", t, null);
        assertEquals(Ownership.WAITING, session.ownership());
        for (int i = 1; i <= 3; i++) {
            List<String> replies = say("hallo?", t.plusSeconds(30L * i), "1");
            assertEquals(1, replies.size());
            assertTrue(replies.get(0).contains("0800-0113") && replies.get(0).contains("112"), replies.get(0));
        }
    }

    /** The classifier once read "nog steeds hier" as stop: a waiting person is unsubscribed by STOP itself only. */
    @Test
    void aWaitingPersonIsNotUnsubscribedByAGuess() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        say("hoi", t, null);
        say("1", t, null);
        say("nog steeds hier", t.plusSeconds(30), "2");
        assertEquals(Ownership.WAITING, session.ownership());
        assertEquals(false, session.ended());
        say("STOP", t.plusSeconds(60), "2");
        assertEquals("opted_out", session.outcome(), "the stop word itself still works");
    }
}
