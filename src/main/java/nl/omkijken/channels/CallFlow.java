package nl.omkijken.channels;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.PhoneTexts;
import nl.omkijken.engine.Session;
import nl.omkijken.engine.Step;
import nl.omkijken.people.People;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;

/**
 * A phone call's turns, whatever carries the call: Twilio Voice renders what this says as TwiML, the
 * sandbox's phone simulator shows it in the browser. The call is a conversation like a message thread,
 * said instead of written: it begins with the line's entry dialog; every question listens for a key or
 * words; 9 says the question again; nothing heard says so and asks again, and a second silence is the
 * step's own silence ({@code no_input}) at once. A turn's texts are what the caller hears (a text's phone
 * version where the dialog wrote one) and go to the transcript, never to the outbox. When the dialog
 * waits for nobody, the call ends after its texts.
 */
public final class CallFlow {
    /**
     * How long a caller whom a worker took keeps hearing "doorverbonden" before the worker's phone must have put them
     * through (the take-over's task gives them back when it cannot ring anyone); after it, should nothing have come, they
     * hear that a worker will call back, and the call ends.
     */
    static final java.time.Duration PUT_THROUGH_WITHIN = java.time.Duration.ofMinutes(2);

    /** The repeat key; no dialog route may use it (StepReader). */
    public static final String REPEAT = "9";

    /** One text in one language (its voice). */
    public record Spoken(String language, String text) {}

    /**
     * What the caller hears next.
     *
     * @param texts     said in order
     * @param language  the conversation's language: what listening expects
     * @param listening what to listen for after the texts; null: the call ends
     */
    public record Said(List<Spoken> texts, String language, Listening listening, boolean hold) {
        public Said {
            texts = List.copyOf(texts);
            if (hold && listening != null) throw new IllegalArgumentException("a held caller waits; nothing is asked");
        }

        public Said(List<Spoken> texts, String language, Listening listening) {
            this(texts, language, listening, false);
        }

        /** The call ends after the texts. */
        public boolean ends() {
            return listening == null && !hold;
        }
    }

    /**
     * What a caller on hold hears at the wait's next turn.
     *
     * @param texts said, then a pause, then the wait's next turn
     * @param leave the wait is over for now: the caller leaves the queue and {@link #afterQueue} says what comes next
     */
    public record Waited(List<Spoken> texts, boolean leave) {
        public Waited {
            texts = List.copyOf(texts);
        }
    }

    /**
     * @param digits   the keys the question offers
     * @param labels   the answers' labels (hints for speech recognition)
     * @param silences how many times in a row nothing was heard: what the next {@link #heard} is told
     */
    public record Listening(List<String> digits, List<String> labels, int silences) {
        public Listening {
            digits = List.copyOf(digits);
            labels = List.copyOf(labels);
        }
    }

    private final TurnRunner runner;
    private final PhoneTexts texts;

    public CallFlow(TurnRunner runner) {
        this.runner = runner;
        this.texts = runner.engine().dialogs().phone();
        if (!texts.present()) {
            throw new IllegalArgumentException("the phone needs its texts: add phone.yaml to the dialogs folder (see docs/DIALOGS.md)");
        }
    }

    /**
     * The call is answered: the line's entry dialog begins (the Telefooncirkel: the check-in). A caller whose
     * request for contact is still open hears where it stands, and may leave a word for whoever calls back.
     */
    public Future<Said> answer(People.Known caller, String channel, String line, String language, Map<String, String> fields) {
        return answer(caller, channel, line, language, fields, null);
    }

    /**
     * As {@link #answer}, beginning {@code dialog} rather than the line's entry (null: the dialog that answers the line's
     * calls, else its entry). A caller who waits for a worker on a line that holds calls waits on the line.
     */
    public Future<Said> answer(People.Known caller, String channel, String line, String language, Map<String, String> fields,
                               String dialog) {
        String opens = dialog != null ? dialog : callDialog(line);
        return runner.begin(caller.conversationId(), channel, caller.addressKey(), line, language, fields, opens, true)
                .compose(r -> {
                    if (r != null && onHold(r)) return hold(r, spoken(r));
                    if (r != null && waiting(r)) {
                        List<Spoken> say = spoken(r);
                        if (say.isEmpty()) say.add(new Spoken(r.session().language(), texts.alreadyWaiting().in(r.session().language())));
                        say.add(new Spoken(r.session().language(), texts.leaveWord().in(r.session().language())));
                        return Future.succeededFuture(new Said(say, r.session().language(), new Listening(List.of(), List.of(), 0)));
                    }
                    return Future.succeededFuture(said(r, 0, null));
                });
    }

    /** The dialog that answers this line's calls, or null: its entry dialog. */
    private String callDialog(String line) {
        var d = runner.engine().dialogs().callEntryOf(line);
        return d == null ? null : d.id();
    }

    /**
     * What was heard after a question: keys or words ({@code answer}), or nothing (null).
     *
     * @param silences what the last {@link Listening} said
     * @param callId   the provider's id of the call, kept with the message, or null
     */
    public Future<Said> heard(People.Known caller, String channel, String line, String answer, int silences, String callId,
                              Instant at) {
        String conversation = caller.conversationId();
        return runner.store().load(conversation).compose(before -> {
            if (puttingThrough(before)) {
                // Taken by a worker while answering the offer: a word is kept for them, and the call is being put through.
                Future<TurnResult> kept = answer == null || answer.isBlank() || REPEAT.equals(answer) ? Future.succeededFuture(null)
                        : runner.handleInline(new Inbound(conversation, channel, caller.addressKey(), line, null, answer.strip(), callId, at));
                // What the turn said (a crisis: the helplines) is said before the wait goes on.
                return kept.compose(r -> hold(before, r == null ? List.of() : spoken(r)));
            }
            if (before != null && before.session().ownership() == Ownership.WAITING && held(before.session())) {
                // A caller on hold answered the offer of a way forward or a question of the bot. Silence after the offer
                // keeps them waiting (its first way); silence after the direct question is taken as yes.
                boolean asked = runner.engine().pendingOffer(before.session()) != null || runner.engine().awaitsAnswer(before.session());
                if (answer == null || answer.isBlank()) return asked ? runner.silence(conversation).compose(this::next) : hold(before, List.of());
                if (REPEAT.equals(answer)) return afterQueue(conversation);
                Inbound in = new Inbound(conversation, channel, caller.addressKey(), line, null, answer.strip(), callId, at);
                return runner.handleInline(in).compose(this::next);
            }
            boolean wasWaiting = before != null && (before.session().ownership() == Ownership.WAITING
                    || before.session().ownership() == Ownership.AGENT);
            if (answer != null && !answer.isBlank() && !(REPEAT.equals(answer) && !wasWaiting)) {
                Inbound in = new Inbound(conversation, channel, caller.addressKey(), line, null, answer.strip(), callId, at);
                return runner.handleInline(in).compose(r -> wasWaiting ? Future.succeededFuture(left(r)) : next(r));
            }
            if (wasWaiting) {
                // Nothing to pass on: the truth about the request once more, and goodbye.
                String language = before.session().language();
                return Future.succeededFuture(new Said(List.of(new Spoken(language, texts.alreadyWaiting().in(language))),
                        language, null));
            }
            if (REPEAT.equals(answer)) return runner.repeat(conversation).map(r -> said(r, 0, null));
            boolean atOnce = before != null && runner.engine().silenceAtOnce(before.session());
            if (silences == 0 && !atOnce) return runner.repeat(conversation).map(r -> said(r, 1, texts.notHeard()));
            if (atOnce) return runner.silence(conversation).compose(r -> next(r));
            // A second silence: the step's own. A step that has none moves nowhere: the call ends, it does not loop.
            return runner.silence(conversation).compose(r -> r != null && r.replies().isEmpty() && runner.engine().awaitsAnswer(r.session())
                    ? Future.succeededFuture(new Said(List.of(new Spoken(r.session().language(), texts.hangUp().in(r.session().language()))),
                            r.session().language(), null))
                    : next(r));
        });
    }

    /**
     * The wait's next turn for a caller on hold (Twilio asks again after each pause): where they stand in the queue, and
     * the expected wait when known; the offer of a way forward, once the wait ran long, by leaving the queue
     * ({@link #afterQueue} says it). A caller whose wait is over (a worker took it, the conversation moved on) leaves too.
     */
    public Future<Waited> waitTurn(String conversationId) {
        return runner.store().load(conversationId).compose(c -> {
            if (puttingThrough(c)) {
                // A worker took the caller a moment ago: their phone rings, and the call is put through from there.
                String language = c.session().language();
                return Future.succeededFuture(new Waited(List.of(new Spoken(language, texts.hold().connecting().in(language))), false));
            }
            if (c == null || c.session().ownership() != Ownership.WAITING || !held(c.session())) {
                return Future.succeededFuture(new Waited(List.of(), true));
            }
            // The offer of a way forward, or a question of the bot (the direct question): said and listened for off the queue.
            if (runner.engine().pendingOffer(c.session()) != null || runner.engine().awaitsAnswer(c.session())) {
                return Future.succeededFuture(new Waited(List.of(), true));
            }
            return runner.waitFacts(c).map(facts -> "false".equals(facts.get("line_open"))
                    // The line closed while they waited: they hear it off the queue (afterQueue).
                    ? new Waited(List.of(), true) : new Waited(place(c, facts, true), false));
        });
    }

    /**
     * Keys or words heard while the caller waits in the queue, between two announcements of their place: a turn like any
     * message of a person who waits (a crisis goes first with the helplines, words are kept for the volunteer, the wait's
     * text answers the rest), said in the queue. When the turn asks something (the direct question) or the wait is over,
     * the caller leaves the queue and {@link #afterQueue} says what comes next; 9 is the place once more.
     *
     * @param callId the provider's id of the call, kept with the message, or null
     */
    public Future<Waited> heardOnHold(String conversation, String answer, String callId, Instant at) {
        return runner.store().load(conversation).compose(before -> {
            boolean takenNow = puttingThrough(before);
            if (!takenNow && (before == null || before.session().ownership() != Ownership.WAITING || !held(before.session()))) {
                return Future.succeededFuture(new Waited(List.of(), true));
            }
            if (answer == null || answer.isBlank() || REPEAT.equals(answer)) return waitTurn(conversation);
            // The queue's requests need not name the caller: the conversation's own address and line carry the words.
            Inbound in = new Inbound(conversation, before.channel(), before.address(), before.session().line(), null, answer.strip(),
                    callId, at);
            return runner.handleInline(in).compose(r -> {
                if (r == null) return waitTurn(conversation);
                // A worker took them a moment ago: the words are kept for the worker, the call is being put through; what
                // the turn said (a crisis: the helplines) is said first.
                if (takenNow) return waitTurn(conversation).map(w -> new Waited(concat(spoken(r), w.texts()), w.leave()));
                Session s = r.session();
                boolean stillWaiting = s.ownership() == Ownership.WAITING && held(s);
                boolean asks = runner.engine().pendingOffer(s) != null || runner.engine().awaitsAnswer(s);
                // A question is said and listened for off the queue; so is whatever comes after a wait that ended.
                if (asks) return Future.succeededFuture(new Waited(List.of(), true));
                return Future.succeededFuture(new Waited(spoken(r), !stillWaiting));
            });
        });
    }

    /**
     * The caller left the queue (the offer of a way forward came, or the wait is over): what they hear now. The offer
     * listens for its keys; a question of the bot is asked again; the line closed meanwhile: its closed text and the
     * dialog's way on (a call-back when open); a worker who took the conversation but could not have the call put through
     * calls back; a caller still waiting goes back to the queue.
     */
    public Future<Said> afterQueue(String conversationId) {
        return runner.store().load(conversationId).compose(c -> {
            if (c == null) return Future.succeededFuture(said(null, 0, null));
            Session s = c.session();
            String language = s.language();
            var offer = runner.engine().pendingOffer(s);
            if (offer != null && offer.text() != null) {
                String text = offer.text().spoken(language);
                List<String> digits = offer.routes().stream().map(Step.Route::digit).filter(d -> d != null).toList();
                List<String> labels = offer.routes().stream().filter(r -> r.button() != null).map(r -> r.button().in(language)).toList();
                return Future.succeededFuture(new Said(List.of(new Spoken(language, text), new Spoken(language, texts.repeatHint().in(language))),
                        language, new Listening(digits, labels, 0)));
            }
            if (runner.engine().awaitsAnswer(s)) return runner.repeat(conversationId).map(r -> said(r, 0, null));
            if (puttingThrough(c)) return hold(c, List.of());
            if (s.ownership() == Ownership.WAITING && held(s)) {
                return runner.waitFacts(c).compose(facts -> "false".equals(facts.get("line_open"))
                        ? runner.lineClosedOnHold(conversationId).compose(this::next) : hold(c, List.of()));
            }
            if (s.ownership() == Ownership.AGENT) {
                return Future.succeededFuture(new Said(List.of(new Spoken(language, texts.hold().callBack().in(language))), language, null));
            }
            // The wait ended without a talk on the line (a worker closed the conversation): goodbye, with the helplines.
            return Future.succeededFuture(new Said(List.of(new Spoken(language, texts.hold().over().in(language))), language, null));
        });
    }

    /** A worker took this caller a moment ago, and their phone is being rung to put the call through. */
    private boolean puttingThrough(Conversation c) {
        return c != null && c.session().ownership() == Ownership.AGENT && held(c.session()) && c.handoff() != null
                && c.handoff().changedAt().plus(PUT_THROUGH_WITHIN).isAfter(runner.clock().instant());
    }

    /**
     * What the caller hears after a turn: a question (also the direct question asked of someone on hold), the wait on
     * the line, or the last words.
     */
    private Future<Said> next(TurnResult r) {
        return r != null && onHold(r) && !runner.engine().awaitsAnswer(r.session()) ? hold(r, spoken(r)) : Future.succeededFuture(said(r, 0, null));
    }

    /** The caller waits on the line: the turn's texts, where they stand, then the queue. */
    private Future<Said> hold(TurnResult r, List<Spoken> before) {
        return runner.store().load(r.session().conversationId()).compose(c -> c == null
                ? Future.succeededFuture(new Said(before, r.session().language(), null)) : hold(c, before));
    }

    private Future<Said> hold(Conversation c, List<Spoken> before) {
        String language = c.session().language();
        if (puttingThrough(c)) {
            List<Spoken> say = new ArrayList<>(before);
            say.add(new Spoken(language, texts.hold().connecting().in(language)));
            return Future.succeededFuture(new Said(say, language, null, true));
        }
        return runner.waitFacts(c).map(facts -> {
            List<Spoken> say = new ArrayList<>(before);
            say.add(new Spoken(language, texts.hold().stay().in(language)));
            // The turn's own words (an urgent step's, a crisis's, while_waiting's) just gave the helplines: not twice in a row.
            say.addAll(place(c, facts, before.isEmpty()));
            return new Said(say, language, null, true);
        });
    }

    /** Where the caller stands in the queue, and the expected wait when it is known; an urgent wait's helplines first. */
    private List<Spoken> place(Conversation c, Map<String, String> facts, boolean remind) {
        String language = c.session().language();
        List<Spoken> say = new ArrayList<>();
        Localized reminder = remind ? runner.engine().holdReminder(c.session()) : null;
        if (reminder != null) {
            String text = reminder.spoken(language);
            if (text != null && !text.contains("{")) say.add(new Spoken(language, text));
        }
        String position = facts.get("queue_position");
        if (position != null) say.add(new Spoken(language, texts.hold().place().in(language).replace("{position}", position)));
        String wait = facts.get("expected_wait");
        if (wait != null) say.add(new Spoken(language, texts.hold().expectedWait().in(language).replace("{wait}", wait)));
        return say;
    }

    private static boolean held(Session s) {
        return s.slots().containsKey(Session.HOLD_SLOT);
    }

    private static boolean onHold(TurnResult r) {
        return r.session().ownership() == Ownership.WAITING && held(r.session());
    }

    /**
     * A word left while waiting for a human: kept in the transcript for them. A crisis in it was heard (its
     * safety texts are said); anything else gets the state of the request, and the call ends.
     */
    private Said left(TurnResult r) {
        if (r == null) return said(null, 0, null);
        String language = r.session().language();
        List<Spoken> say = r.crisis() ? spoken(r) : new ArrayList<>();
        if (!r.crisis()) say.add(new Spoken(language, texts.alreadyWaiting().in(language)));
        return new Said(say, language, null);
    }

    /** The call is over: a question still waiting ends the conversation as left (nothing goes out after it). */
    public Future<TurnResult> ended(People.Known caller) {
        return ended(caller.conversationId());
    }

    /**
     * As above, by the conversation's id. A caller who hung up while waiting on the line ends their wait (abandoned),
     * unless it was urgent: that stays for a worker, who calls back.
     */
    public Future<TurnResult> ended(String conversationId) {
        // A caller who hung up while waiting on the line is counted abandoned by the turn that ends the wait (once).
        return runner.callEnded(conversationId);
    }

    /** A call to a line that does not answer calls: messages only, with the helplines, in Dutch and English. */
    public Said notByPhone() {
        return bilingual(texts.notByPhone());
    }

    /** What a waiting caller said could not be taken in: said in the queue, in both languages, and the wait goes on. */
    public Waited notHeardOnHold() {
        Localized t = texts.hold().notHeard();
        return new Waited(List.of(new Spoken("nl", t.in("nl")), new Spoken("en", t.in("en"))), false);
    }

    /** Something on our side failed during the call: said, with the helplines, in Dutch and English. */
    public Said trouble() {
        return bilingual(texts.trouble());
    }

    private Said said(TurnResult r, int silences, Localized before) {
        if (r == null) return new Said(List.of(new Spoken("nl", texts.hangUp().in("nl"))), "nl", null);
        String language = r.session().language();
        if (runner.engine().awaitsAnswer(r.session())) {
            List<Spoken> say = new ArrayList<>();
            if (before != null) say.add(new Spoken(language, before.in(language)));
            say.addAll(spoken(r));
            say.add(new Spoken(language, texts.repeatHint().in(language)));
            List<String> digits = List.of();
            List<String> labels = List.of();
            for (Event.Reply reply : r.replies()) {
                if (reply.buttons().isEmpty()) continue;
                digits = reply.buttons().stream().map(Event.Button::digit).filter(d -> d != null).toList();
                labels = reply.buttons().stream().map(Event.Button::label).toList();
            }
            return new Said(say, language, new Listening(digits, labels, silences));
        }
        List<Spoken> say = spoken(r);
        if (say.isEmpty()) {
            // Nothing more the dialog does in this call: a request still open, or a silence that ends it.
            say.add(new Spoken(language, (waiting(r) ? texts.alreadyWaiting() : texts.hangUp()).in(language)));
        }
        return new Said(say, language, null);
    }

    private static List<Spoken> concat(List<Spoken> first, List<Spoken> then) {
        List<Spoken> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** The turn's texts as the phone says them. */
    private static List<Spoken> spoken(TurnResult r) {
        List<Spoken> say = new ArrayList<>();
        for (Event.Reply reply : r.replies()) say.add(new Spoken(r.session().language(), reply.forPhone()));
        return say;
    }

    private static boolean waiting(TurnResult r) {
        return r.session().ownership() == Ownership.WAITING || r.session().ownership() == Ownership.AGENT;
    }

    private static Said bilingual(Localized text) {
        return new Said(List.of(new Spoken("nl", text.in("nl")), new Spoken("en", text.in("en"))), "nl", null);
    }
}
