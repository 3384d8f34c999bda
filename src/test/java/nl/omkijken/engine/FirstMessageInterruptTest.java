package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Interrupts in the very first message of a conversation, before any dialog has run, and right after a
 * conversation ended. Crisis, STOP and "talk to a person" used to crash there (the engine looked up the
 * current step of a conversation that had none), and a first message that only named a language got
 * no greeting.
 */
class FirstMessageInterruptTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    private final Engine engine = new Engine(dialogs());

    @Test
    void crisisAsFirstMessageGivesTheSafetyReplyAndAnUrgentHandoff() {
        Engine.Turn t = first("ik wil niet meer", true);
        assertEquals(List.of("Bel 0800-0113 of 113. Gevaar: 112."), t.replies());
        assertEquals(new Event.HandoffRequested("lijn", Step.Priority.URGENT, "crisis"), t.events().get(2));
        assertEquals(Ownership.WAITING, t.session().ownership());
    }

    @Test
    void stopAsFirstMessageOptsOut() {
        Engine.Turn t = first("STOP", false);
        assertEquals(List.of("Afgemeld."), t.replies());
        assertEquals(List.of(new Event.Reply("Afgemeld.", List.of()), new Event.OptedOut(),
                new Event.ConversationEnded(Outcome.OPTED_OUT)), t.events());
    }

    @Test
    void askingForAPersonAsFirstMessageHandsOver() {
        Engine.Turn t = first("medewerker graag", false);
        assertEquals(List.of("Ik zoek een medewerker."), t.replies());
        assertEquals(Ownership.WAITING, t.session().ownership());
    }

    @Test
    void crisisRightAfterAnEndedConversationIsAnsweredToo() {
        Session s = Session.fresh("c1", "lijn", "nl", NOW);
        s = engine.handle(s, Contact.unknown("p"), text("hoi", false), NOW, Map.of()).session();
        s = engine.handle(s, Contact.unknown("p"), text("1", false), NOW, Map.of()).session();
        assertEquals(true, s.ended());
        Engine.Turn t = engine.handle(s, Contact.unknown("p"), text("ik kan niet meer", true), NOW, Map.of());
        assertEquals("Bel 0800-0113 of 113. Gevaar: 112.", t.replies().get(0));
    }

    @Test
    void aLanguageAsFirstMessageSwitchesAndGreets() {
        Engine.Turn t = first("English", false);
        assertEquals(List.of("English.", "How are you?"), t.replies());
        assertEquals("en", t.session().language());
        assertEquals("vraag", t.session().step());
    }

    private Engine.Turn first(String message, boolean crisis) {
        return engine.handle(Session.fresh("c1", "lijn", "nl", NOW), Contact.unknown("p"), text(message, crisis), NOW, Map.of());
    }

    private static Input.Text text(String message, boolean crisis) {
        return new Input.Text(message, new Understanding(Understanding.OUT_OF_SCOPE, 0, crisis, null, Map.of()));
    }

    private static DialogSet dialogs() {
        Map<String, Step> entry = new LinkedHashMap<>();
        entry.put("vraag", new Step.Ask("vraag", Localized.of("Hoe gaat het?", "How are you?"),
                List.of(new Step.Route(null, "1", List.of(), List.of(), "klaar")), null,
                new Step.NoInput(Duration.ofHours(2), null, "klaar")));
        entry.put("klaar", new Step.End("klaar", Outcome.COMPLETED, null));
        Map<String, Step> crisis = new LinkedHashMap<>();
        crisis.put("veilig", new Step.Say("veilig", Localized.of("Bel 0800-0113 of 113. Gevaar: 112.",
                "Call 0800-0113 or 113. Danger: 112."), "hulp"));
        crisis.put("hulp", new Step.Handoff("hulp", null, Step.Priority.URGENT, "crisis", null, null, null));
        Map<String, Step> human = Map.of("over", new Step.Handoff("over", null, Step.Priority.NORMAL, "talk_to_human",
                Localized.of("Ik zoek een medewerker.", "Finding a person."), null, null));
        Interrupts in = new Interrupts("crisis", List.of("stop"), List.of(), Localized.of("Afgemeld.", "Unsubscribed."),
                List.of("start"), Localized.of("Welkom terug.", "Welcome back."),
                Map.of("nl", List.of("nederlands"), "en", List.of("english")), Localized.of("Nederlands.", "English."),
                List.of("medewerker"), List.of(), "human", Localized.of("Sorry?", "Sorry?"));
        return new DialogSet(Map.of(
                "entry", new Dialog("entry", "lijn", "vraag", entry, "entry.yaml"),
                "crisis", new Dialog("crisis", null, "veilig", crisis, "crisis.yaml"),
                "human", new Dialog("human", null, "over", human, "human.yaml")), in, Set.of());
    }
}
