package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Event;
import nl.omkijken.engine.Input;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffRefused;
import nl.omkijken.routing.Routing;
import nl.omkijken.engine.Session;
import nl.omkijken.engine.Step;
import nl.omkijken.engine.Understanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation turn: order per conversation -> lock -> load -> understand -> engine ->
 * apply events -> commit (session, transcript, timers, outbox, queue in one atomic write) -> unlock
 * -> wake the outbox. Replies leave only through the outbox, after the commit.
 */
public final class TurnRunner {
    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    /** Settings of the runner. */
    public record Options(Duration lockLease, Duration lockWait, String defaultLanguage) {}

    /** Topic on the local event bus that wakes the outbox dispatcher after a commit. */
    public static final String OUTBOX_WAKE = "omk.outbox.wake";
    /** Topic on which committed turns are announced (conversation id), e.g. for live views. */
    public static final String TURN_COMMITTED = "omk.turn.committed";

    private final CallFigures calls;
    private final Vertx vertx;
    private final Engine engine;
    private final ConversationStore store;
    private final Understander understander;
    private final Clock clock;
    private final Options options;
    private final EventHandlers handlers;
    private final Pseudonym pseudonym;
    private final MeterRegistry metrics;
    private final KeyedSerializer serializer = new KeyedSerializer();
    private final LineHours hours;
    private final WaitHistory waits;
    private final Routing routing;
    private final Staffing staffing;
    private final DailyFigures figures;
    /** Told of call-back requests and their outcome (the Telefooncirkel's participants); set once at start. */
    private volatile CallbackNotes callbackNotes = CallbackNotes.NONE;
    private final PersonMemory memory;
    private final RequestElsewhere elsewhere;
    private final Reservations reservations;
    /** Looked up once: it is recorded for every queued message. */
    private final Timer inboundWait;

    public TurnRunner(Vertx vertx, Engine engine, ConversationStore store, Understander understander, Clock clock,
                      Options options, MeterRegistry metrics, Pseudonym pseudonym) {
        this(vertx, engine, store, understander, clock, options, metrics, pseudonym, LineHours.NONE);
    }

    public TurnRunner(Vertx vertx, Engine engine, ConversationStore store, Understander understander, Clock clock,
                      Options options, MeterRegistry metrics, Pseudonym pseudonym, LineHours hours) {
        this(vertx, engine, store, understander, clock, options, metrics, pseudonym, hours, WaitHistory.NONE);
    }

    /**
     * @param hours when each line is staffed: the dialogs say the truth about it (facts line_open, opens_at)
     * @param waits how long people waited before a worker took them over: what a waiting person may expect
     *              (fact expected_wait)
     */
    public TurnRunner(Vertx vertx, Engine engine, ConversationStore store, Understander understander, Clock clock,
                      Options options, MeterRegistry metrics, Pseudonym pseudonym, LineHours hours, WaitHistory waits) {
        this(vertx, engine, store, understander, clock, options, metrics, pseudonym,
                new LineServices(hours, waits, Routing.none(), Staffing.ASSUMED));
    }

    /** @param lines when each line is staffed, how long people waited, which queue a handoff joins, who is there now */
    public TurnRunner(Vertx vertx, Engine engine, ConversationStore store, Understander understander, Clock clock,
                      Options options, MeterRegistry metrics, Pseudonym pseudonym, LineServices lines) {
        this(vertx, engine, store, understander, clock, options, metrics, pseudonym, lines, PersonMemory.NONE);
    }

    /** @param memory what is kept on the person beyond one conversation (their language, a planned absence) */
    public TurnRunner(Vertx vertx, Engine engine, ConversationStore store, Understander understander, Clock clock,
                      Options options, MeterRegistry metrics, Pseudonym pseudonym, LineServices lines, PersonMemory memory) {
        this.memory = memory;
        this.routing = lines.routing();
        this.hours = lines.hours();
        this.waits = lines.waits();
        this.staffing = lines.staffing();
        this.figures = lines.figures();
        this.reservations = lines.reservations();
        this.calls = lines.calls();
        this.vertx = vertx;
        this.engine = engine;
        this.store = store;
        this.elsewhere = new RequestElsewhere(memory, store);
        this.understander = understander;
        this.clock = clock;
        this.options = options;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
        this.handlers = new EventHandlers(metrics, pseudonym, routing, engine.dialogs());
        this.inboundWait = metrics.timer("omk_inbound_wait_seconds");
    }

    /** Who is told of call-back requests and what became of them (set at start, before the first turn). */
    public void callbackNotes(CallbackNotes notes) {
        this.callbackNotes = java.util.Objects.requireNonNull(notes, "call-back notes");
    }

    /** A message from a person, handed over directly (the sandbox): no queue entry to settle. */
    public Future<TurnResult> handle(Inbound in) {
        return handle(in, null);
    }

    /**
     * A message from a person taken from the inbound queue. The commit of this turn also takes the entry
     * off the queue ({@code receipt}), atomically: if it was already taken off (the message was handled by
     * an earlier delivery), nothing is written and the result is null.
     */
    public Future<TurnResult> handle(Inbound in, InboundReceipt receipt) {
        return message(in, receipt, false);
    }

    /**
     * Something the person said or keyed in a phone call: its replies are the answer to the call's
     * webhook (TwiML), said in the call, and go to the transcript only, never to the outbox.
     */
    public Future<TurnResult> handleInline(Inbound in) {
        return message(in, null, true);
    }

    private Future<TurnResult> message(Inbound in, InboundReceipt receipt, boolean inline) {
        // The queue wait counts from the acceptance into the queue, not from the provider's time: a message
        // the reconciliation job recovered was sent minutes before it was queued.
        return turn(in.conversationId(), "message", receipt == null ? null : receipt.acceptedAt(), existing -> {
            String channel = existing != null ? existing.channel() : in.channel();
            String address = existing != null ? existing.address() : in.address();
            // A new conversation of a person we know speaks the language they wrote in before, unless the
            // channel says which (the sandbox's language buttons).
            Future<String> startLanguage = existing != null || in.language() != null ? Future.succeededFuture(language(in.language()))
                    : memory.recall(in.address()).otherwise(Map.of()).map(m -> language(m.get("language")));
            return startLanguage.compose(lang -> {
                Session session = existing != null ? existing.session()
                        : Session.fresh(in.conversationId(), in.line(), lang, clock.instant());
                Contact contact = existing != null ? existing.contact() : Contact.unknown(in.conversationId());
                return understand(in.text(), session.language()).map(u -> {
                    Work w = new Work(channel, address, session, contact, new Input.Text(in.text(), u, in.media().size(), inline),
                            new TranscriptEntry("in", in.transcriptText(), in.receivedAt(), List.of()), null, 0, receipt,
                            existing != null ? existing.handoff() : null);
                    return inline ? w.saidInline() : w;
                });
            });
        });
    }

    /**
     * A conversation's follow-up job came due: its turn; null when its conversation is gone (expired),
     * nothing to run, and also when the job was claimed again since (its lease ran out): the turn of the
     * latest claim runs it, this one writes nothing.
     */
    public Future<TurnResult> fire(ClaimedJob job) {
        DueTimer t = java.util.Objects.requireNonNull(job.timer(), "a follow-up job carries its timer");
        return turn(t.conversationId(), "timer", null, existing -> {
            if (existing == null) return Future.succeededFuture(null);
            return Future.succeededFuture(new Work(existing.channel(), existing.address(), existing.session(),
                    existing.contact(), new Input.TimerFired(t.timer(), t.target(), t.token()), null, t.id(),
                    job.fence(), null, existing.handoff()));
        });
    }

    /**
     * The service starts a conversation itself (the daily check-in): creates the conversation when
     * needed, with the given contact fields, and runs {@code dialog} (null: the line's entry dialog).
     */
    public Future<TurnResult> begin(String conversationId, String channel, String address, String line, String language,
                                    Map<String, String> contactFields, String dialog) {
        return begin(conversationId, channel, address, line, language, contactFields, dialog, false);
    }

    /** As {@link #begin}; {@code inline}: its replies are said in a phone call (see {@link #handleInline}). */
    public Future<TurnResult> begin(String conversationId, String channel, String address, String line, String language,
                                    Map<String, String> contactFields, String dialog, boolean inline) {
        return turn(conversationId, "begin", null, existing -> {
            Session session = existing != null ? existing.session()
                    : Session.fresh(conversationId, line, language(language), clock.instant());
            Contact base = existing != null ? existing.contact() : Contact.unknown(conversationId);
            Map<String, String> fields = new HashMap<>(base.fields());
            fields.putAll(contactFields);
            Contact contact = new Contact(base.id(), fields, base.optedOut());
            Work w = new Work(existing != null ? existing.channel() : channel,
                    existing != null ? existing.address() : address, session, contact, new Input.Begin(dialog, inline), null, null, 0,
                    null, existing != null ? existing.handoff() : null);
            return Future.succeededFuture(inline ? w.saidInline() : w);
        });
    }

    /** The caller asked to hear the waiting question again (9 on the phone): said in the call. */
    public Future<TurnResult> repeat(String conversationId) {
        return inCall(conversationId, "repeat", new Input.Repeat());
    }

    /**
     * The caller said nothing where an answer was asked: the step's silence now (its no_input), said in
     * the call. Null when the conversation does not exist.
     */
    public Future<TurnResult> silence(String conversationId) {
        return inCall(conversationId, "silence", new Input.Silence());
    }

    /**
     * The line closed while the caller waited on the phone line: said in the call (see {@link Input.LineClosedOnHold}).
     * Null when the conversation does not exist.
     */
    public Future<TurnResult> lineClosedOnHold(String conversationId) {
        return inCall(conversationId, "line_closed", new Input.LineClosedOnHold());
    }

    /** The caller waiting on the line was put through to the worker who took them (see {@link Input.PutThrough}). */
    public Future<TurnResult> putThrough(String conversationId) {
        return inCall(conversationId, "put_through", new Input.PutThrough());
    }

    /** The call ended while a question waited: the conversation ends as left (nothing is said or sent). */
    public Future<TurnResult> callEnded(String conversationId) {
        return inCall(conversationId, "call_ended", new Input.CallEnded());
    }

    private Future<TurnResult> inCall(String conversationId, String trigger, Input input) {
        return turn(conversationId, trigger, null, existing -> existing == null ? Future.succeededFuture(null)
                : Future.succeededFuture(new Work(existing.channel(), existing.address(), existing.session(), existing.contact(),
                        input, null, null, 0, null, existing.handoff()).saidInline()));
    }

    /**
     * The person chose a language outside the conversation (the sandbox's language buttons): the running
     * conversation goes on in it. Nothing happens to a conversation that does not exist yet.
     */
    public Future<TurnResult> chooseLanguage(String conversationId, String language) {
        return turn(conversationId, "language", null, existing -> existing == null ? Future.succeededFuture(null)
                : Future.succeededFuture(new Work(existing.channel(), existing.address(), existing.session(), existing.contact(),
                        new Input.LanguageChosen(language), null, null, 0, null, existing.handoff())));
    }

    /** The turn after a worker resolved a conversation to give it back: the bot goes on (see {@link #act}). */
    private Future<TurnResult> handBack(String conversationId, String dialog) {
        return turn(conversationId, "hand_back", null, existing -> existing == null ? Future.succeededFuture(null)
                : Future.succeededFuture(new Work(existing.channel(), existing.address(), existing.session(), existing.contact(),
                        new Input.HandBack(dialog), null, null, 0, null, existing.handoff())));
    }

    /**
     * The provider says the person opted out or blocked us (Twilio 21610, Telegram 403): the contact
     * is marked under the conversation's lock, like any turn, so no concurrent turn undoes it.
     * Nothing is sent. A later START from the person opts in again.
     */
    public Future<Void> markOptedOut(String conversationId, String reason) {
        return serializer.submit(conversationId, () -> store.lock(conversationId, options.lockLease(), options.lockWait())
                .compose(lock -> store.load(conversationId).compose(c -> {
                    if (c == null || c.contact().optedOut()) return Future.<Void>succeededFuture();
                    Contact contact = new Contact(c.contact().id(), c.contact().fields(), true);
                    metrics.counter("omk_opt_changes_total", "direction", "out", "source", reason).increment();
                    log.info("contact opted out by provider conversation={} reason={}", pseudonym.of(conversationId), reason);
                    return store.commit(lock, new TurnCommit(conversationId, c.channel(), c.address(), c.session(), contact,
                            List.of(), List.of(), List.of(), null, null));
                }).eventually(() -> store.unlock(lock))));
    }

    /**
     * A worker's action on a conversation's handoff (take over, give back, move to another queue,
     * close): a turn under the conversation's lock like a message, so it cannot race one, and written
     * in one commit with the queue change it makes. For a person who waits (LIVE) the session's owner
     * follows: taken over, the engine stays silent (AGENT); given back or moved, the person waits again
     * (WAITING); closed, the next message starts afresh (CLOSED). A call-back task leaves the
     * conversation to the bot. Fails with {@link nl.omkijken.handoff.HandoffRefused} when the action
     * does not apply (a conversation with no open handoff, one taken already).
     */
    public Future<Handoff> staff(String conversationId, HandoffAction action) {
        return serializer.submit(conversationId, () -> store.lockAndLoad(conversationId, options.lockLease(), options.lockWait())
                .compose(locked -> {
                    Released released = new Released();
                    return Future.succeededFuture(locked.conversation())
                            .compose(c -> staffTurn(locked.lock(), conversationId, c, action, released))
                            .eventually(() -> released.done ? Future.succeededFuture() : store.unlock(locked.lock()));
                }))
                .onSuccess(h -> vertx.eventBus().publish(TURN_COMMITTED, conversationId));
    }

    private Future<Handoff> staffTurn(ConversationStore.Lock lock, String conversationId, Conversation c,
                                      HandoffAction action, Released released) {
        if (c == null) {
            return Future.failedFuture(new nl.omkijken.handoff.HandoffRefused("there is no such conversation"));
        }
        HandoffChange change = HandoffChange.from(conversationId, c.handoff()).then(action);
        Handoff h = change.after();
        Session session = c.session();
        if (h != null && h.kind() == Handoff.Kind.LIVE) {
            Ownership owner = switch (h.state()) {
                case CLAIMED -> Ownership.AGENT;
                case WAITING -> Ownership.WAITING;
                case RESOLVED -> Ownership.CLOSED;
                case EXPIRED -> session.ownership() == Ownership.AGENT || session.ownership() == Ownership.WAITING
                        ? Ownership.BOT : session.ownership();
            };
            session = session.withOwnership(owner);
        }
        metrics.counter("omk_handoff_actions_total", "action", action.getClass().getSimpleName().toLowerCase(),
                "queue", h == null ? "-" : h.queue()).increment();
        log.info("handoff {} conversation={} state={}", action.getClass().getSimpleName().toLowerCase(),
                pseudonym.of(conversationId), h == null ? "-" : h.state());
        return store.commitAndUnlock(lock, new TurnCommit(conversationId, c.channel(), c.address(), session, c.contact(),
                        List.of(), List.of(), List.of(), change, null))
                .map(v -> {
                    released.done = true;
                    return h;
                });
    }

    /**
     * The task a worker's take-over of a caller waiting on the line leaves: payload JSON {conversation, worker, name}. The channel
     * that holds the call carries it out (Twilio: rings the worker's phone, or tells the caller they will be called back).
     */
    public static final String PUT_THROUGH_TASK = "put-through";

    /** The put-through task's kind for a call on this channel ("put-through-voice"): the channel holding the call runs it. */
    public static String putThroughTask(String channel) {
        return PUT_THROUGH_TASK + "-" + channel;
    }

    /**
     * A worker's action from the console ({@link StaffAction}): one turn under the conversation's lock,
     * written in one commit with its transcript line, its reply (through the outbox, over the person's
     * own channel) and the queue change it makes. Taking over is exact across instances: of two workers
     * who click at once, the second finds the handoff claimed and is refused. A hand-back to the bot
     * runs the chosen dialog in a second turn right after (a crash in between leaves the conversation
     * with the bot, which answers the person's next message). Fails with {@link HandoffRefused} when the
     * action does not apply (nothing waiting, taken by a colleague, not this worker's).
     *
     * @return the handoff after the action
     */
    public Future<Handoff> act(String conversationId, StaffAction action) {
        Future<Handoff> done = serializer.submit(conversationId, () -> store.lockAndLoad(conversationId, options.lockLease(),
                        options.lockWait())
                .compose(locked -> {
                    Released released = new Released();
                    return Future.succeededFuture(locked.conversation())
                            .compose(c -> actTurn(locked.lock(), conversationId, c, action, released))
                            .eventually(() -> released.done ? Future.succeededFuture() : store.unlock(locked.lock()));
                }))
                .onSuccess(h -> {
                    vertx.eventBus().publish(OUTBOX_WAKE, conversationId);
                    vertx.eventBus().publish(TURN_COMMITTED, conversationId);
                });
        if (action instanceof StaffAction.HandBack back) {
            return done.compose(h -> handBack(conversationId, back.dialog()).map(r -> h));
        }
        return done;
    }

    private Future<Handoff> actTurn(ConversationStore.Lock lock, String conversationId, Conversation c, StaffAction action,
                                    Released released) {
        if (c == null) return Future.failedFuture(new HandoffRefused("not_found", "there is no such conversation"));
        Instant now = clock.instant();
        Handoff h = c.handoff();
        StaffAction.Staff by = action.by();
        StaffRules.check(h, action);
        List<TranscriptEntry> lines = new ArrayList<>();
        List<Outbound> out = new ArrayList<>();
        HandoffChange change = HandoffChange.from(conversationId, h);
        Session session = c.session();
        if (action instanceof StaffAction.Note n) {
            lines.add(new TranscriptEntry(TranscriptEntry.NOTE, n.text(), now, List.of(), by.name()));
        } else if (action instanceof StaffAction.Reply r) {
            String outboundId = java.util.UUID.randomUUID().toString();
            lines.add(new TranscriptEntry(TranscriptEntry.OUT, r.text(), now, List.of(), by.name(), outboundId));
            out.add(new Outbound(outboundId, conversationId, c.channel(), c.address(), r.text(), List.of(), now));
        } else {
            for (HandoffAction step : StaffRules.transitions(action, now, h)) change = change.then(step);
            lines.add(new TranscriptEntry(TranscriptEntry.EVENT, StaffRules.eventCode(action), now, List.of(), by.name()));
            session = session.withOwnership(StaffRules.ownershipAfter(session.ownership(), change.after()));
            // A worker who takes the conversation (or closes it) asks in their own words: the bot's direct question
            // no longer waits, so a later answer to the worker is never read as its answer.
            if (session.ownership() == Ownership.AGENT || session.ownership() == Ownership.CLOSED) session = session.withoutRiskQuestion();
            if (action instanceof StaffAction.Close close) session = session.closedWith(close.outcome());
            if (action instanceof StaffAction.CallBack cb) {
                // The person learns what became of their call-back when it did not reach them.
                // Not to a person who said STOP: they asked for no more messages.
                String text = c.contact().optedOut() ? null : callbackText(session, c.contact(), h, cb, now);
                if (text != null) {
                    String outboundId = java.util.UUID.randomUUID().toString();
                    lines.add(new TranscriptEntry(TranscriptEntry.OUT, text, now, List.of(), null, outboundId));
                    out.add(new Outbound(outboundId, conversationId, c.channel(), c.address(), text, List.of(), now));
                }
            }
        }
        Handoff after = change.after();
        String kind = StaffRules.name(action);
        metrics.counter("omk_handoff_actions_total", "action", kind, "queue", after == null ? "-" : after.queue()).increment();
        log.info("staff {} conversation={} state={}", kind, pseudonym.of(conversationId), after == null ? "-" : after.state());
        Future<Void> firstReply = action instanceof StaffAction.Reply ? recordFirstReply(conversationId, after, now)
                : Future.succeededFuture();
        // A caller waiting on the line whom a worker took: the call is put through to the worker's phone (or the caller
        // hears that they will be called back), after this commit, by the channel that holds the call.
        List<Task> tasks = new ArrayList<>();
        boolean taken = after != null && after.state() == Handoff.State.CLAIMED && (h == null || h.state() != Handoff.State.CLAIMED
                || !after.owner().equals(h.owner()));
        if (taken && session.slots().containsKey(Session.HOLD_SLOT)) {
            String ownerName = action instanceof StaffAction.Assign a ? a.to().name() : by.name();
            tasks.add(new Task(PUT_THROUGH_TASK + "-" + conversationId + "-" + now.toEpochMilli(), putThroughTask(c.channel()),
                    new io.vertx.core.json.JsonObject().put("conversation", conversationId).put("worker", after.owner())
                            .put("name", ownerName).encode()));
        }
        TurnCommit commit = new TurnCommit(conversationId, c.channel(), c.address(), session, c.contact(), lines, List.of(),
                out, change, null, 0, null, tasks);
        return firstReply.compose(v -> store.commitAndUnlock(lock, commit))
                .map(v -> {
                    released.done = true;
                    // A person who waited was taken over: how long it took is what the next ones hear to expect.
                    // Once: a person given back and taken again waited until the first worker came.
                    if (h != null && h.state() == Handoff.State.WAITING && h.kind() == Handoff.Kind.LIVE && h.takenAt() == null
                            && after != null && after.state() == Handoff.State.CLAIMED) {
                        count(h, DailyFigures.Count.TAKEN, java.time.Duration.between(h.requestedAt(), now));
                        waits.record(h.queue(), new WaitHistory.Wait(h.requestedAt(), java.time.Duration.between(h.requestedAt(), now)))
                                .onFailure(e -> log.warn("wait not recorded queue={} error={}", h.queue(), e.getClass().getSimpleName()));
                    }
                    if (h != null && h.state() == Handoff.State.WAITING && h.takenAt() == null && after != null
                            && after.state() == Handoff.State.CLAIMED) {
                        note(() -> callbackNotes.handled(line(h), c.address(), h.requestedAt(), h.reason(), CallbackNotes.Result.TAKEN, now),
                                conversationId);
                    }
                    if (action instanceof StaffAction.CallBack cb && h != null) {
                        CallbackNotes.Result result = switch (cb.result()) {
                            case REACHED -> CallbackNotes.Result.REACHED;
                            case NOT_REACHED -> CallbackNotes.Result.NOT_REACHED;
                            case GAVE_UP -> CallbackNotes.Result.GAVE_UP;
                        };
                        note(() -> callbackNotes.handled(line(h), c.address(), h.requestedAt(), h.reason(), result, now), conversationId);
                        // Reached or given up: the request is done, and how long it took is the coordinators' figure.
                        count(h, switch (cb.result()) {
                            case REACHED -> DailyFigures.Count.CALLBACK_REACHED;
                            case NOT_REACHED -> DailyFigures.Count.CALLBACK_NOT_REACHED;
                            case GAVE_UP -> DailyFigures.Count.CALLBACK_GAVE_UP;
                        }, cb.result() == StaffAction.CallBack.Result.NOT_REACHED ? null : java.time.Duration.between(h.requestedAt(), now));
                    }
                    return after;
                });
    }

    /**
     * A person started waiting for a human in this turn (also one whose call-back task became a wait in the
     * conversation), or stopped waiting before anyone came (also to choose a call-back or a message instead).
     */
    private void countWaits(Handoff before, Handoff after) {
        if (after == null || after.kind() != Handoff.Kind.LIVE) return;
        boolean wasWaiting = before != null && before.state() == Handoff.State.WAITING && before.kind() == Handoff.Kind.LIVE;
        boolean wasLive = before != null && before.state().open() && before.kind() == Handoff.Kind.LIVE;
        if (after.state() == Handoff.State.WAITING && !wasLive && after.takenAt() == null) {
            count(after, DailyFigures.Count.ASKED, null);
        } else if (wasWaiting && after.state() == Handoff.State.EXPIRED && after.takenAt() == null) {
            count(after, DailyFigures.Count.LEFT, null);
        }
    }

    /**
     * What became of a call waiting on the line, in the turn that made it so: offered now; answered and abandoned at the
     * hour the caller started waiting (so an hour's figures add up), with how long they waited. In /metrics too.
     */
    private void countCalls(CommitBuilder b, Instant now) {
        if (b.calls.isEmpty()) return;
        String line = String.valueOf(b.session.line());
        Handoff h = b.handoff.after() != null ? b.handoff.after() : b.handoff.before();
        for (CallFigures.Kind kind : b.calls) {
            java.time.Duration waited = kind == CallFigures.Kind.OFFERED || h == null ? null : java.time.Duration.between(h.requestedAt(), now);
            Instant at = kind == CallFigures.Kind.OFFERED || h == null ? now : h.requestedAt();
            metrics.counter("omk_calls_" + kind.id() + "_total", "line", line).increment();
            if (waited != null) {
                Timer.builder("omk_call_wait_seconds").tag("line", line).tag("outcome", kind.id()).publishPercentiles(0.5, 0.95)
                        .register(metrics).record(waited);
            }
            calls.count(line, at, kind, waited)
                    .onFailure(e -> log.warn("call figure not counted line={} kind={} error={}", line, kind, e.getClass().getSimpleName()));
        }
    }

    /** What people asked of us that we do not do, per line and day (Dutch time): the coordinators' figures. */
    private void countReferrals(CommitBuilder b, Instant now) {
        if (b.referrals.isEmpty() || b.session.line() == null) return;
        String line = b.session.line();
        java.time.LocalDate day = java.time.LocalDate.ofInstant(now, DutchTime.ZONE);
        for (String referral : b.referrals) {
            figures.referred(line, day, referral)
                    .onFailure(e -> log.warn("referral not counted line={} error={}", line, e.getClass().getSimpleName()));
        }
    }

    /** Counted on the line and day (Dutch time) the handoff was asked for; a failure costs a count, not the turn. */
    /** A request for a person made in this turn (a new one, not the same request asked again): noted for its participant. */
    private void noteAsked(Handoff before, Handoff after, String addressKey, String dialog) {
        if (after == null || after.state() != Handoff.State.WAITING || addressKey == null) return;
        if (before != null && before.state().open() && before.requestedAt().equals(after.requestedAt())) return;
        note(() -> callbackNotes.asked(line(after), addressKey, after.requestedAt(), after.reason(), dialog), after.conversationId());
    }

    /** A note after the turn is saved: whatever it throws or fails costs the note, never the turn. */
    private void note(java.util.function.Supplier<Future<Void>> noting, String conversationId) {
        Future.succeededFuture().compose(x -> noting.get()).onFailure(e -> log.warn("call-back not noted conversation={} error={}",
                pseudonym.of(conversationId), e.getClass().getSimpleName()));
    }

    /** The line of a handoff's queue ("helpdesk:centrum" is the helpdesk's). */
    private static String line(Handoff h) {
        return h.queue().contains(":") ? h.queue().substring(0, h.queue().indexOf(':')) : h.queue();
    }

    private void count(Handoff h, DailyFigures.Count what, java.time.Duration waited) {
        String line = line(h);
        java.time.LocalDate day = java.time.LocalDate.ofInstant(h.requestedAt(), DutchTime.ZONE);
        figures.count(line, day, what, waited)
                .onFailure(e -> log.warn("figure not counted line={} what={} error={}", line, what, e.getClass().getSimpleName()));
    }

    /**
     * What the person is told of a call-back that did not reach them, from the step that made the task
     * (its callback_missed or callback_failed, in their language, with {@code {facts.retry_at}}); null
     * when it was reached or the step says nothing.
     */
    private String callbackText(Session s, nl.omkijken.engine.Contact contact, Handoff h, StaffAction.CallBack cb, Instant now) {
        if (cb.result() == StaffAction.CallBack.Result.REACHED) return null;
        // Kept on the handoff: the person's conversation may have started afresh since the request.
        String origin = h.origin();
        if (origin == null || !origin.contains(":")) return null;
        Dialog d = engine.dialogs().dialog(origin.substring(0, origin.indexOf(':')));
        Step step = d == null ? null : d.step(origin.substring(origin.indexOf(':') + 1));
        if (!(step instanceof Step.Handoff made)) return null;
        nl.omkijken.engine.Localized text = cb.result() == StaffAction.CallBack.Result.NOT_REACHED ? made.callbackMissed() : made.callbackFailed();
        if (text == null) return null;
        Map<String, String> facts = new HashMap<>();
        if (cb.retryAt() != null) {
            java.time.ZoneId zone = DutchTime.ZONE;
            facts.put("retry_at", nl.omkijken.engine.SpokenTime.describe(cb.retryAt().atZone(zone), now.atZone(zone), s.language()));
        }
        return nl.omkijken.engine.Templates.render(text.in(s.language()), s, contact, facts);
    }

    /**
     * Time to the first human reply of a handoff (from the person's request), per queue and priority:
     * recorded when no worker replied since the request (the transcript says).
     */
    private Future<Void> recordFirstReply(String conversationId, Handoff h, Instant now) {
        if (h == null) return Future.succeededFuture();
        return store.transcript(conversationId).map(entries -> {
            boolean answered = entries.stream().anyMatch(e -> TranscriptEntry.OUT.equals(e.direction()) && e.by() != null
                    && e.at() != null && !e.at().isBefore(h.requestedAt()));
            if (!answered) {
                Timer.builder("omk_first_human_reply_seconds").tag("queue", h.queue())
                        .tag("priority", h.urgent() ? "urgent" : "normal").publishPercentiles(0.5, 0.95)
                        .register(metrics).record(java.time.Duration.between(h.requestedAt(), now));
            }
            return null;
        });
    }

    /** What one turn works on, once the stored conversation is loaded. */
    private record Work(String channel, String address, Session session, Contact contact, Input input,
                        TranscriptEntry inbound, String firedTimerId, long firedFence, InboundReceipt receipt,
                        Handoff handoff, boolean inline) {
        Work(String channel, String address, Session session, Contact contact, Input input, TranscriptEntry inbound,
             String firedTimerId, long firedFence, InboundReceipt receipt, Handoff handoff) {
            this(channel, address, session, contact, input, inbound, firedTimerId, firedFence, receipt, handoff, false);
        }

        Work saidInline() {
            return new Work(channel, address, session, contact, input, inbound, firedTimerId, firedFence, receipt, handoff, true);
        }
    }

    private interface Prepare {
        Future<Work> apply(Conversation existing);
    }

    /**
     * @param queuedSince when the message was accepted into the inbound queue (null when it was not
     *                    queued): the wait until its turn starts is one stage of the reply's latency
     */
    private Future<TurnResult> turn(String conversationId, String trigger, Instant queuedSince, Prepare prepare) {
        return serializer.submit(conversationId, () -> {
            if (queuedSince != null) {
                long waited = Math.max(0, clock.millis() - queuedSince.toEpochMilli());
                inboundWait.record(waited, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            Timer.Sample sample = Timer.start(metrics);
            // Lock and load in one round trip; a written turn releases the lock with its commit, so only a
            // turn that wrote nothing (or failed) still has to give the lock back.
            return store.lockAndLoad(conversationId, options.lockLease(), options.lockWait()).compose(locked -> {
                        Released released = new Released();
                        // Through a future, so that anything prepare throws still ends in the unlock below.
                        Future<Conversation> loaded = Future.succeededFuture(locked.conversation());
                        return loaded
                                .compose(prepare::apply)
                                .compose(work -> work == null ? Future.<TurnResult>succeededFuture(null)
                                        : run(locked.lock(), work, released))
                                .eventually(() -> released.done ? Future.succeededFuture() : store.unlock(locked.lock()));
                    })
                    .onSuccess(r -> {
                        sample.stop(metrics.timer("omk_turn_seconds", "trigger", trigger));
                        if (r != null) {
                            vertx.eventBus().publish(OUTBOX_WAKE, conversationId);
                            vertx.eventBus().publish(TURN_COMMITTED, conversationId);
                        }
                    })
                    .onFailure(e -> {
                        metrics.counter("omk_turn_failures_total", "trigger", trigger).increment();
                        if (e instanceof ConversationStore.LockBusyException) {
                            // Busy, or locked by an instance that died until its lease runs out: retried, not broken.
                            log.warn("turn waits, conversation locked elsewhere conversation={} trigger={}",
                                    pseudonym.of(conversationId), trigger);
                        } else {
                            log.error("turn failed conversation={} trigger={} error={}", pseudonym.of(conversationId),
                                    trigger, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    });
        });
    }

    /** Set once a turn's commit released its lock. Confined to the turn's own callbacks. */
    private static final class Released {
        boolean done;
    }

    /** A turn decided, with the moment and the facts it was decided on. */
    private record Decided(Engine.Turn turn, Instant now, Map<String, String> facts) {}

    /**
     * The engine's turn, with the time it chose booked before it is saved: when it was taken meanwhile the turn is
     * decided again knowing that (the engine then says so and offers other times), so a confirmation is only ever saved
     * for a talk that is booked. A turn run again after its first run booked but was not saved books the same booking
     * again, which changes nothing (the engine finds the slot its own).
     */
    private Future<Decided> decide(Work w, Map<String, String> facts, int round) {
        Instant now = clock.instant();
        Engine.Turn turn = engine.handle(w.session(), w.contact(), w.input(), now, facts);
        String chosen = null;
        for (Event e : turn.events()) if (e instanceof Event.SlotChosen c) chosen = c.slotId();
        if (chosen == null) return Future.succeededFuture(new Decided(turn, now, facts));
        if (round >= 3) {
            // The engine offers no time it was told is taken: a third try means something else is wrong.
            return Future.failedFuture(new IllegalStateException("a chosen time could not be booked in three tries"));
        }
        String slot = chosen;
        return reservations.book(slot, turn.session(), w.channel(), w.address(), now, w.receipt()).compose(booked -> {
            if (booked) return Future.succeededFuture(new Decided(turn, now, facts));
            metrics.counter("omk_bookings_taken_total").increment();
            Map<String, String> again = new HashMap<>(facts);
            again.merge(Engine.SLOT_TAKEN, slot, (a, b) -> a + "," + b);
            return decide(w, again, round + 1);
        });
    }

    private Future<TurnResult> run(ConversationStore.Lock lock, Work w, Released released) {
        return facts(w.session(), w.handoff()).compose(known -> withRequestElsewhere(w, known))
                .compose(known -> decide(w, known, 0)).compose(decided -> {
            Instant now = decided.now();
            Engine.Turn turn = decided.turn();
            Map<String, String> facts = decided.facts();
            CommitBuilder b = new CommitBuilder(w.session().conversationId(), w.channel(), w.address(), turn.session(),
                    w.contact(), now, w.handoff());
            if (w.inbound() != null) b.transcript.add(w.inbound());
            b.firedTimerId = w.firedTimerId();
            b.firedFence = w.firedFence();
            b.receipt = w.receipt();
            b.inline = w.inline();
            for (Event e : turn.events()) handlers.apply(e, b);
            handlers.personMovedOn(b);
            // An urgent handoff (a crisis, a fall) nobody of ours can read now, because the line is closed or
            // nobody who serves its queue is online: the on-call coordinator is alerted after this turn is
            // saved. Once per urgent request (its id is the time it became urgent), not again for every
            // message of it; not when a worker has it; and once more when nobody took it over in time and
            // still nobody is there.
            Task alert = OnCallAlert.taskFor(w.handoff(), b.handoff.after(), turn.events(), b.conversationId,
                    String.valueOf(turn.session().line()), pseudonym.of(b.conversationId));
            Future<Boolean> alone = alert == null ? Future.succeededFuture(false)
                    : "false".equals(facts.get("line_open")) ? Future.succeededFuture(true)
                    // When it cannot be told, the coordinator rather gets one SMS too many than none.
                    : staffing.anyoneOnDuty(b.handoff.after().queue(), now).map(on -> !on).otherwise(true);
            return alone.compose(nobody -> {
                if (nobody) b.tasks.add(alert);
                return store.commitAndUnlock(lock, b.build());
            })
                    .map(v -> {
                        released.done = true;
                        countWaits(w.handoff(), b.handoff.after());
                        noteAsked(w.handoff(), b.handoff.after(), w.address(), turn.session().handoffDialog());
                        countCalls(b, now);
                        countReferrals(b, now);
                        metrics.counter("omk_turns_total", "line", String.valueOf(turn.session().line())).increment();
                        return new TurnResult(b.conversationId, turn.session(), b.replies, b.crisis);
                    })
                    // Kept on the person once the turn is saved (rarely: a language switch, a planned absence); a
                    // failure costs a memory, never the turn that is saved already.
                    .compose(result -> b.memory.isEmpty() || b.address == null ? Future.succeededFuture(result)
                            // Through compose: whatever remember throws becomes a failed future, recovered below.
                            : Future.succeededFuture().compose(x -> memory.remember(b.address, Map.copyOf(b.memory))).recover(e -> {
                                log.warn("person memory not kept conversation={} error={}", pseudonym.of(b.conversationId),
                                        e.getClass().getSimpleName());
                                return Future.succeededFuture();
                            }).map(result))
                    .recover(err -> {
                        if (err instanceof ConversationStore.StaleJobException) {
                            // The follow-up's lease ran out and another claim of it runs (or ran) its turn.
                            metrics.counter("omk_jobs_stale_total", "kind", Job.TURN).increment();
                            log.info("turn dropped, its follow-up was claimed again conversation={}",
                                    pseudonym.of(w.session().conversationId()));
                            return Future.succeededFuture(null);
                        }
                        return alreadyHandled(w, err);
                    });
        }).recover(err -> alreadyHandled(w, err)); // also when the booking found it handled, before the commit
    }

    /** A redelivery of a message whose turn was written before: this turn is dropped whole. Any other failure stays. */
    private Future<TurnResult> alreadyHandled(Work w, Throwable err) {
        if (!(err instanceof ConversationStore.AlreadyHandledException) || w.receipt() == null) return Future.failedFuture(err);
        metrics.counter("omk_inbound_already_handled_total").increment();
        log.info("turn dropped, its message was already handled conversation={} partition={} entry={}",
                pseudonym.of(w.session().conversationId()), w.receipt().partition(), w.receipt().entryId());
        return Future.succeededFuture(null);
    }

    /** The runner's clock: what "now" is for the turns it runs. */
    public java.time.Clock clock() {
        return clock;
    }

    /**
     * What a waiting conversation's texts may say of its wait (queue_position, expected_wait, line_open, opens_at): a caller
     * on hold hears where they stand.
     */
    public Future<Map<String, String>> waitFacts(Conversation c) {
        return facts(c.session(), c.handoff());
    }

    /** Facts templates may use; the queue's only looked up when the conversation waits in it. */
    private Future<Map<String, String>> facts(Session s, Handoff handoff) {
        // Whether the line is staffed now (and when it is again), for every turn: a handoff says the truth.
        Map<String, String> hoursNow = hours.facts(s.line(), clock.instant(), s.language());
        // Where a request made before stands, for "wanneer hoor ik iets?" (from the record already loaded).
        Map<String, String> request = RequestStatus.facts(handoff, clock.instant(), hoursNow, s.language());
        Map<String, String> lineHours = hoursNow;
        if (!request.isEmpty()) {
            lineHours = new HashMap<>(hoursNow);
            lineHours.putAll(request);
        }
        if (s.ownership() != Ownership.WAITING) return Future.succeededFuture(lineHours);
        Map<String, String> known = lineHours;
        // The queue it waits in (a worker may have moved it); before the request is saved, where it will go.
        String queue = handoff != null && handoff.state().open() ? handoff.queue() : handoffQueue(s);
        Instant now = clock.instant();
        return store.queuePosition(queue, s.conversationId())
                .compose(pos -> waits.recent(queue, 500).otherwise(List.of()).map(history -> {
                    Map<String, String> all = new HashMap<>(known);
                    all.put("queue_position", String.valueOf(Math.max(1, pos)));
                    WaitEstimate.of(history, now).ifPresent(d -> all.put("expected_wait", WaitEstimate.say(d, s.language())));
                    return all;
                }));
    }

    /**
     * A question about a request ("wanneer word ik gebeld?") in a conversation without an open one: the person's request
     * made on another channel, if any, answers it ({@link Engine#REQUEST_ELSEWHERE}); an open one there goes before this
     * conversation's finished one. Not on the phone, whose caller id anyone can fake, and never a crisis's urgent request:
     * who else holds the person's phone must not learn of it. A failed look-up leaves the facts as they were.
     */
    private Future<Map<String, String>> withRequestElsewhere(Work w, Map<String, String> known) {
        String own = known.get("request");
        if (Interrupts.Status.open(own) || w.address() == null || "voice".equals(w.channel())
                || !(w.input() instanceof Input.Text t) || !engine.asksAboutARequest(t.text(), t.understanding())) {
            return Future.succeededFuture(known);
        }
        Session s = w.session();
        return elsewhere.of(w.address(), s.line(), s.conversationId()).map(h -> {
            if (h == null || h.urgent()) return known;
            Map<String, String> request = RequestStatus.facts(h, clock.instant(), known, s.language());
            if (request.isEmpty() || (own != null && !Interrupts.Status.open(request.get("request")))) return known;
            Map<String, String> all = new HashMap<>(known);
            all.putAll(request);
            all.put(Engine.REQUEST_ELSEWHERE, "true");
            return all;
        }).otherwise(known);
    }

    private String handoffQueue(Session s) {
        Dialog d = engine.dialogs().dialog(s.handoffDialog());
        Step step = d == null ? null : d.step(s.handoffStep());
        String asked = step instanceof Step.Handoff h && h.queue() != null ? h.queue() : s.line();
        // A line with parts (the helpdesk's stadsdelen) queues the conversation for its part's workers.
        return routing.queueFor(s.line(), asked, s.slots());
    }

    /**
     * Classification is CPU work that grows with the text. A message of chat length takes some tens of
     * microseconds (docs/BENCHMARKS.md), less than handing it to a worker thread and back costs, so it
     * runs in place; a longer one runs on a worker thread, never holding up the event loop.
     */
    private Future<Understanding> understand(String text, String language) {
        if (text.length() <= INLINE_UNDERSTAND_CHARS) {
            try {
                return Future.succeededFuture(understander.understand(text, language));
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> understander.understand(text, language), false);
    }

    /** Messages up to this length are understood on the event loop (about 50 words). */
    static final int INLINE_UNDERSTAND_CHARS = 320;

    private String language(String requested) {
        return requested == null || requested.isBlank() ? options.defaultLanguage() : requested;
    }

    public Engine engine() { return engine; }

    /** Where the calls waiting on the line are counted (per line, day and hour). */
    public CallFigures callFigures() { return calls; }

    /** The service's metrics, for the channels that count what happens in a call. */
    public MeterRegistry metrics() { return metrics; }

    /** How each line's waiting conversations reach its workers. */
    public Routing routing() { return routing; }

    public ConversationStore store() { return store; }

    /** What is kept on people beyond one conversation. */
    public PersonMemory memory() { return memory; }
}
