package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.dialog.LoadResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden conversations: every file in {@code src/test/resources/golden/*.yaml} is played through the
 * real {@link Engine} with the real dialogs from {@code dialogs/}, and each turn's replies, buttons and
 * events must equal what the file says. The language model is not involved: a turn states what the
 * language layer would have understood, so these tests say how the dialogs behave, not how well the
 * model guesses.
 *
 * <h2>File format</h2>
 * <pre>
 * description: "what this conversation shows"      # optional
 * line: luisterlijn                                 # the line whose entry dialog answers
 * language: nl                                      # the session's language at the start (default nl)
 * contact: {first_name: "Ans", phone: "+31612345678"}   # optional {contact.*} fields
 * opted_out: false                                  # optional; the contact said STOP before
 * facts: {queue_position: "2"}                      # optional; defaults below
 * times:                                            # optional: the helpdesk's bookable times (Dutch time);
 *   - {id: e1, district: Escamp, start: "2026-11-24T14:00", kind: accounthouder, holder: Sanne, place: telefonisch}
 *   - {id: e2, district: Escamp, start: "2026-11-25T10:30", kind: popup, place: "Buurthuis", taken: "true"}
 *                                                   #   taken: someone else books it just before it is chosen;
 *                                                   #   facts: {invite_links: "false"}: no calendar invite links
 * turns:
 *   - note: "why this turn matters"                 # optional, kept when the file is rewritten
 *     advance: PT15M                                # optional: the fake clock moves on first
 *     user: "ik zoek subsidie"                      # a message ...
 *     intent: subsidy_funding                       #   ... with what the language layer understood:
 *     written: en                                   #   the language it is written in (nl, en, or
 *                                                   #   another's ISO 639-3 code such as spa),
 *     crisis: true                                  #   a crisis signal (or its kind: crisis: acute_danger),
 *     entities: {stadsdeel: "Escamp"}               #   entities found
 *   - timer: no_input                               # or: the pending timer of that name fires, as
 *                                                   #   scheduled (clock moves to its due time)
 *   - begin: telefooncirkel_checkin                 # or: the service starts a dialog (null = line entry)
 *   - staff: take_over                              # or: staff take over (AGENT), close (CLOSED) or
 *                                                   #   release (BOT); no engine turn runs
 *     bot: ["expected replies, in order"]
 *     buttons: ["Ja (1)", "Nee (2)"]                # quick replies offered in the turn, label (digit)
 *     events: ["HandoffRequested(luisterlijn,URGENT,crisis)", "TimerScheduled(no_input,+PT2H)",
 *              "SlotFilled(email=ans@voorbeeld.nl)", "ConversationEnded(checkin_ok)"]
 * </pre>
 * A missing bot, buttons or events list means "none". The fake clock starts at {@link #START}; the
 * harness plays the parts of the runner the engine relies on: pending timers (replaced by name,
 * dropped when cancelled or fired) and the contact's opt-out after OptedOut / OptedIn.
 *
 * <h2>Rewriting</h2>
 * {@code mvn test -Dtest=GoldenConversationTest -Dgolden.update=true} writes the actual replies and
 * events back into every file (wholesale, in one stable layout: use {@code description} and
 * {@code note} instead of comments). Read the diff as a resident would before committing it.
 */
class GoldenConversationTest {
    static final Instant START = Instant.parse("2026-11-22T09:00:00Z");
    static final Path DIALOGS = Path.of("dialogs");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static DialogSet dialogs;

    static synchronized DialogSet dialogs() {
        if (dialogs == null) {
            LoadResult r = DialogLoader.load(DIALOGS);
            if (!r.ok()) {
                StringBuilder b = new StringBuilder("dialogs/ does not load:\n");
                r.errors().forEach(e -> b.append("  ").append(e).append('\n'));
                fail(b.toString());
            }
            dialogs = r.dialogSet();
        }
        return dialogs;
    }

    static List<Path> goldenFiles() throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> conversations() throws IOException {
        List<Path> files = goldenFiles();
        assertTrue(files.size() > 0, "no golden files in " + GOLDEN);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        GoldenFile golden = GoldenFile.read(file);
        Played played = play(golden, dialogs());
        if (UPDATE) {
            String rendered = golden.withTurns(played.turns()).render();
            if (!rendered.equals(Files.readString(file))) Files.writeString(file, rendered);
            return;
        }
        for (int i = 0; i < golden.turns().size(); i++) {
            GoldenFile.Turn t = golden.turns().get(i);
            assertEquals(t.expected().render(), played.turns().get(i).expected().render(),
                    file.getFileName() + ", turn " + (i + 1) + " (" + t.describe() + ")");
        }
    }

    // ----- playing a conversation -----

    /** A timer as the engine asked for it; the harness fires it with exactly these values. */
    private record Pending(Instant dueAt, String target, long token) {}

    /** Where the conversation rested after each turn: "dialog/step", for the coverage check. */
    record Played(List<GoldenFile.Turn> turns, List<String> restingSteps) {}

    /** The project's knowledge base, for a conversation that says knowledge: true (links on an example address). */
    private static nl.omkijken.engine.Knowledge projectKnowledge;

    private static synchronized nl.omkijken.engine.Knowledge projectKnowledge() {
        if (projectKnowledge == null) {
            projectKnowledge = new nl.omkijken.knowledge.KnowledgeAnswers(new nl.omkijken.knowledge.KnowledgeIndex(
                    nl.omkijken.knowledge.KnowledgeBase.read(java.nio.file.Path.of("dialogs"))), "https://omkijken.example.nl");
        }
        return projectKnowledge;
    }

    static Played play(GoldenFile g, DialogSet set) {
        // Without knowledge: every knowledge step goes to its own short answer (none), as with an empty knowledge base.
        GoldenCalendar calendar = new GoldenCalendar(g.times(), !"false".equals(g.facts().get("invite_links")));
        Knowledge knowledge = g.knowledge() ? projectKnowledge() : Knowledge.NONE;
        Instant now = START;
        Session s = Session.fresh("golden", g.line(), g.language(), now);
        boolean optedOut = g.optedOut();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("queue_position", "3");
        facts.put("line_name", g.line());
        facts.put("today", "2026-11-22");
        facts.putAll(g.facts());
        Map<String, Pending> timers = new LinkedHashMap<>();
        List<GoldenFile.Turn> out = new ArrayList<>();
        List<String> resting = new ArrayList<>();
        for (GoldenFile.Turn t : g.turns()) {
            if (t.advance() != null) now = now.plus(t.advance());
            Input input = null;
            if (t.user() != null) {
                RiskLevel risk = "possible".equals(t.risk()) ? RiskLevel.POSSIBLE : null;
                RiskLevel ifSensitive = t.risk() == null ? null : RiskLevel.HIGH;
                input = new Input.Text(t.user(), new Understanding(
                        t.intent() == null ? Understanding.OUT_OF_SCOPE : t.intent(), t.intent() == null ? 0 : 0.9,
                        t.crisis(), t.written(), t.entities(), t.crisisKind(), risk, ifSensitive));
            } else if (t.timer() != null) {
                Pending p = timers.remove(t.timer());
                if (p == null) fail("turn '" + t.describe() + "': no timer '" + t.timer() + "' is pending; pending: " + timers.keySet());
                if (p.dueAt().isAfter(now)) now = p.dueAt();
                input = new Input.TimerFired(t.timer(), p.target(), p.token());
            } else if (t.begin() != null) {
                input = new Input.Begin(t.begin().isEmpty() ? null : t.begin());
            } else if (t.staff() != null) {
                s = s.withOwnership(switch (t.staff()) {
                    case "take_over" -> Ownership.AGENT;
                    case "close" -> Ownership.CLOSED;
                    default -> Ownership.BOT;
                });
            }
            if (input == null) {
                out.add(t.withExpected(GoldenFile.Expected.NONE));
                continue;
            }
            Contact contact = new Contact("golden-contact", g.contact(), optedOut);
            Engine.Turn turn = new Engine(set, knowledge, calendar.view()).handle(s, contact, input, now, facts);
            // The runner's part: a chosen time booked before the turn is kept; one just taken by someone else decides the
            // turn again, knowing it.
            Event.SlotChosen chosen = (Event.SlotChosen) turn.events().stream().filter(e -> e instanceof Event.SlotChosen).findFirst().orElse(null);
            if (chosen != null && !calendar.book(chosen.slotId())) {
                Map<String, String> knowing = new LinkedHashMap<>(facts);
                knowing.put(Engine.SLOT_TAKEN, chosen.slotId());
                turn = new Engine(set, knowledge, calendar.view()).handle(s, contact, input, now, knowing);
            }
            for (Event e : turn.events()) if (e instanceof Event.AppointmentCancelled c) calendar.cancel(c.bookingId());
            s = turn.session();
            List<String> bot = new ArrayList<>();
            List<String> buttons = new ArrayList<>();
            List<String> events = new ArrayList<>();
            for (Event e : turn.events()) {
                if (e instanceof Event.Reply r) {
                    bot.add(r.text());
                    r.buttons().forEach(b -> buttons.add(b.digit() == null ? b.label() : b.label() + " (" + b.digit() + ")"));
                    continue;
                }
                if (e instanceof Event.TimerScheduled ts) timers.put(ts.timer(), new Pending(ts.dueAt(), ts.target(), ts.token()));
                if (e instanceof Event.TimerCancelled tc) timers.remove(tc.timer());
                if (e instanceof Event.OptedOut) optedOut = true;
                if (e instanceof Event.OptedIn) optedOut = false;
                events.add(compact(e, now, s));
            }
            resting.add(s.dialog() + "/" + s.step());
            out.add(t.withExpected(new GoldenFile.Expected(bot, buttons, events)));
        }
        return new Played(out, resting);
    }

    /** Events as short strings; times relative to the turn's clock. */
    static String compact(Event e, Instant now, Session s) {
        if (e instanceof Event.HandoffRequested h) return "HandoffRequested(" + h.queue() + "," + h.priority() + "," + h.reason() + ")";
        if (e instanceof Event.CrisisDetected c) return "CrisisDetected(" + c.dialog() + "," + c.step() + ")";
        if (e instanceof Event.HandoffUnanswered u) {
            return "HandoffUnanswered(" + u.queue() + "," + u.priority() + "," + u.reason() + "," + u.waited() + ")";
        }
        if (e instanceof Event.TimerScheduled t) return "TimerScheduled(" + t.timer() + ",+" + Duration.between(now, t.dueAt()) + ")";
        if (e instanceof Event.TimerCancelled t) return "TimerCancelled(" + t.timer() + ")";
        if (e instanceof Event.LanguageChanged l) return "LanguageChanged(" + l.language() + ")";
        if (e instanceof Event.OptedOut) return "OptedOut";
        if (e instanceof Event.RiskQuestionAsked) return "RiskQuestionAsked";
        if (e instanceof Event.OptedIn) return "OptedIn";
        if (e instanceof Event.ConversationEnded c) return "ConversationEnded(" + c.outcome().id() + ")";
        if (e instanceof Event.SlotFilled f) return "SlotFilled(" + f.slot() + "=" + s.slots().get(f.slot()) + ")";
        if (e instanceof Event.Referred r) return "Referred(" + r.referral() + ")";
        if (e instanceof Event.Remembered r) return "Remembered(" + r.name() + "=" + r.value() + ")";
        if (e instanceof Event.SlotChosen c) return "SlotChosen(" + c.slotId() + ")";
        if (e instanceof Event.AppointmentCancelled c) return "AppointmentCancelled(" + c.bookingId() + ")";
        if (e instanceof Event.AppointmentMoved m) return "AppointmentMoved(" + m.earlierBookingId() + ")";
        return e.toString();
    }

    // ----- rules over all golden conversations -----

    private static final Pattern EXACT_113 = Pattern.compile("(?<![0-9-])113(?![0-9])");
    private static final Pattern EXACT_FREE = Pattern.compile("(?<![0-9])0800-0113(?![0-9])");
    private static final Pattern EXACT_112 = Pattern.compile("(?<![0-9])112(?![0-9])");

    static List<Played> playAll() throws IOException {
        List<Played> all = new ArrayList<>();
        for (Path f : goldenFiles()) all.add(play(GoldenFile.read(f), dialogs()));
        return all;
    }

    /** Whenever a crisis was detected, that same turn quotes 113, 0800-0113 and 112 exactly. */
    @Test
    void everyCrisisReplyQuotesTheHelplinesExactly() throws IOException {
        int crises = 0;
        for (Path f : goldenFiles()) {
            Played p = play(GoldenFile.read(f), dialogs());
            for (int i = 0; i < p.turns().size(); i++) {
                GoldenFile.Expected e = p.turns().get(i).expected();
                if (e.events().stream().noneMatch(x -> x.startsWith("CrisisDetected("))) continue;
                crises++;
                String said = String.join("\n", e.bot());
                String where = f.getFileName() + ", turn " + (i + 1) + ": ";
                if (e.events().stream().anyMatch(x -> x.startsWith("CrisisDetected(veilig_thuis,"))) {
                    // Violence at home: Veilig Thuis and 112, exactly, and the person first in the queue.
                    assertTrue(EXACT_112.matcher(said).find(), where + "no 112 in " + said);
                    assertTrue(said.contains("0800-2000"), where + "no Veilig Thuis 0800-2000 in " + said);
                    assertTrue(e.events().contains("HandoffRequested(" + GoldenFile.read(f).line() + ",URGENT,domestic_violence)"),
                            where + "no urgent handoff to the line's queue: " + e.events());
                    continue;
                }
                if (e.events().stream().anyMatch(x -> x.startsWith("CrisisDetected(dreiging,"))) {
                    // A threat to hurt someone else: 112, and a person at once.
                    assertTrue(EXACT_112.matcher(said).find(), where + "no 112 in " + said);
                    assertTrue(e.events().contains("HandoffRequested(" + GoldenFile.read(f).line() + ",URGENT,harm_others)"),
                            where + "no urgent handoff to the line's queue: " + e.events());
                    continue;
                }
                if (e.events().stream().anyMatch(x -> x.startsWith("CrisisDetected(noodgeval,"))) {
                    // Acute danger (a fall, not breathing): 112 first, and the person first in the queue.
                    assertTrue(EXACT_112.matcher(said).find(), where + "no 112 in " + said);
                    assertTrue(e.events().contains("HandoffRequested(" + GoldenFile.read(f).line() + ",URGENT,urgent_help)"),
                            where + "no urgent handoff to the line's queue: " + e.events());
                    continue;
                }
                if (e.events().stream().anyMatch(x -> x.startsWith("CrisisDetected(overdosis,"))) {
                    // An overdose taken: 112 before anything else, then 113 as below.
                    var m112 = EXACT_112.matcher(said);
                    var m113 = EXACT_113.matcher(said);
                    assertTrue(m112.find() && m113.find() && m112.start() < m113.start(), where + "112 does not come first in " + said);
                }
                assertTrue(EXACT_113.matcher(said).find(), where + "no 113 in " + said);
                assertTrue(EXACT_FREE.matcher(said).find(), where + "no 0800-0113 in " + said);
                assertTrue(EXACT_112.matcher(said).find(), where + "no 112 in " + said);
                assertTrue(e.events().contains("HandoffRequested(" + GoldenFile.read(f).line() + ",URGENT,crisis)"),
                        where + "no urgent handoff to the line's queue: " + e.events());
            }
        }
        assertTrue(crises >= 6, "the golden files should hold crisis turns in every line; found " + crises);
    }

    /** A reply that mentions the 113 line at all gives the free number and 112 as well, exactly. */
    @Test
    void everyReplyThatMentions113GivesAllThreeNumbers() throws IOException {
        for (Played p : playAll()) {
            for (GoldenFile.Turn t : p.turns()) {
                for (String reply : t.expected().bot()) {
                    if (!reply.contains("113")) continue;
                    assertTrue(EXACT_FREE.matcher(reply).find() && EXACT_113.matcher(reply).find()
                            && EXACT_112.matcher(reply).find(), "incomplete helpline numbers in: " + reply);
                }
            }
        }
    }

    /**
     * Every step where a conversation can rest (a question, an end, a wait for staff) is reached by at
     * least one golden conversation, so no branch of the dialogs goes untested.
     */
    @Test
    void everyRestingStepIsCovered() throws IOException {
        TreeSet<String> reached = new TreeSet<>();
        for (Played p : playAll()) reached.addAll(p.restingSteps());
        TreeSet<String> missing = new TreeSet<>();
        for (Dialog d : dialogs().dialogs().values()) {
            for (Step step : d.steps().values()) {
                boolean rests = step instanceof Step.Ask || step instanceof Step.Collect || step instanceof Step.End
                        || (step instanceof Step.Handoff h && h.next() == null);
                if (rests && !reached.contains(d.id() + "/" + step.id())) missing.add(d.id() + "/" + step.id());
            }
        }
        assertEquals(new TreeSet<String>(), missing, "steps no golden conversation reaches");
    }
}
