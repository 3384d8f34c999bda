package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Outcome;
import nl.omkijken.engine.Step;
import nl.omkijken.engine.Step.Case;
import nl.omkijken.engine.Step.Condition;
import org.junit.jupiter.api.Test;

/** A small folder with every step kind loads into exactly the records the engine expects. */
class RoundTripTest {
    private static Localized t(String nl, String en) { return Localized.of(nl, en); }

    @Test
    void loadsEveryStepKindIntoTheEngineRecords() {
        LoadResult r = DialogLoader.load(TestFolders.resource("dialogs-roundtrip"));
        assertEquals(List.of(), r.errors());
        DialogSet set = r.dialogSet();
        assertNotNull(set);

        assertEquals(Set.of("stop", "talk_to_human", "subsidy_question", "out_of_scope"), set.intents());
        assertEquals(Set.of("crisis", "human", "helpdesk_intake"), set.dialogs().keySet());
        assertEquals(List.of("helpdesk"), set.lines());
        assertEquals("helpdesk_intake", set.entryOf("helpdesk").id());

        assertEquals(new Interrupts("crisis",
                List.of("stop", "afmelden"), List.of("stop"), t("Je bent afgemeld.", "You are unsubscribed."),
                List.of("start"), t("Welkom terug.", "Welcome back."),
                Map.of("nl", List.of("nederlands"), "en", List.of("english", "engels")),
                t("We gaan verder in het Nederlands.", "Let's continue in English."),
                List.of("medewerker", "echt mens"), List.of("talk_to_human"), "human",
                t("Sorry, dat begreep ik niet.", "Sorry, I didn't understand that.")), set.interrupts());

        Map<String, Step> crisis = new LinkedHashMap<>();
        crisis.put("nummers", new Step.Say("nummers",
                t("Bel nu 113 of gratis 0800-0113. Bij direct gevaar: bel 112.",
                        "Call 113 now, or 0800-0113 for free. In acute danger, call 112."), "overdragen"));
        crisis.put("overdragen", new Step.Handoff("overdragen", "crisis", Step.Priority.URGENT, "crisis", null,
                t("Er komt zo iemand bij je.", "Someone will be with you soon."), null,
                new Step.Unanswered(java.time.Duration.ofMinutes(5), t("Nog niemand vrij? Bel 113 of 0800-0113 (gratis). Gevaar: 112.",
                        "Nobody free yet? Call 113 or 0800-0113 (free). Danger: 112."))));
        assertEquals(new Dialog("crisis", null, "nummers", crisis, "shared/crisis.yaml"), set.dialog("crisis"));

        // Defaults: no queue (the line's), priority normal, no while_waiting, no next.
        assertEquals(new Dialog("human", null, "overdragen", Map.of("overdragen", new Step.Handoff("overdragen", null,
                Step.Priority.NORMAL, "asked_for_human", t("Ik zet je door.", "I am passing you on."), null, null)),
                "shared/human.yaml"), set.dialog("human"));

        Map<String, Step> s = new LinkedHashMap<>();
        s.put("onderwerp", new Step.Ask("onderwerp", t("Waarmee kan ik helpen?", "How can I help?"), List.of(
                new Step.Route(t("Subsidie", "Funding"), "1", List.of("subsidie", "fonds"), List.of("subsidy_question"), "stadsdeel"),
                new Step.Route(null, "2", List.of(), List.of(), "terugbellen")),
                new Step.NoMatch(t("Kies 1 of 2.", "Choose 1 or 2."), 1, "mens"),
                new Step.NoInput(Duration.ofMinutes(30), null, "afsluiten")));
        s.put("stadsdeel", new Step.Collect("stadsdeel", "stadsdeel", t("In welk stadsdeel?", "Which district?"),
                Step.SlotType.CHOICE, 0, List.of(
                        new Step.Choice("Escamp", t("Escamp", "Escamp"), List.of("moerwijk")),
                        new Step.Choice("Laak", t("Laak", "Laak"), List.of())),
                "stadsdeel", null, 2, null, "email", null));
        s.put("email", new Step.Collect("email", "email", t("Uw e-mailadres?", "Your e-mail address?"),
                Step.SlotType.EMAIL, 0, List.of(), null,
                t("Dat lijkt geen e-mailadres.", "That does not look like an e-mail address."), 3, "mens", "check",
                new Step.NoInput(Duration.ofHours(1), t("Ik hoor niets.", "I hear nothing."), "afsluiten")));
        s.put("check", new Step.Branch("check", List.of(
                new Case(new Condition("stadsdeel", Condition.Op.EQUALS, List.of("Escamp")), "organisatie"),
                new Case(new Condition("stadsdeel", Condition.Op.IN, List.of("Laak", "Centrum")), "organisatie"),
                new Case(new Condition("email", Condition.Op.ABSENT, List.of()), "mens"),
                new Case(new Condition("email", Condition.Op.PRESENT, List.of()), "label")), "mens"));
        s.put("organisatie", new Step.Collect("organisatie", "organisatie",
                t("Naam van uw organisatie?", "Name of your organisation?"), Step.SlotType.TEXT, 2, List.of(), null,
                null, 2, null, "label", null));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("onderwerp", "subsidie");
        values.put("samenvatting", "{slots.organisatie|onbekend} in {slots.stadsdeel}");
        s.put("label", new Step.SetValues("label", values, "bevestig"));
        s.put("bevestig", new Step.Say("bevestig", t("Dank u, {contact.name|}.", "Thank you, {contact.name|}."), "herinner"));
        s.put("herinner", new Step.Schedule("herinner", "intake_reminder", Duration.ofDays(1), "afsluiten",
                t("Ik herinner u morgen.", "I will remind you tomorrow."), "afsluiten"));
        s.put("terugbellen", new Step.Handoff("terugbellen", "helpdesk", Step.Priority.NORMAL, "callback",
                t("We bellen u terug.", "We will call you back."), null, "klaar"));
        s.put("klaar", new Step.End("klaar", Outcome.CALLBACK_REQUESTED, null));
        s.put("mens", new Step.GotoDialog("mens", "human", null));
        s.put("afsluiten", new Step.GotoDialog("afsluiten", "human", "overdragen"));
        Dialog expected = new Dialog("helpdesk_intake", "helpdesk", "onderwerp", s, "helpdesk/intake.yml");
        Dialog actual = set.dialog("helpdesk_intake");
        assertEquals(expected, actual);
        assertEquals(List.copyOf(s.keySet()), List.copyOf(actual.steps().keySet()), "steps keep the file's order");
    }
}
