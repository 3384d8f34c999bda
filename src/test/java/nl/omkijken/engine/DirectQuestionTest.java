package nl.omkijken.engine;

import nl.omkijken.dialog.DialogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message at risk level possible, on the real dialogs: the assistant asks directly whether the person thinks
 * of ending their life; yes, an unclear answer or silence is a crisis; a clear no gets one gentle line with 113
 * and the conversation goes on where it was; later words weigh more; a worker who has it asks in their own words.
 */
class DirectQuestionTest {
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static Engine engine;

    @BeforeAll
    static void load() {
        var loaded = DialogLoader.load(Path.of("dialogs"));
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        engine = new Engine(loaded.dialogSet());
    }

    @Test
    void aPossibleRiskIsAskedDirectlyInTheLinesRegister() {
        Engine.Turn t = atMenu("luisterlijn", possible("ik zie het allemaal niet meer zo zitten"));
        assertEquals(1, t.replies().size(), t.replies().toString());
        assertTrue(t.replies().get(0).contains("denk je erover om een eind aan je leven te maken"), t.replies().get(0));
        assertEquals("possible", t.session().slots().get(Session.RISK_SLOT));
        assertTrue(t.events().stream().anyMatch(e -> e instanceof Event.RiskQuestionAsked));
        Event.TimerScheduled timer = timer(t);
        assertEquals(NOW.plus(Duration.ofMinutes(10)), timer.dueAt());
        assertEquals(Ownership.BOT, t.session().ownership(), "nothing is handed over yet: the answer decides");
        assertTrue(engine.awaitsAnswer(t.session()), "the phone listens for the answer");

        Engine.Turn polite = atMenu("telefooncirkel", possible("ach het hoeft allemaal niet meer"));
        assertTrue(polite.replies().get(polite.replies().size() - 1).contains("denkt u erover om een eind aan uw leven te maken"),
                polite.replies().toString());
    }

    @Test
    void yesIsACrisis() {
        Engine.Turn asked = atMenu("luisterlijn", possible("ik zie het niet meer zitten"));
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), answer("ja", "yes"), NOW.plusSeconds(30), Map.of());
        assertCrisis(t);
    }

    @Test
    void anUnclearAnswerIsACrisis() {
        Engine.Turn asked = atMenu("helpdesk", possible("ik weet het allemaal niet meer"));
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), answer("weet ik niet, misschien", null), NOW.plusSeconds(30), Map.of());
        assertCrisis(t);
        assertTrue(t.replies().get(0).contains("U staat er niet alleen voor"), "the helpdesk says u: " + t.replies());
    }

    @Test
    void silenceIsACrisisAndALateTimerAfterNoChangesNothing() {
        Engine.Turn asked = atMenu("luisterlijn", possible("alles is zinloos"));
        Event.TimerScheduled timer = timer(asked);
        Engine.Turn fired = engine.handle(asked.session(), Contact.unknown("p"),
                new Input.TimerFired(timer.timer(), timer.target(), timer.token()), timer.dueAt(), Map.of());
        assertCrisis(fired);

        Engine.Turn no = engine.handle(asked.session(), Contact.unknown("p"), answer("nee hoor", "no"), NOW.plusSeconds(20), Map.of());
        Engine.Turn stale = engine.handle(no.session(), Contact.unknown("p"),
                new Input.TimerFired(timer.timer(), timer.target(), timer.token()), timer.dueAt(), Map.of());
        assertEquals(List.of(), stale.replies(), "answered already: the timer is stale");
    }

    @Test
    void noGetsOneLineWith113AndTheQuestionThatWaited() {
        Engine.Turn asked = atMenu("luisterlijn", possible("ik ben het allemaal zo zat"));
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), answer("nee, dat niet", "no"), NOW.plusSeconds(40), Map.of());
        assertTrue(t.replies().get(0).contains("113") && t.replies().get(0).contains("0800-0113"), t.replies().toString());
        assertEquals(asked.session().step(), t.session().step(), "back where the person was");
        assertTrue(t.replies().get(1).startsWith("Wat wil je het liefst?"), t.replies().toString());
        assertNull(t.session().slots().get(Engine.QUESTION_SLOT));
        assertTrue(t.events().contains(new Event.TimerCancelled(Engine.RISK_QUESTION_TIMER)));
        assertFalse(t.events().stream().anyMatch(e -> e instanceof Event.CrisisDetected));

        // The conversation stays more sensitive: a goodbye that alone would be none is now taken seriously.
        Understanding goodbye = new Understanding("goodbye", 0.9, false, "nl", Map.of(), null, RiskLevel.NONE, RiskLevel.HIGH);
        Engine.Turn later = engine.handle(t.session(), Contact.unknown("p"), new Input.Text("bedankt voor alles, dag allemaal", goodbye),
                NOW.plusSeconds(600), Map.of());
        assertCrisis(later);
    }

    @Test
    void theRiskReachedOutlivesTheConversation() {
        Engine.Turn asked = atMenu("luisterlijn", possible("waar doe ik het nog voor"));
        Session s = engine.handle(asked.session(), Contact.unknown("p"), answer("nee", "no"), NOW.plusSeconds(40), Map.of()).session();
        assertEquals("possible", s.restarted().slots().get(Session.RISK_SLOT));
    }

    @Test
    void aWorkerWhoHasTheConversationIsNotInterrupted() {
        Session withWorker = atMenu("luisterlijn", plain("hoi")).session().withOwnership(Ownership.AGENT);
        Engine.Turn t = engine.handle(withWorker, Contact.unknown("p"), possible("ik zie het niet meer zitten"), NOW, Map.of());
        assertEquals(List.of(), t.replies(), "the worker reads it and asks in their own words");
    }

    @Test
    void aStopWordStillOptsOutWhileTheQuestionWaits() {
        Engine.Turn asked = atMenu("luisterlijn", possible("ik ben zo moe van alles"));
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), plain("STOP"), NOW.plusSeconds(30), Map.of());
        assertTrue(t.events().contains(new Event.OptedOut()), t.events().toString());
    }

    @Test
    void aNoThatSaysMoreOrIsADigitIsNoClearNo() {
        Engine.Turn asked = atMenu("luisterlijn", possible("het heeft allemaal geen zin"));
        Understanding noButMore = new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl", Map.of("yes_no", "no"), null,
                RiskLevel.POSSIBLE, RiskLevel.HIGH);
        assertCrisis(engine.handle(asked.session(), Contact.unknown("p"), new Input.Text("nee, maar ik zie het echt niet meer zitten", noButMore),
                NOW.plusSeconds(30), Map.of()));
        assertCrisis(engine.handle(asked.session(), Contact.unknown("p"), answer("2", "no"), NOW.plusSeconds(30), Map.of()));
        // Hedged is unclear, as crisis lines hear it.
        assertCrisis(engine.handle(asked.session(), Contact.unknown("p"), answer("niet echt", "no"), NOW.plusSeconds(30), Map.of()));
        assertCrisis(engine.handle(asked.session(), Contact.unknown("p"), answer("liever niet", "no"), NOW.plusSeconds(30), Map.of()));
    }

    @Test
    void aNoToAFirstMessageGetsTheLinesWelcome() {
        Engine.Turn asked = engine.handle(Session.fresh("c-first", "luisterlijn", "nl", NOW), Contact.unknown("p"),
                possible("ik ben het leven een beetje zat"), NOW, Map.of());
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), answer("nee", "no"), NOW.plusSeconds(30), Map.of());
        assertTrue(t.replies().get(0).contains("113"), t.replies().toString());
        assertTrue(t.replies().stream().anyMatch(r -> r.startsWith("Wat wil je het liefst?")), t.replies().toString());
    }

    @Test
    void aWorkerTakingOverDropsThePendingQuestion() {
        Engine.Turn asked = atMenu("luisterlijn", possible("ik kan het niet meer aan"));
        Session withWorker = asked.session().withOwnership(Ownership.AGENT);
        Engine.Turn t = engine.handle(withWorker, Contact.unknown("p"), answer("ja", "yes"), NOW.plusSeconds(30), Map.of());
        assertEquals(List.of(), t.replies(), "the worker answers, not the bot");
        assertNull(t.session().slots().get(Engine.QUESTION_SLOT));
        assertTrue(t.events().contains(new Event.TimerCancelled(Engine.RISK_QUESTION_TIMER)));
        // After earlier risk a worker's conversation is not interrupted by the sensitivity rule either.
        Understanding sad = new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl", Map.of(), null, RiskLevel.NONE, RiskLevel.HIGH);
        assertEquals(List.of(), engine.handle(t.session(), Contact.unknown("p"), new Input.Text("ik ben zo moe", sad), NOW.plusSeconds(60),
                Map.of()).replies());
    }

    @Test
    void stopWhileTheQuestionWaitsOptsOutButAlertsStaff() {
        Engine.Turn asked = atMenu("luisterlijn", possible("ik ben zo moe van alles"));
        Engine.Turn t = engine.handle(asked.session(), Contact.unknown("p"), plain("STOP"), NOW.plusSeconds(30), Map.of());
        assertTrue(t.events().contains(new Event.OptedOut()), t.events().toString());
        assertTrue(t.events().contains(new Event.HandoffRequested("luisterlijn", Step.Priority.URGENT, "crisis")), t.events().toString());
    }

    @Test
    void silenceInACallIsTakenAsYes() {
        Engine.Turn asked = atMenu("luisterlijn", possible("alles is zinloos"));
        assertCrisis(engine.handle(asked.session(), Contact.unknown("p"), new Input.Silence(), NOW.plusSeconds(8), Map.of()));
    }

    @Test
    void theQuestionOutlivesARestartAndIsAskedAgainOnTheNextCall() {
        Engine.Turn asked = atMenu("telefooncirkel", possible("ach het hoeft allemaal niet meer"));
        assertEquals(asked.session().slots().get(Engine.QUESTION_SLOT), asked.session().restarted().slots().get(Engine.QUESTION_SLOT));
        Engine.Turn call = engine.handle(asked.session(), Contact.unknown("p"), new Input.Begin("telefooncirkel_checkin", true),
                NOW.plusSeconds(120), Map.of());
        assertEquals(1, call.replies().size(), call.replies().toString());
        assertTrue(call.replies().get(0).contains("denkt u erover om een eind aan uw leven te maken"), call.replies().toString());
        Engine.Turn followUp = engine.handle(asked.session(), Contact.unknown("p"),
                new Input.TimerFired("herinnering", "telefooncirkel_checkin:vraag", 7), NOW.plusSeconds(60), Map.of());
        assertEquals(List.of(), followUp.replies(), "a follow-up waits for the answer");
        assertTrue(followUp.events().stream().anyMatch(e -> e instanceof Event.TimerScheduled ts && ts.timer().equals("herinnering")),
                followUp.events().toString());
    }

    @Test
    void aPossibleFallIsAskedAboutDangerNotSuicideAndYesBrings112First() {
        Engine.Turn asked = atMenu("luisterlijn", possibleOf("ik lig hier al een tijdje", "acute_danger"));
        assertTrue(asked.replies().get(0).contains("Is er nu gevaar, of heb je dringend hulp nodig?"), asked.replies().toString());
        assertFalse(asked.replies().get(0).contains("leven"), "no suicide question for a fall");
        Engine.Turn yes = engine.handle(asked.session(), Contact.unknown("p"), answer("ja", "yes"), NOW.plusSeconds(20), Map.of());
        assertTrue(yes.events().stream().anyMatch(e -> e instanceof Event.CrisisDetected c && c.dialog().equals("noodgeval")), yes.events().toString());
        assertTrue(yes.replies().get(0).contains("112"), yes.replies().toString());

        Engine.Turn no = engine.handle(asked.session(), Contact.unknown("p"), answer("nee hoor", "no"), NOW.plusSeconds(20), Map.of());
        assertTrue(no.replies().get(0).startsWith("Fijn om te horen") && no.replies().get(0).contains("112"), no.replies().toString());
        assertNull(no.session().slots().get(Engine.QUESTION_KIND_SLOT));

        Event.TimerScheduled timer = timer(asked);
        Engine.Turn silent = engine.handle(asked.session(), Contact.unknown("p"),
                new Input.TimerFired(timer.timer(), timer.target(), timer.token()), timer.dueAt(), Map.of());
        assertTrue(silent.events().stream().anyMatch(e -> e instanceof Event.CrisisDetected c && c.dialog().equals("noodgeval")),
                silent.events().toString());
    }

    @Test
    void possibleViolenceAtHomeIsAskedAboutSafetyAndNoNamesVeiligThuis() {
        Engine.Turn asked = atMenu("telefooncirkel", possibleOf("mijn kleinzoon wordt soms zo boos", "domestic_violence"));
        assertTrue(asked.replies().get(asked.replies().size() - 1).contains("is er thuis iemand die u of een ander pijn doet of bang maakt?"),
                asked.replies().toString());
        Engine.Turn no = engine.handle(asked.session(), Contact.unknown("p"), answer("nee", "no"), NOW.plusSeconds(20), Map.of());
        assertTrue(no.replies().get(0).contains("0800-2000") && no.replies().get(0).contains("112"), no.replies().toString());
        Engine.Turn unclear = engine.handle(asked.session(), Contact.unknown("p"), answer("och ja weet ik veel", null), NOW.plusSeconds(20), Map.of());
        assertTrue(unclear.events().stream().anyMatch(e -> e instanceof Event.CrisisDetected c && c.dialog().equals("veilig_thuis")),
                unclear.events().toString());
    }

    private static Input.Text possibleOf(String text, String kind) {
        return new Input.Text(text, new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl", Map.of(), kind, RiskLevel.POSSIBLE, RiskLevel.HIGH));
    }

    private static void assertCrisis(Engine.Turn t) {
        assertTrue(t.events().stream().anyMatch(e -> e instanceof Event.CrisisDetected), t.events().toString());
        assertTrue(t.replies().get(0).contains("0800-0113") && t.replies().get(0).contains("112"), t.replies().toString());
        assertTrue(t.events().stream().anyMatch(e -> e instanceof Event.HandoffRequested h && h.priority() == Step.Priority.URGENT));
        assertEquals("high", t.session().slots().get(Session.RISK_SLOT));
        assertNull(t.session().slots().get(Engine.QUESTION_SLOT));
    }

    private static Event.TimerScheduled timer(Engine.Turn t) {
        return t.events().stream().filter(e -> e instanceof Event.TimerScheduled ts && ts.timer().equals(Engine.RISK_QUESTION_TIMER))
                .map(e -> (Event.TimerScheduled) e).findFirst().orElseThrow(() -> new AssertionError(t.events().toString()));
    }

    /** The line's welcome, then the message. */
    private static Engine.Turn atMenu(String line, Input message) {
        Session s = engine.handle(Session.fresh("c-" + line, line, "nl", NOW), Contact.unknown("p"), new Input.Begin(null, false), NOW, Map.of()).session();
        return engine.handle(s, Contact.unknown("p"), message, NOW, Map.of());
    }

    private static Input.Text possible(String text) {
        return new Input.Text(text, new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl", Map.of(), null, RiskLevel.POSSIBLE, RiskLevel.HIGH));
    }

    private static Input.Text answer(String text, String yesNo) {
        return new Input.Text(text, new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl",
                yesNo == null ? Map.of() : Map.of("yes_no", yesNo)));
    }

    private static Input.Text plain(String text) {
        return new Input.Text(text, new Understanding(Understanding.OUT_OF_SCOPE, 0.1, false, "nl", Map.of()));
    }
}
