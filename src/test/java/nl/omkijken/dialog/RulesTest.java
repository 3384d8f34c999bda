package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variants of each rule beyond its one broken example: every place a rule applies, with the file,
 * dialog and step it reports. Each test changes one thing in a copy of the valid minimal folder.
 */
class RulesTest {
    private static final String INTAKE = "luisterlijn/intake.yaml";
    private static final String CRISIS = "shared/crisis.yaml";
    private static final String HUMAN = "shared/human.yaml";
    private static final String INTERRUPTS = "interrupts.yaml";

    @TempDir
    Path tmp;
    private Path dir;
    private int copies;

    private Path fresh() {
        dir = TestFolders.copyOfValid(tmp.resolve("d" + (copies++)));
        return dir;
    }

    private RulesTest change(String file, String old, String replacement) {
        if (dir == null) fresh();
        TestFolders.replace(dir, file, old, replacement);
        return this;
    }

    private RulesTest add(String file, String content) {
        if (dir == null) fresh();
        TestFolders.write(dir, file, content);
        return this;
    }

    private RulesTest appendTo(String file, String text) {
        if (dir == null) fresh();
        TestFolders.write(dir, file, TestFolders.read(dir, file) + text);
        return this;
    }

    private LoadResult load() {
        LoadResult r = DialogLoader.load(dir);
        dir = null;
        return r;
    }

    /** Every error has {@code code}; one is at file/dialog/step and its message holds {@code fragment}. */
    private static void assertOnly(LoadResult r, ErrorCode code, String file, String dialog, String step, String fragment) {
        assertNull(r.dialogSet());
        assertEquals(List.of(code.code()), TestFolders.codes(r), () -> r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.file().equals(file) && java.util.Objects.equals(e.dialog(), dialog)
                && java.util.Objects.equals(e.step(), step) && e.message().contains(fragment)),
                () -> "no " + code + " at " + file + ": " + dialog + "/" + step + " with '" + fragment + "' in " + r.errors());
    }

    // ----- YAML_SYNTAX -----

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        LoadResult r = DialogLoader.load(TestFolders.resource("dialogs-broken/yaml_syntax"));
        assertEquals(1, r.errors().size());
        DialogError e = r.errors().get(0);
        assertEquals("luisterlijn/intake.yaml", e.file());
        assertNull(e.dialog());
        assertTrue(e.message().startsWith("line 17:4: "), e.message());
    }

    @Test
    void aCallBacksWindowNeedsHoursThatEndAfterTheyStart() throws Exception {
        // The project's own dialogs, with one part of the day written backwards.
        Path copy = copyOfProject("project");
        String intake = TestFolders.read(copy, "luisterlijn/intake.yaml");
        TestFolders.write(copy, "luisterlijn/intake.yaml",
                intake.replaceFirst("      avond: \"17:00-21:00\"\n", "      avond: \"21:00-17:00\"\n"));
        LoadResult r = DialogLoader.load(copy);
        assertTrue(r.errors().stream().anyMatch(e -> e.message().contains("window avond")), r.errors().toString());
    }

    /** The project's own dialogs folder, copied to change one thing in it. */
    private Path copyOfProject(String name) throws java.io.IOException {
        Path copy = tmp.resolve(name);
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(Path.of("dialogs"))) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(Path.of("dialogs").relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(p, to);
            }
        }
        return copy;
    }

    /** A knowledge step with more articles than a text holds, and with a found step that does not exist: both named. */
    @Test
    void aKnowledgeStepIsCheckedLikeAnyOther() throws Exception {
        Path copy = copyOfProject("project-knowledge");
        String intake = TestFolders.read(copy, "helpdesk/intake.yaml");
        TestFolders.write(copy, "helpdesk/intake.yaml", intake.replaceFirst("    max: 2\n", "    max: 5\n")
                .replaceFirst("    found: geholpen\n", "    found: geholpen_niet\n"));
        LoadResult r = DialogLoader.load(copy);
        String all = r.errors().toString();
        assertTrue(all.contains("max: 1 or 2 articles"), all);
        assertTrue(all.contains("geholpen_niet"), all);
        // A broken article stops the start too, with its file and field.
        TestFolders.write(copy, "helpdesk/intake.yaml", intake);
        TestFolders.write(copy, "knowledge/anbi-status.md", TestFolders.read(copy, "knowledge/anbi-status.md").replace("audience: organisaties", "audience: iedereen"));
        LoadResult broken = DialogLoader.load(copy);
        assertTrue(broken.errors().toString().contains("knowledge/anbi-status.md: audience: one of"), broken.errors().toString());
    }

    @Test
    void aWrongRoutingFileStopsTheStartWithItsPlaceInTheFile() {
        add("routing.yaml", "luisterlijn:\n  districts: {slot: stadsdeel, names: [Centrum], whole_line_after: soon}\n");
        LoadResult r = load();
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertEquals("routing.yaml", r.errors().get(0).file());
        assertTrue(r.errors().get(0).message().contains("luisterlijn.districts.whole_line_after"), r.errors().toString());
    }

    @Test
    void everyBrokenFileIsReportedNotJustTheFirst() {
        change(INTAKE, "    collect: naam\n", "    collect: naam\n   x: [\n");
        add("extra.yaml", "id: [unclosed\n");
        LoadResult r = load();
        assertEquals(List.of("extra.yaml", INTAKE), r.errors().stream().map(DialogError::file).sorted().toList());
    }

    @Test
    void aDialogInAFileThatCannotBeParsedIsNamedAsThePossibleCause() {
        LoadResult r = change(HUMAN, "start: overdragen\n", "start: overdragen\n  x: [\n").load();
        assertEquals(List.of(ErrorCode.MISSING_TARGET.code(), ErrorCode.YAML_SYNTAX.code()), TestFolders.codes(r));
        assertTrue(r.errors().stream().anyMatch(e -> e.code().equals("MISSING_TARGET")
                && e.message().contains("shared/human.yaml could not be parsed")), r.errors().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"01\"", "a", "100", "\"-1\""})
    void digitsAreZeroToNinetyNine(String digit) {
        assertOnly(change(INTAKE, "      - digit: \"2\"\n", "      - digit: " + digit + "\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "vraag", "a digit is 0 to 99");
    }

    // ----- UNKNOWN_KEY -----

    @Test
    void unknownKeyAtTheTopOfADialog() {
        assertOnly(change(INTAKE, "line: luisterlijn\n", "line: luisterlijn\ntitle: Intake\n").load(),
                ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", null, "'title' in a dialog file");
    }

    @Test
    void unknownKeySuggestsTheNearestKey() {
        assertOnly(change(INTAKE, "    next: bedankt\n", "    next: bedankt\n    retires: 3\n").load(),
                ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "naam", "did you mean 'retries'?");
    }

    @Test
    void unknownKeyInARoute() {
        assertOnly(change(INTAKE, "        goto: naam\n", "        goto: naam\n        label: praten\n").load(),
                ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "vraag", "'label' in route 1");
    }

    @Test
    void unknownKeyInNoMatchAndNoInput() {
        LoadResult r = change(INTAKE, "        goto: klaar\n", "        goto: klaar\n"
                + "    no_match: {tries: 2, goto: klaar}\n    no_input: {after: PT1H, goto: klaar, wait: 1}\n").load();
        assertOnly(r, ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "vraag", "'tries' in no_match");
        assertOnly(r, ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "vraag", "'wait' in no_input");
    }

    @Test
    void unknownKeyInHandoff() {
        assertOnly(change(CRISIS, "reason: crisis}", "reason: crisis, urgent: true}").load(),
                ErrorCode.UNKNOWN_KEY, CRISIS, "crisis", "overdragen", "'urgent' in handoff");
    }

    @Test
    void unknownKeyInSchedule() {
        assertOnly(change(INTAKE, "    next: klaar\n  klaar:", "    next: later\n  later:\n"
                + "    schedule: {timer: herinnering, after: PT24H, goto: klaar, repeat: 3}\n    next: klaar\n  klaar:").load(),
                ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "later", "'repeat' in schedule");
    }

    @Test
    void unknownKeyInAChoice() {
        assertOnly(change(INTAKE, "    collect: naam\n", "    collect: naam\n    type: choice\n    choices:\n"
                + "      - {value: a, label: {nl: A, en: A}, text: a}\n").load(),
                ErrorCode.UNKNOWN_KEY, INTAKE, "luisterlijn_intake", "naam", "'text' in choice 1");
    }

    @Test
    void unknownKeyInInterrupts() {
        LoadResult r = change(INTERRUPTS, "  dialog: human\n", "  dialog: human\ngreeting: hallo\n")
                .change(INTERRUPTS, "  intents: [stop]\n", "  intents: [stop]\n  reply: x\n").load();
        assertOnly(r, ErrorCode.UNKNOWN_KEY, INTERRUPTS, null, null, "'greeting' in interrupts.yaml");
        assertOnly(r, ErrorCode.UNKNOWN_KEY, INTERRUPTS, null, null, "'reply' in the stop interrupt");
    }

    // ----- MISSING_KEY -----

    @Test
    void aSayWithoutNext() {
        assertOnly(change(INTAKE, "en: \"Thank you, {slots.naam}.\"}\n    next: klaar\n", "en: \"Thank you, {slots.naam}.\"}\n").load(),
                ErrorCode.MISSING_KEY, INTAKE, "luisterlijn_intake", "bedankt", "has no 'next'");
    }

    @Test
    void aDialogsWayToAPersonMustBeAHandoffOfItsOwn() {
        assertOnly(change(INTAKE, "start: vraag\n", "start: vraag\nhuman: vraag\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", null, "human: 'vraag' must be a step of this dialog that is (or leads");
        assertOnly(change(INTAKE, "start: vraag\n", "start: vraag\nhuman: nergens\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", null, "a handoff, where a request for a person goes");
    }

    @Test
    void aHandoffWithoutReason() {
        assertOnly(change(HUMAN, "handoff: {reason: asked_for_human}", "handoff: {queue: luisterlijn}").load(),
                ErrorCode.MISSING_KEY, HUMAN, "human", "overdragen", "has no 'reason'");
    }

    @Test
    void interruptsWithoutNotUnderstood() {
        assertOnly(change(INTERRUPTS, "not_understood: {nl: \"Sorry, dat begreep ik niet.\", en: \"Sorry, I didn't understand that.\"}\n", "").load(),
                ErrorCode.MISSING_KEY, INTERRUPTS, null, null, "'not_understood'");
    }

    @Test
    void aDialogWithoutId() {
        assertOnly(add("extra.yaml", "start: a\nsteps:\n  a:\n    end: completed\n").load(),
                ErrorCode.MISSING_KEY, "extra.yaml", null, null, "has no 'id'");
    }

    // ----- AMBIGUOUS_STEP -----

    @Test
    void aStepThatIsText() {
        assertOnly(change(INTAKE, "  bedankt:\n    say: {nl: \"Dank je, {slots.naam}.\", en: \"Thank you, {slots.naam}.\"}\n    next: klaar\n",
                "  bedankt: \"Dank je\"\n").load(), ErrorCode.AMBIGUOUS_STEP, INTAKE, "luisterlijn_intake", "bedankt", "not a map");
    }

    @Test
    void aStepWithTwoKinds() {
        assertOnly(change(INTAKE, "    end: completed\n", "    end: completed\n    goto_dialog: human\n").load(),
                ErrorCode.AMBIGUOUS_STEP, INTAKE, "luisterlijn_intake", "klaar", "goto_dialog and end");
    }

    @Test
    void aStepWithoutAKindKey() {
        assertOnly(change(INTAKE, "    say: {nl: \"Dank je, {slots.naam}.\", en: \"Thank you, {slots.naam}.\"}\n",
                "    text: {nl: \"Dank je.\", en: \"Thanks.\"}\n").load(),
                ErrorCode.AMBIGUOUS_STEP, INTAKE, "luisterlijn_intake", "bedankt", "cannot tell");
    }

    // ----- MISSING_TARGET -----

    @Test
    void gotoDialogToAnUnknownDialog() {
        assertOnly(change(INTAKE, "    end: completed\n    say: {nl: \"Tot ziens.\", en: \"Goodbye.\"}\n", "    goto_dialog: humann\n").load(),
                ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", "klaar", "did you mean 'human'?");
    }

    @Test
    void gotoDialogToAnUnknownStep() {
        assertOnly(change(INTAKE, "    end: completed\n    say: {nl: \"Tot ziens.\", en: \"Goodbye.\"}\n",
                "    goto_dialog: human\n    step: wachten\n").load(),
                ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", "klaar", "'wachten', which is not a step of dialog 'human'");
    }

    @Test
    void interruptsNamingNoDialog() {
        LoadResult r = change(INTERRUPTS, "  dialog: human\n", "  dialog: mens\n").load();
        assertOnly(r, ErrorCode.MISSING_TARGET, INTERRUPTS, null, null, "the human dialog is 'mens'");
    }

    @Test
    void aStartNamingNoStep() {
        assertOnly(change(INTAKE, "start: vraag\n", "start: welkom\n").load(),
                ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", null, "start names 'welkom'");
    }

    @Test
    void elseOnFailAndScheduleGotoNamingNoStep() {
        LoadResult r = change(INTAKE, "    next: bedankt\n", "    on_fail: hulp\n    next: kies\n  kies:\n"
                + "    branch:\n      - if: {slot: naam, present: true}\n        goto: bedankt\n    else: anders\n"
                + "  plan:\n    schedule: {timer: t, after: PT1H, goto: later}\n    next: klaar\n")
                .change(INTAKE, "      - digit: \"2\"\n", "      - digit: \"3\"\n        goto: plan\n      - digit: \"2\"\n").load();
        assertOnly(r, ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", "naam", "on_fail names 'hulp'");
        assertOnly(r, ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", "kies", "else names 'anders'");
        assertOnly(r, ErrorCode.MISSING_TARGET, INTAKE, "luisterlijn_intake", "plan", "schedule goto names 'later'");
    }

    // ----- waiting_routes: ways out of a wait at any moment, by an explicit choice -----

    private static final String WAIT = "    handoff: {reason: asked_for_human}\n";
    private static final String DRINGEND = "  dringend:\n    handoff: {priority: urgent, reason: urgent_help}\n"
            + "    say: {nl: \"Je gaat voor.\", en: \"You go first.\"}\n"
            + "    unanswered: {after: PT5M, say: {nl: \"Nog niemand.\", en: \"Nobody yet.\"}}\n";

    @Test
    void waitingRoutesLeadToAStepOfTheDialog() {
        assertEquals(List.of(), change(HUMAN, WAIT, WAIT + "    waiting_routes: [{digit: \"0\", keywords: [dringend], goto: dringend}]\n")
                .appendTo(HUMAN, DRINGEND).load().errors());
        assertOnly(change(HUMAN, WAIT, WAIT + "    waiting_routes: [{digit: \"0\", goto: nergens}]\n").load(),
                ErrorCode.MISSING_TARGET, HUMAN, "human", "overdragen", "nergens");
    }

    @Test
    void waitingRoutesAreTakenOnlyByAnExplicitChoice() {
        assertOnly(change(HUMAN, WAIT, WAIT + "    waiting_routes: [{digit: \"0\", intents: [affirm], goto: dringend}]\n")
                .appendTo(HUMAN, DRINGEND).load(),
                ErrorCode.INVALID_VALUE, HUMAN, "human", "overdragen", "waiting route 1 lists intents");
    }

    @Test
    void waitingRoutesBelongToANormalWaitWithoutNext() {
        assertOnly(change(HUMAN, WAIT, "    handoff: {priority: urgent, reason: crisis}\n"
                        + "    unanswered: {after: PT5M, say: {nl: \"Nog niemand.\", en: \"Nobody yet.\"}}\n"
                        + "    waiting_routes: [{digit: \"0\", goto: dringend}]\n").appendTo(HUMAN, DRINGEND).load(),
                ErrorCode.INVALID_VALUE, HUMAN, "human", "overdragen", "may not offer waiting_routes");
        assertOnly(change(HUMAN, WAIT, WAIT + "    next: dringend\n    waiting_routes: [{digit: \"0\", goto: dringend}]\n")
                        .appendTo(HUMAN, DRINGEND).load(),
                ErrorCode.INVALID_VALUE, HUMAN, "human", "overdragen", "remove waiting_routes or next");
    }

    @Test
    void aWaitingRouteSharesNoDigitWithTheOfferAfterTheWait() {
        assertOnly(change(HUMAN, WAIT, WAIT + "    unanswered: {after: PT5M, say: {nl: \"Toets 0.\", en: \"Press 0.\"},"
                        + " routes: [{digit: \"0\", goto: dringend}]}\n"
                        + "    waiting_routes: [{digit: \"0\", goto: dringend}]\n").appendTo(HUMAN, DRINGEND).load(),
                ErrorCode.DUPLICATE_ID, HUMAN, "human", "overdragen", "uses digit 0, which a route of unanswered uses too");
        assertOnly(change(HUMAN, WAIT, WAIT + "    unanswered: {after: PT5M, say: {nl: \"Toets 1.\", en: \"Press 1.\"},"
                        + " routes: [{digit: \"1\", keywords: [Dringend], goto: dringend}]}\n"
                        + "    waiting_routes: [{digit: \"0\", keywords: [dringend], goto: dringend}]\n").appendTo(HUMAN, DRINGEND).load(),
                ErrorCode.DUPLICATE_ID, HUMAN, "human", "overdragen", "has keyword 'dringend', which a route of unanswered has too");
    }

    // ----- UNREACHABLE_STEP -----

    @Test
    void aStepReachedOnlyByGotoDialogFromElsewhereIsReachable() {
        LoadResult r = change(HUMAN, "  overdragen:\n", "  terugbellen:\n    handoff: {reason: callback}\n    next: klaar\n"
                + "  klaar:\n    end: callback_requested\n  overdragen:\n")
                .change(INTAKE, "    end: completed\n    say: {nl: \"Tot ziens.\", en: \"Goodbye.\"}\n",
                        "    goto_dialog: human\n    step: terugbellen\n").load();
        assertEquals(List.of(), r.errors());
    }

    // ----- DUPLICATE_ID -----

    @Test
    void twoDialogsWithOneId() {
        assertOnly(add("zz/copy.yaml", TestFolders.read(TestFolders.valid(), HUMAN)).load(),
                ErrorCode.DUPLICATE_ID, "zz/copy.yaml", "human", null, "also used by shared/human.yaml");
    }

    @Test
    void twoRoutesWithOneDigit() {
        assertOnly(change(INTAKE, "      - digit: \"2\"\n", "      - digit: 1\n").load(),
                ErrorCode.DUPLICATE_ID, INTAKE, "luisterlijn_intake", "vraag", "route 2 uses digit 1, which route 1");
    }

    @Test
    void aKeyWrittenTwiceInAStep() {
        assertOnly(change(INTAKE, "    next: bedankt\n", "    next: bedankt\n    next: klaar\n").load(),
                ErrorCode.DUPLICATE_ID, INTAKE, "luisterlijn_intake", "naam", "'next' is written twice");
    }

    @Test
    void aKeyWrittenTwiceInARouteNamesThePath() {
        assertOnly(change(INTAKE, "        goto: naam\n", "        goto: naam\n        goto: klaar\n").load(),
                ErrorCode.DUPLICATE_ID, INTAKE, "luisterlijn_intake", "vraag", "written twice in vraag.routes[0] (lines 12 and 13)");
    }

    @Test
    void anIntentDefinedTwice() {
        assertOnly(add("nlu/intents/stop2.yaml", "intent: stop\nexamples: {nl: [stop], en: [stop]}\n").load(),
                ErrorCode.DUPLICATE_ID, "nlu/intents/stop2.yaml", null, null, "also defined in nlu/intents/stop.yaml");
    }

    // ----- ASK_WITHOUT_ROUTES -----

    @Test
    void anAskWithoutRoutes() {
        assertOnly(change(HUMAN, "handoff: {reason: asked_for_human}", "handoff: {reason: asked_for_human}\n    next: vraag")
                .appendTo(HUMAN, "  vraag:\n    ask: {nl: \"Waarom?\", en: \"Why?\"}\n").load(),
                ErrorCode.ASK_WITHOUT_ROUTES, HUMAN, "human", "vraag", "has no routes");
    }

    // ----- UNKNOWN_PLACEHOLDER -----

    @ParameterizedTest
    @ValueSource(strings = {"{contact.age}", "{facts.weather}", "{user.name}", "{Slots.naam}", "{slots.naam }", "{naam}"})
    void placeholdersThatCannotBeFilled(String placeholder) {
        assertOnly(change(INTAKE, "{nl: \"Tot ziens.\"", "{nl: \"Tot ziens " + placeholder + ".\"").load(),
                ErrorCode.UNKNOWN_PLACEHOLDER, INTAKE, "luisterlijn_intake", "klaar", placeholder);
    }

    @Test
    void slotsSavedBySetInAnotherDialogAndPlaceholdersInSetValuesAreChecked() {
        LoadResult ok = change(HUMAN, "    handoff: {reason: asked_for_human}\n", "    handoff: {reason: asked_for_human}\n    next: onthoud\n")
                .appendTo(HUMAN, "  onthoud:\n    set: {reden: \"{slots.naam} wil praten\"}\n"
                        + "    next: klaar\n  klaar:\n    end: handed_off\n    say: {nl: \"Reden: {slots.reden}\", en: \"Reason: {slots.reden}\"}\n")
                .load();
        assertEquals(List.of(), ok.errors());
        assertOnly(change(HUMAN, "    handoff: {reason: asked_for_human}\n", "    handoff: {reason: asked_for_human}\n    next: onthoud\n")
                .appendTo(HUMAN, "  onthoud:\n    set: {reden: \"{slots.name}\"}\n    next: klaar\n  klaar:\n    end: handed_off\n").load(),
                ErrorCode.UNKNOWN_PLACEHOLDER, HUMAN, "human", "onthoud", "set reden has {slots.name}");
    }

    @Test
    void placeholdersInInterruptsAreChecked() {
        assertOnly(change(INTERRUPTS, "\"Je bent afgemeld.\"", "\"Je bent afgemeld, {contact.voornaam}.\"").load(),
                ErrorCode.UNKNOWN_PLACEHOLDER, INTERRUPTS, null, null, "{contact.voornaam}");
    }

    // ----- UNKNOWN_INTENT -----

    @Test
    void anUnknownIntentInInterrupts() {
        assertOnly(change(INTERRUPTS, "  keywords: [medewerker, human]\n", "  keywords: [medewerker, human]\n  intents: [talk_to_human]\n").load(),
                ErrorCode.UNKNOWN_INTENT, INTERRUPTS, null, null, "'talk_to_human'");
    }

    @Test
    void outOfScopeIsAlwaysKnownButNeverARouteOrInterrupt() {
        LoadResult r = change(INTAKE, "intents: [want_to_talk]", "intents: [want_to_talk, out_of_scope]")
                .change(INTERRUPTS, "intents: [stop]", "intents: [stop, out_of_scope]").load();
        assertOnly(r, ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "vraag", "listens for out_of_scope, which never matches");
        assertOnly(r, ErrorCode.INVALID_VALUE, INTERRUPTS, null, null, "every message that is not understood");
        assertTrue(DialogLoader.load(TestFolders.valid()).dialogSet().intents().contains("out_of_scope"));
    }

    // ----- MISSING_TRANSLATION -----

    @Test
    void aTextInOneLanguageOnly() {
        assertOnly(change(INTAKE, "{nl: \"Tot ziens.\", en: \"Goodbye.\"}", "\"Tot ziens.\"").load(),
                ErrorCode.MISSING_TRANSLATION, INTAKE, "luisterlijn_intake", "klaar", "in both languages");
    }

    @Test
    void aTextInAnotherLanguage() {
        assertOnly(change(INTAKE, "{nl: \"Tot ziens.\", en: \"Goodbye.\"}", "{nl: \"Tot ziens.\", en: \"Goodbye.\", de: \"Tschüss.\"}").load(),
                ErrorCode.MISSING_TRANSLATION, INTAKE, "luisterlijn_intake", "klaar", "'de'");
    }

    @Test
    void anEmptyTranslation() {
        assertOnly(change(INTAKE, "en: \"Goodbye.\"", "en: \"  \"").load(),
                ErrorCode.MISSING_TRANSLATION, INTAKE, "luisterlijn_intake", "klaar", "no en text");
    }

    @Test
    void languageKeywordsForEveryLanguage() {
        assertOnly(change(INTERRUPTS, "human:\n", "language:\n  keywords: {nl: [nederlands]}\n"
                + "  say: {nl: \"Nederlands.\", en: \"English.\"}\nhuman:\n").load(),
                ErrorCode.MISSING_TRANSLATION, INTERRUPTS, null, null, "switch to en");
    }

    // ----- INVALID_VALUE -----

    @ParameterizedTest
    @ValueSource(strings = {"30m", "PT0S", "-PT5M", "P1X", "[PT5M]"})
    void badDurations(String after) {
        assertOnly(change(INTAKE, "        goto: klaar\n", "        goto: klaar\n    no_input: {after: " + after + ", goto: klaar}\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "vraag", "after");
    }

    @Test
    void aBadPriority() {
        assertOnly(change(CRISIS, "priority: urgent", "priority: high").load(), ErrorCode.INVALID_VALUE,
                CRISIS, "crisis", "overdragen", "use normal or urgent");
    }

    @Test
    void negativeRetries() {
        assertOnly(change(INTAKE, "    next: bedankt\n", "    retries: -1\n    next: bedankt\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "naam", "'retries'");
    }

    @Test
    void aChoiceWithoutChoices() {
        assertOnly(change(INTAKE, "    collect: naam\n", "    collect: naam\n    type: choice\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "naam", "type: choice needs choices");
    }

    @Test
    void idsWithCapitalsOrSpaces() {
        LoadResult r = change(INTAKE, "id: luisterlijn_intake", "id: Luisterlijn-Intake")
                .change(INTAKE, "    collect: naam\n", "    collect: Naam\n")
                .change(INTAKE, "{slots.naam}.\", en", "{slots.naam}.\", en").load();
        assertEquals(List.of(ErrorCode.INVALID_VALUE.code(), ErrorCode.UNKNOWN_PLACEHOLDER.code()), TestFolders.codes(r),
                r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().contains("'Luisterlijn-Intake'")
                && e.message().contains("'luisterlijn_intake'")), r.errors().toString());
    }

    @Test
    void twoDialogsClaimingOneLine() {
        assertOnly(change(HUMAN, "id: human\n", "id: human\nline: luisterlijn\n").load(), ErrorCode.INVALID_VALUE,
                HUMAN, "human", null, "also claimed by dialog 'luisterlijn_intake' (luisterlijn/intake.yaml)");
    }

    @Test
    void aLineWithoutAnEntryDialogIsFine() {
        LoadResult r = change(INTAKE, "line: luisterlijn\n", "").load();
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), r.dialogSet().lines());
    }

    @Test
    void aTimerNamedLikeTheEnginesOwn() {
        assertOnly(change(INTAKE, "    next: klaar\n  klaar:", "    next: later\n  later:\n"
                + "    schedule: {timer: no_input, after: PT24H, goto: klaar}\n    next: klaar\n  klaar:").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "later", "engine's own timer");
    }

    @Test
    void aHandoffsTextForACallerOnHoldIsCheckedAndOnlyForAWait() {
        assertTrue(change(HUMAN, "    while_waiting:\n", "    on_hold: {nl: \"Blijf even aan de lijn.\", en: \"Please hold on.\"}\n    while_waiting:\n")
                .load().ok(), "a waiting handoff may have on_hold");
        assertOnly(change(HUMAN, "    while_waiting:\n", "    on_hold: {nl: \"Blijf even aan de lijn.\", en: \"Please hold on.\"}\n    next: klaar\n"
                        + "    while_waiting:\n").appendTo(HUMAN, "  klaar:\n    end: completed\n    say: {nl: \"Tot ziens.\", en: \"Goodbye.\"}\n").load(),
                ErrorCode.INVALID_VALUE, HUMAN, "human", "overdragen", "on_hold is said to a caller who waits on the line");
        assertOnly(change(HUMAN, "    while_waiting:\n", "    on_hold: {nl: \"Bel anders 0800 0113.\", en: \"Or call 0800-0113.\"}\n    while_waiting:\n").load(),
                ErrorCode.HELPLINE_NUMBER, HUMAN, "human", "overdragen", "the exact number is 0800-0113");
    }

    @Test
    void aTextStepsAheadPatternsMustCompileAndNameTheirValue() {
        String step = "    ask: {nl: \"Hoe heet je?\", en: \"What is your name?\"}\n";
        assertOnly(change(INTAKE, step, step + "    ahead: ['ik ben (\\w+)']\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "naam", "needs a group (?<value>...)");
        assertOnly(change(INTAKE, step, step + "    ahead: ['ik ben (?<value>[a-z']\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "naam", "not a valid pattern");
        assertOnly(change(INTAKE, step, step + "    type: email\n    ahead: ['mail (?<value>\\S+)']\n").load(),
                ErrorCode.INVALID_VALUE, INTAKE, "luisterlijn_intake", "naam", "ahead is for a text answer");
        assertTrue(change(INTAKE, step, step + "    ahead: ['(?i:ik ben)\\s+(?<value>\\p{Lu}\\p{L}+)']\n").load().ok());
    }

    // ----- HELPLINE_NUMBER -----

    @ParameterizedTest
    @ValueSource(strings = {"0900-0113", "0800 0113", "08000113", "0800-113", "0800.0113", "+31 800 0113", "0113"})
    void theHelplineWrittenInAnotherFormAnywhere(String wrong) {
        assertOnly(change(INTAKE, "{nl: \"Tot ziens.\"", "{nl: \"Tot ziens. Hulp nodig? Bel " + wrong + ".\"").load(),
                ErrorCode.HELPLINE_NUMBER, INTAKE, "luisterlijn_intake", "klaar", "the exact number is 0800-0113");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0900-0767", "088 0767 000", "0880767000", "088-0767 000", "0767 000"})
    void theNationalListeningLineWrittenInAnotherForm(String wrong) {
        assertOnly(change(INTAKE, "{nl: \"Tot ziens.\"", "{nl: \"Tot ziens. Praten? Bel " + wrong + ".\"").load(),
                ErrorCode.HELPLINE_NUMBER, INTAKE, "luisterlijn_intake", "klaar", "its number is 088-0767000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0800-0113", "113", "regel 10113", "112", "postcode 2011 AB", "088-0767000", "regel 20767", "NL12 ABNA 0767 1234 56"})
    void otherNumbersAreFine(String text) {
        assertEquals(List.of(), change(INTAKE, "{nl: \"Tot ziens.\"", "{nl: \"Tot ziens, " + text + ".\"").load().errors());
    }

    @Test
    void theCrisisDialogNeedsEveryNumberInBothLanguages() {
        LoadResult r = change(CRISIS, " In acute danger, call 112.", "").load();
        assertOnly(r, ErrorCode.HELPLINE_NUMBER, CRISIS, "crisis", null, "en messages lack 112");
        assertEquals(1, r.errors().size());
    }

    @Test
    void theCrisisHandoffNeedsItsAcknowledgementTimer() {
        LoadResult r = change(CRISIS, "    unanswered: {after: PT5M, say: {nl: \"Nog niemand vrij? Bel 113 of 0800-0113 (gratis). Gevaar: 112.\","
                + " en: \"Nobody free yet? Call 113 or 0800-0113 (free). Danger: 112.\"}}", "").load();
        assertOnly(r, ErrorCode.HELPLINE_NUMBER, CRISIS, "crisis", null, "has no unanswered");
    }

    @Test
    void theUnansweredCrisisMessageGivesEveryNumber() {
        LoadResult r = change(CRISIS, " Danger: 112.", "").load();
        assertOnly(r, ErrorCode.HELPLINE_NUMBER, CRISIS, "crisis", null, "unanswered en message lacks 112");
        assertEquals(1, r.errors().size());
    }

    @Test
    void unansweredWaitsBetweenAMinuteAndADay() {
        LoadResult tooSoon = change(CRISIS, "after: PT5M", "after: PT30S").load();
        assertEquals(List.of(ErrorCode.INVALID_VALUE.code()), TestFolders.codes(tooSoon), () -> tooSoon.errors().toString());
        assertTrue(tooSoon.errors().get(0).message().contains("PT1M to PT24H"), tooSoon.errors().toString());
        fresh();
        LoadResult tooLate = change(CRISIS, "after: PT5M", "after: P2D").load();
        assertEquals(List.of(ErrorCode.INVALID_VALUE.code()), TestFolders.codes(tooLate), () -> tooLate.errors().toString());
    }

    @Test
    void theCrisisDialogNeedsAnUrgentHandoff() {
        assertOnly(change(CRISIS, "priority: urgent, ", "").load(), ErrorCode.HELPLINE_NUMBER, CRISIS, "crisis", null,
                "priority urgent");
    }

    @Test
    void theNumbersMustComeBeforeTheCrisisDialogWaits() {
        assertOnly(change(CRISIS, "start: nummers", "start: vraag").change(CRISIS, "steps:\n", "steps:\n  vraag:\n"
                + "    ask: {nl: \"Ben je veilig?\", en: \"Are you safe?\"}\n    routes:\n      - {digit: 1, goto: nummers}\n").load(),
                ErrorCode.HELPLINE_NUMBER, CRISIS, "crisis", null, "before it waits");
    }

    // ----- LOOP_WITHOUT_WAIT -----

    @Test
    void aLoopAcrossDialogs() {
        LoadResult r = change(HUMAN, "    handoff: {reason: asked_for_human}\n", "    handoff: {reason: asked_for_human}\n    next: terug\n")
                .appendTo(HUMAN, "  terug:\n    goto_dialog: luisterlijn_intake\n    step: bedankt\n")
                .change(INTAKE, "    next: klaar\n  klaar:", "    next: mens\n  mens:\n    goto_dialog: human\n  klaar:").load();
        assertOnly(r, ErrorCode.LOOP_WITHOUT_WAIT, INTAKE, "luisterlijn_intake", "bedankt",
                "bedankt -> mens -> human/overdragen -> human/terug -> bedankt");
        assertEquals(1, r.errors().size());
    }

    @Test
    void aLoopThroughBranchAndSet() {
        assertOnly(change(INTAKE, "    next: klaar\n  klaar:", "    next: kies\n  kies:\n    branch:\n"
                + "      - if: {slot: naam, equals: Piet}\n        goto: klaar\n    else: zet\n  zet:\n    set: {naam: Piet}\n"
                + "    next: kies\n  klaar:").load(), ErrorCode.LOOP_WITHOUT_WAIT, INTAKE, "luisterlijn_intake", "kies",
                "kies -> zet -> kies");
    }

    @Test
    void aLoopThroughAQuestionIsFine() {
        assertEquals(List.of(), change(INTAKE, "    next: klaar\n  klaar:", "    next: vraag\n  klaar:").load().errors());
    }

    // ----- how errors print -----

    @Test
    void errorsPrintFileDialogStepCodeAndMessage() {
        assertEquals("a.yaml: d/s: [MISSING_KEY] m", new DialogError("MISSING_KEY", "a.yaml", "d", "s", "m").toString());
        assertEquals("a.yaml: d: [MISSING_KEY] m", new DialogError("MISSING_KEY", "a.yaml", "d", null, "m").toString());
        assertEquals("a.yaml: [YAML_SYNTAX] m", new DialogError("YAML_SYNTAX", "a.yaml", null, null, "m").toString());
    }

    // ----- the helpdesk's bookings -----

    @Test
    void aBrokenBookingsFileStopsTheStartWithItsPlace() {
        LoadResult r = add("bookings.yaml", "offer: 9\nclosed: [{from: \"13-01\", to: \"01-05\", why: kerst}]\n").load();
        assertNull(r.dialogSet());
        assertTrue(r.errors().stream().allMatch(e -> e.file().equals("bookings.yaml") && e.code().equals("INVALID_VALUE")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().startsWith("offer: 1 to 5")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().startsWith("closed[1].from")), r.errors().toString());
    }

    @Test
    void aBookStepNeedsItsTextsAndStepsThatExist() {
        LoadResult r = appendTo(INTAKE, """
                  kiezen:
                    book: stadsdeel
                    ask: {nl: "Wanneer past het?", en: "When?"}
                    other: {nl: "Geen", en: "None"}
                    booked: bestaat_niet
                    none: bestaat_ook_niet
                """).load();
        assertNull(r.dialogSet());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().contains("taken")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.code().equals("MISSING_TARGET") && e.message().contains("bestaat_niet")), r.errors().toString());
    }
}
