package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import org.junit.jupiter.api.Test;

/**
 * A form's details written in one message (the helpdesk's intake): what it surely says is taken and not asked again, what
 * it does not say is asked, and the summary lets the person correct it. A short answer is the answer, whole.
 */
class FormDetailsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final Engine engine = new Engine(ProjectDialogs.shared());
    private Session session;
    private final Contact contact = Contact.unknown("c1");

    private List<String> say(String text) {
        Engine.Turn t = engine.handle(session, contact, new Input.Text(text, Nlu.shared().understand(text, session.language())), AT, Map.of());
        session = t.session();
        return t.events().stream().filter(e -> e instanceof Event.Reply).map(e -> ((Event.Reply) e).text()).toList();
    }

    /** At the intake's first question, the organisation's name. */
    private void atTheIntake(String language) {
        session = Session.fresh("c1", "helpdesk", language, AT);
        say(language.equals("nl") ? "hallo" : "hello");
        List<String> first = say("8");
        assertTrue(first.get(first.size() - 1).contains(language.equals("nl") ? "naam van uw organisatie" : "name of your organisation"), first.toString());
    }

    @Test
    void everyDetailInOneMessageIsTakenAndTheSummaryAsksOnce() {
        atTheIntake("nl");
        answeredAtOnce("we zijn Stichting Samen Sterk Moerwijk, stadsdeel Escamp. ik ben Fatima el Amrani, mail "
                + "fatima.elamrani@samensterkmoerwijk.nl, tel 06 18 44 29 07",
                "Klopt dit? Organisatie: Stichting Samen Sterk Moerwijk. Stadsdeel: Escamp. Naam: Fatima el Amrani."
                + " E-mail: fatima.elamrani@samensterkmoerwijk.nl. Telefoon: +31618442907.");
    }

    /** The message is answered with the summary alone, which begins so. */
    private void answeredAtOnce(String message, String summary) {
        List<String> r = say(message);
        assertEquals(1, r.size(), r.toString());
        assertTrue(r.get(0).startsWith(summary), r.get(0));
    }

    @Test
    void inEnglishWithoutAPhoneNumberTheMessageSaysSo() {
        atTheIntake("en");
        answeredAtOnce("org name Groen Duinoord, district Segbroek, my name Tom Verhoeven, tom.verhoeven82@gmail.com. no phone pls, email is fine",
                "Is this right? Organisation: Groen Duinoord. District: Segbroek. Name: Tom Verhoeven."
                + " E-mail: tom.verhoeven82@gmail.com. Phone: none.");
    }

    @Test
    void whatTheMessageDoesNotSayIsAsked() {
        atTheIntake("nl");
        // No district, no name in capitals: asked, one after another; the e-mail address is not asked again.
        List<String> r = say("wij zijn een groep buren uit de wijk en willen een moestuin beginnen, mail tuin@example.nl");
        assertEquals(List.of("In welk stadsdeel is uw organisatie actief? 1 = Centrum, 2 = Escamp, 3 = Haagse Hout, 4 = Laak, "
                + "5 = Leidschenveen-Ypenburg, 6 = Loosduinen, 7 = Scheveningen, 8 = Segbroek. Een wijknaam mag ook."), r);
        assertEquals("wij zijn een groep buren uit de wijk en willen een moestuin beginnen, mail tuin@example.nl",
                session.slots().get("organisatie"), "no name found: the answer is the whole message, for staff to read");
        assertTrue(say("4").get(0).startsWith("Wat is uw naam?"));
        assertEquals(List.of("Wilt u ook een telefoonnummer achterlaten? 1 = ja, 2 = nee, liever alleen e-mail"), say("Joke"),
                "not asked for the e-mail address the first message held");
        List<String> summary = say("2");
        assertTrue(summary.get(0).startsWith("Klopt dit?") && summary.get(0).contains("E-mail: tuin@example.nl"), summary.toString());
        // Something to change: asked, never answered again from the details.
        say("2");
        assertEquals(List.of("Wat is het juiste e-mailadres?"), say("4"));
    }

    @Test
    void aShortAnswerIsTheAnswerWhole() {
        atTheIntake("nl");
        say("Wijkvereniging Oost");
        assertEquals("Wijkvereniging Oost", session.slots().get("organisatie"));
        atTheIntake("nl");
        say("we zijn Stichting De Brug");
        assertEquals("we zijn Stichting De Brug", session.slots().get("organisatie"), "five words: no form written at once");
    }

    @Test
    void twoDistrictsOrADigitInANumberChooseNone() {
        atTheIntake("nl");
        List<String> r = say("we zijn Stichting Buurtkracht, actief in Moerwijk en in Transvaal, ik ben Ali Yilmaz, bel 070 123 4567");
        assertTrue(r.get(0).startsWith("In welk stadsdeel"), "two districts named: asked " + r);
        assertNull(session.slots().get("stadsdeel"));
        assertEquals("Stichting Buurtkracht", session.slots().get("organisatie"));
        assertTrue(say("Laak").get(0).startsWith("Wat is uw naam?") == false, "the name was in the first message");
        assertEquals("Ali Yilmaz", session.slots().get("contactnaam"));
    }

    @Test
    void aFirstMessageThatAsksForACallBackWithANumberAndATimeIsNotAskedThemAgain() {
        session = Session.fresh("c1", "luisterlijn", "nl", AT);
        List<String> r = say("graag teruggebeld vanavond, mijn nummer is 06 41 22 87 30, na zevenen ben ik thuis");
        assertTrue(r.get(r.size() - 1).contains("Hoe mag de vrijwilliger je noemen?"), r.toString());
        List<String> done = say("Sanne");
        assertTrue(done.get(0).startsWith("Dank je, Sanne. Je terugbelverzoek is doorgegeven: iemand van de Luisterlijn belt je op +31641228730."),
                "the number and the evening from the first message: " + done);
        assertEquals("avond", session.slots().get("dagdeel"));
        assertNull(session.slots().get(Session.FORM_SLOT), "handed off: the details are gone with the form");
    }

    @Test
    void aLongQuestionAtAMenuAnswersNoLaterMenu() {
        session = Session.fresh("c1", "helpdesk", "en", AT);
        say("hello");
        say("how do we set up a foundation, do we need a notary and what does it cost?");
        assertNull(session.slots().get(Session.FORM_SLOT), "no form's question was reached: nothing kept");
    }

    /** Writing freely is no form: a story that says "goed zo" or "bel me" answers the offer that follows it only when the person chooses. */
    @Test
    void aStoryAnswersNoMenuAfterIt() {
        session = Session.fresh("c1", "luisterlijn", "nl", AT);
        say("hoi");
        say("3");
        say("de buren maken veel lawaai en ik ben er een beetje klaar mee");
        List<String> r = say("de tuin is een rommel, ik weet niet of het goed zo is, mijn zoon zegt altijd bel me maar hij heeft het druk met zijn werk");
        assertTrue(r.get(r.size() - 1).startsWith("Dank je wel. Soms helpt het om met iemand te praten."), "the offer is asked: " + r);
        assertNull(session.slots().get(Session.FORM_SLOT));
    }

    @Test
    void aChoiceIsNamedByItsValueOrKeywordOnlyAndANumberIsFoundInsideAMessage() {
        List<Step.Choice> districts = List.of(new Step.Choice("Centrum", Localized.of("Centrum", "Centrum"), List.of("transvaal")),
                new Step.Choice("Escamp", Localized.of("Escamp", "Escamp"), List.of("moerwijk")));
        assertEquals(Optional.of("Escamp"), SlotValidation.namedIn(districts, "we zitten in Moerwijk, bel 06 12345678"));
        assertEquals(Optional.empty(), SlotValidation.namedIn(districts, "Moerwijk en Transvaal"));
        assertEquals(Optional.empty(), SlotValidation.namedIn(districts, "tel 06 18 44 29 02"));
        assertEquals(Optional.of("+31618442907"), SlotValidation.phoneIn("ik ben Fatima, tel 06 18 44 29 07, mail f@x.nl"));
        assertEquals(Optional.of("+31701234567"), SlotValidation.phoneIn("bel (070) 123-4567 na 7 uur"));
        assertEquals(Optional.empty(), SlotValidation.phoneIn("06 12345678 of 06 87654321"), "two numbers: none");
        assertEquals(Optional.empty(), SlotValidation.phoneIn("postcode 2516 AB, huisnummer 12"));
        List<Step.Choice> parts = List.of(new Step.Choice("ochtend", Localized.of("Ochtend", "Morning"), List.of("ochtends")),
                new Step.Choice("avond", Localized.of("Avond", "Evening"), List.of("vanavond", "avonds")));
        assertEquals(Optional.empty(), SlotValidation.namedIn(parts, "stuur me later een bericht, niet vanavond want dan is mijn man thuis"),
                "a choice named after a negation is not chosen");
        assertEquals(Optional.of("ochtend"), SlotValidation.namedIn(parts, "liever niet vanavond, wel 's ochtends"));
        assertEquals(Optional.empty(), SlotValidation.phoneIn("ons rekeningnummer is NL91 ABNA 0417 1643 00"), "an IBAN is no number to call");
        assertEquals(Optional.empty(), SlotValidation.phoneIn("de bijeenkomst is op 05-03-2025 14 uur"), "a date and an hour neither");
    }
}
