package nl.omkijken.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pure dialog interpreter: (session, contact, input, clock) -> (new session, events).
 * It does no I/O and keeps no state between calls, so the same input always gives the same turn.
 */
public final class Engine {
    /** A waiting person hears their unchanged place again after this long (see Run.toldRecently). */
    static final java.time.Duration RETELL_AFTER = java.time.Duration.ofMinutes(10);
    /** Session slots the engine keeps for itself (never shown as collected, never in templates): what it told last. */
    public static final String TOLD_PLACE = "_told_place";
    /** The wait (its token) in which the person was offered a way forward (the handoff's unanswered routes). */
    public static final String OFFERED = "_offered";
    /** The step ("dialog:step") that made the conversation's call-back task. */
    public static final String CALLBACK_STEP = "_callback_step";
    public static final String TOLD_AT = "_told_at";
    /** A language we do not speak that the person wrote in (ISO 639-3, e.g. "spa"): shown to staff. */
    public static final String OTHER_LANGUAGE = "andere_taal";

    /**
     * The longest message the classifier's "stop" may opt a person out by (the stop words themselves work at
     * any length as the whole message). Opting out by mistake silently ends an elderly person's daily check-in.
     */
    static final int MAX_STOP_GUESS_WORDS = 4;

    /** Questions for data a message can hold before they are asked: a number, an e-mail address, a postcode. */
    static final java.util.Set<Step.SlotType> DATA = java.util.EnumSet.of(Step.SlotType.PHONE, Step.SlotType.EMAIL, Step.SlotType.POSTCODE);
    /** The words a message needs to be read as a form's details written at once (see {@code Run.formText}). */
    static final int FORM_WORDS = 8;
    /** The longest message kept as a form's details (a slot is a note, not a letter). */
    static final int FORM_MAX = 600;

    /** A guard against dialogs that loop without waiting (the validator catches most). */
    static final int MAX_STEPS_PER_TURN = 64;
    public static final String NO_INPUT_TIMER = "no_input";
    /** At most this many words in a "no" to the direct question. */
    static final int CLEAR_NO_MAX_WORDS = 8;
    /** A no that is a no: not "niet echt", "not really", "liever niet", which crisis lines hear as unclear. */
    private static final java.util.regex.Pattern STRICT_NO = java.util.regex.Pattern.compile("(nee|neen|neuh|no|nope|nooit|never)( .*)?");
    /** The direct question about suicide waits for its answer; its id is the question's (see {@link #QUESTION_SLOT}). */
    public static final String RISK_QUESTION_TIMER = "rechtstreeks_vragen";
    /** The direct question asked and not yet answered (see {@link Session#QUESTION_SLOT}). */
    public static final String QUESTION_SLOT = Session.QUESTION_SLOT;
    /** The kind of danger the waiting question is about (see {@link Session#QUESTION_KIND_SLOT}). */
    public static final String QUESTION_KIND_SLOT = Session.QUESTION_KIND_SLOT;
    /**
     * Set for one turn after the status answer of a request that still waits ("Iets toevoegen? Schrijf het hier."): the
     * next message is taken as an addition to it, unless it asks something, speaks to the service (a stop word, a person
     * or a language asked for) or chooses from the line's menu.
     */
    static final String ADDS_TO_REQUEST_SLOT = "_verzoek_aanvulling";
    /** The engine's timer of a waiting handoff that nobody has taken over yet. */
    public static final String UNANSWERED_TIMER = "unanswered";
    private static final Localized YES = Localized.of("Ja", "Yes");
    private static final Localized NO = Localized.of("Nee", "No");

    /** Where the ids of the knowledge articles a conversation was given are kept, for staff (", "-separated). */
    public static final String ARTICLES_SLOT = "artikelen";
    /** An article scoring at least this part of the best one's fits the question too. */
    static final float RELATIVE_FIT = 0.65f;
    /** Answers to the offered times that cannot be told before the person is passed on (to the step's none). */
    static final int DEFAULT_TIME_RETRIES = 2;
    /** Where a booked talk's time is kept, as the person was told it. */
    public static final String APPOINTMENT_SLOT = "afspraak";
    /** Whether a booked talk has its reminder the day before ("ja"), empty when it is too soon for one. */
    public static final String REMINDED_SLOT = "herinnering_gepland";
    /** Where a booked talk's calendar invite is (its address), empty when there is none. */
    public static final String INVITE_SLOT = "afspraak_agenda";
    /** The follow-up that reminds the person of their talk the day before (one per conversation: a new time replaces it). */
    public static final String REMINDER_TIMER = "afspraak_herinnering";
    /** A reminder that came while a worker had the conversation tries again after this long. */
    static final java.time.Duration REMINDER_AGAIN_AFTER = java.time.Duration.ofHours(1);
    /** The fact a turn runs again with when the time it chose was just taken: those slot ids (","-separated). */
    public static final String SLOT_TAKEN = "slot_taken";
    private final DialogSet dialogs;
    private final Knowledge knowledge;
    private final Appointments appointments;

    public Engine(DialogSet dialogs) {
        this(dialogs, Knowledge.NONE);
    }

    /** @param knowledge the helpdesk's knowledge base, for the dialogs' knowledge steps */
    public Engine(DialogSet dialogs, Knowledge knowledge) {
        this(dialogs, knowledge, Appointments.NONE);
    }

    /** @param appointments the helpdesk's bookable times, for the dialogs' booking steps */
    public Engine(DialogSet dialogs, Knowledge knowledge, Appointments appointments) {
        this.dialogs = dialogs;
        this.knowledge = knowledge;
        this.appointments = appointments;
    }

    public DialogSet dialogs() { return dialogs; }

    /** The result of one turn. */
    public record Turn(Session session, List<Event> events) {
        public Turn { events = List.copyOf(events); }

        public List<String> replies() {
            return events.stream().filter(e -> e instanceof Event.Reply).map(e -> ((Event.Reply) e).text()).toList();
        }
    }

    public Turn handle(Session session, Contact contact, Input input, Instant now, Map<String, String> facts) {
        // In a call the person is on the line with us: opting out of our messages does not hang up on them, and
        // a word said ("stop", "hou op") is no opt-out of text messages; the contact as stored does not change.
        boolean inCall = input instanceof Input.Repeat || input instanceof Input.Silence || input instanceof Input.CallEnded
                || input instanceof Input.LineClosedOnHold || input instanceof Input.PutThrough
                || (input instanceof Input.Text t && t.spoken()) || (input instanceof Input.Begin b && b.inCall());
        Contact heardBy = inCall && contact.optedOut() ? new Contact(contact.id(), contact.fields(), false) : contact;
        Run run = new Run(session.touched(now), heardBy, now, facts);
        run.inCall = inCall;
        run.dropQuestionOutsideTheBot();
        // How long the person was silent: after a short while an ended conversation goes on at the menu.
        run.silence = session.updatedAt() == null ? null : java.time.Duration.between(session.updatedAt(), now);
        if (input instanceof Input.Text t) {
            run.onText(t.text(), t.understanding() == null ? Understanding.none() : t.understanding(), t.media());
        }
        else if (input instanceof Input.TimerFired f) run.onTimer(f);
        else if (input instanceof Input.Begin b) run.onBegin(b.dialog());
        else if (input instanceof Input.HandBack h) run.onHandBack(h.dialog());
        else if (input instanceof Input.LanguageChosen l) run.onLanguageChosen(l.language());
        else if (input instanceof Input.Repeat) run.onRepeat();
        // Silence in a call while the direct question waits: taken as yes, as when its timer runs out.
        else if (input instanceof Input.Silence && run.questionPending()) run.crisisAfterSilence();
        // Silence after the offer of a way forward, on hold: the first way (keep waiting), not the offer again and again.
        else if (input instanceof Input.Silence && pendingOffer(run.s) != null) run.takeFirstOffer();
        else if (input instanceof Input.LineClosedOnHold) run.onLineClosedOnHold();
        else if (input instanceof Input.PutThrough) run.onPutThrough();
        else if (input instanceof Input.Silence) run.onTimer(new Input.TimerFired(NO_INPUT_TIMER, "", run.s.waitToken()));
        else if (input instanceof Input.CallEnded) run.onCallEnded();
        run.markHold(input instanceof Input.CallEnded);
        return new Turn(run.s, run.events);
    }

    /**
     * The way forward offered to a person whose wait ran long (the handoff's unanswered text and routes), when it was
     * offered in this wait and they still wait; else null. A caller on hold hears it in the call.
     */
    public Step.Unanswered pendingOffer(Session s) {
        if (s == null || s.ownership() != Ownership.WAITING || !Long.toString(s.waitToken()).equals(s.slots().get(OFFERED))) return null;
        Dialog d = dialogs.dialog(s.handoffDialog());
        return d != null && d.step(s.handoffStep()) instanceof Step.Handoff h && h.unanswered() != null
                && !h.unanswered().routes().isEmpty() ? h.unanswered() : null;
    }

    /**
     * What a caller waiting urgently on the line hears at every turn of the wait (the urgent handoff's while_waiting: the
     * helplines once more); null for an ordinary wait.
     */
    public Localized holdReminder(Session s) {
        if (s == null || s.ownership() != Ownership.WAITING) return null;
        Dialog d = dialogs.dialog(s.handoffDialog());
        return d != null && d.step(s.handoffStep()) instanceof Step.Handoff h && h.priority() == Step.Priority.URGENT
                ? h.whileWaiting() : null;
    }

    /**
     * Fact set by the runner when the request facts ({@code request}, {@code request_since}) are of another conversation of
     * the same person (a call-back asked for by text, asked after by phone).
     */
    public static final String REQUEST_ELSEWHERE = "request_elsewhere";

    /**
     * Whether a message asks where a request stands ("wanneer hoor ik iets?": interrupts.yaml's status keywords or
     * intents), before any turn: the runner then looks for the person's request in their other conversations (written
     * on another channel) when this one has none. Pure; the turn itself decides whether it answers it.
     */
    public boolean asksAboutARequest(String text, Understanding u) {
        return text != null && asksAboutARequestFolded(Normalizer.fold(text), u);
    }

    /** As {@link #asksAboutARequest}, of a message folded already (a turn folds it once). */
    private boolean asksAboutARequestFolded(String folded, Understanding u) {
        Interrupts.Status status = dialogs.interrupts().status();
        if (status == null || folded.isBlank()) return false;
        return matchesAny(folded, status.keywords()) || (u != null && u.intent() != null && status.intents().contains(u.intent()));
    }

    /** Whether silence after the current question counts at once on the phone (its no_input says phone_at_once). */
    public boolean silenceAtOnce(Session s) {
        if (s == null || !s.started() || s.ended() || s.ownership() != Ownership.BOT) return false;
        Dialog d = dialogs.dialog(s.dialog());
        Step step = d == null ? null : d.step(s.step());
        Step.NoInput ni = step instanceof Step.Ask a ? a.noInput() : step instanceof Step.Collect c ? c.noInput() : null;
        return ni != null && ni.atOnceOnPhone();
    }

    /**
     * Whether the conversation waits for the person's answer to a question of the bot (an ask or collect
     * step): what the phone listens for after it spoke.
     */
    public boolean awaitsAnswer(Session s) {
        if (s != null && s.slots().containsKey(Session.QUESTION_SLOT) && s.ownership() != Ownership.AGENT) return true;
        if (s == null || !s.started() || s.ended() || s.ownership() != Ownership.BOT) return false;
        Dialog d = dialogs.dialog(s.dialog());
        Step step = d == null ? null : d.step(s.step());
        return step instanceof Step.Ask || step instanceof Step.Collect || step instanceof Step.Book;
    }

    /** The working state of one turn. */
    private final class Run {
        Session s;
        final Contact contact;
        final Instant now;
        final Map<String, String> facts;
        final List<Event> events = new ArrayList<>();
        int stepsRun;
        /**
         * The message of this turn as understood, until a question used it: a message that already answers
         * the next question ("ik ben er tot vrijdag niet" for "tot wanneer?") is not asked it again.
         */
        Understanding heard;
        /** The text of that message, for a question that asks for data (a number, an address) it already holds. */
        String heardText;
        /**
         * A message of at least {@link #FORM_WORDS} words that answered a question of a form and said more ("we zijn
         * Stichting X in Moerwijk, ik ben Fatima, fatima@x.nl"): the form's next questions of this turn look in it
         * first, and are not asked what it already says. Only by what finds a value surely: an e-mail address, a phone
         * number, a postcode, a choice named by its value or keyword (one only), a text step's {@code ahead} patterns,
         * and a question's route named by a keyword of two words or more. The form's summary lets the person correct it.
         */
        String formText;
        /** A question of the form was answered from its details (or by them): its menus may be answered by them too. */
        boolean formStarted;
        /** The person's message of this turn, as written (kept all turn: a knowledge step searches with it). */
        String turnText;
        /** Who sent the person was acknowledged in this turn. */
        boolean acknowledged;
        /** Whether the conversation's line says "u" (see polite()). */
        Boolean polite;
        /** Since the turn before this one (null: unknown). */
        java.time.Duration silence;
        /** The conversation ended a short while ago: it starts again at the line's menu, without the welcome. */
        boolean soonAgain;
        /** The turn happens in a phone call: stop and start words are not about text messages there. */
        boolean inCall;

        Run(Session s, Contact contact, Instant now, Map<String, String> facts) {
            this.s = s;
            this.contact = contact;
            this.now = now;
            this.facts = facts == null ? Map.of() : facts;
        }

        void onText(String text, Understanding heardAs, int media) {
            Interrupts in = dialogs.interrupts();
            String folded = Normalizer.fold(text);
            Understanding u = weighRisk(heardAs, folded);
            heard = u;
            heardText = text;
            turnText = text;
            // Nothing is said to a person who opted out (STOP) but what START brings, below; words that may speak of
            // danger are never answered with a closing or a status line.
            boolean mayAnswer = !contact.optedOut() && u.risk() == RiskLevel.NONE && !questionPending();
            // Invited to add to a waiting request by the last status answer: for this turn only.
            boolean invitedToAdd = s.slots().containsKey(ADDS_TO_REQUEST_SLOT);
            if (invitedToAdd) s = s.withoutSlot(ADDS_TO_REQUEST_SLOT);
            if ((s.ended() || s.ownership() == Ownership.CLOSED) && mayAnswer && closingWords(in.closing(), folded, u)) {
                // "Dank je" after the conversation ended: a kind answer, and what was recorded stays (the
                // outcome, a pending call-back); nothing starts afresh.
                say(in.closing().text(), List.of());
                return;
            }
            if (mayAnswer && s.ownership() != Ownership.AGENT && s.ownership() != Ownership.WAITING && askedAboutRequest(in.status(), text, folded, u)) {
                // "Wanneer hoor ik iets?" after a request: where it stands, and nothing starts afresh. A talk booked in
                // this conversation is the answer first: the request has its time.
                Appointments.Held held = in.status().texts().containsKey(Interrupts.Status.BOOKED)
                        ? appointments.heldBy(s.conversationId(), now, s.language()) : null;
                if (held != null) {
                    Map<String, String> withTalk = new java.util.HashMap<>(facts);
                    withTalk.put("appointment", held.label());
                    sayWith(in.status().texts().get(Interrupts.Status.BOOKED), withTalk);
                    return;
                }
                String state = facts.get("request");
                Localized answer = state == null ? null : in.status().texts().get(state);
                if (answer == null && Interrupts.Status.PASSED_ON.equals(state)) answer = in.status().texts().get("waiting");
                if (answer != null) {
                    say(answer, List.of());
                    // Only the answers that invite an addition ("Iets toevoegen? Schrijf het hier."): waiting, passed on.
                    if (("waiting".equals(state) || Interrupts.Status.PASSED_ON.equals(state)) && facts.get(REQUEST_ELSEWHERE) == null) {
                        s = s.withSlot(ADDS_TO_REQUEST_SLOT, "ja");
                    }
                    return;
                }
            }
            if (mayAnswer && s.ownership() == Ownership.BOT && (s.ended() || !s.started()) && in.status() != null
                    && in.status().noted() != null && facts.get("request") != null && Interrupts.Status.PENDING.contains(facts.get("request"))
                    // Only a request of this conversation: what is noted here is read by whoever opens it.
                    && facts.get(REQUEST_ELSEWHERE) == null
                    && (onlyWhen(folded, u) || (invitedToAdd && !choosesFromMenu(folded) && !asksSomething(text, folded) && !asksTheService(folded, u)
                        // A language we do not speak gets its own notice (below), not "kept with the request".
                        && (u.language() == null || Localized.LANGUAGES.contains(u.language()))))) {
                // "Vanmiddag graag" after asking for a call-back: for the worker who will call (the message is in
                // the conversation they open), not the start of a new check-in.
                say(in.status().noted(), List.of());
                return;
            }
            // An ended conversation starts afresh with the bot, unless a worker took it over since (a call-back
            // task taken in the console): then the message is theirs, like any other while they have it.
            if ((s.ended() && s.ownership() == Ownership.BOT) || s.ownership() == Ownership.CLOSED) {
                Dialog entry = dialogs.entryOf(s.line());
                soonAgain = entry != null && entry.welcomeAgainAfter() != null && entry.menu() != null && silence != null
                        && silence.compareTo(entry.welcomeAgainAfter()) < 0;
                s = s.restarted();
            }

            if (u.crisis() && !answersWithDanger(u, text)) {
                crisis(u.crisisKind());
                return;
            }
            if (u.crisis()) {
                // Reported to the dialog's own question, whose route handles it (112 and the coordinator alerted).
                if (questionPending()) clearQuestion();
                s = s.withSlot(Session.RISK_SLOT, RiskLevel.HIGH.id());
                answer(text, u);
                return;
            }
            Interrupts.DirectQuestion question = in.possible();
            if (questionPending() && !inCall && matchesWhole(folded, in.stopKeywords())) {
                // STOP while the question waits: the opt-out below is respected (carriers require it), but the risk is not
                // dropped in silence: staff are alerted, urgently, to reach the person another way.
                clearQuestion();
                s = s.withSlot(Session.RISK_SLOT, RiskLevel.HIGH.id());
                events.add(new Event.HandoffRequested(s.line(), Step.Priority.URGENT, "crisis"));
            }
            if (questionPending()) {
                // A clear no to the direct question (anything else was taken as a crisis above): one gentle line that
                // names 113, and back to where the person was (a first message: the line's welcome).
                String kind = pendingKind();
                clearQuestion();
                // (The question may have left interrupts.yaml since it was asked: then the no is simply taken.)
                if (question != null) say(question.noFor(kind), List.of());
                if (s.ownership() != Ownership.BOT) return;
                if (!s.started()) startEntry(null, null);
                else if (!s.ended() && awaitsAnswer(s)) goTo(s.dialog(), s.step());
                return;
            }
            if (u.risk() == RiskLevel.POSSIBLE && s.ownership() == Ownership.AGENT) {
                // A worker has the conversation: they read the message and ask in their own words; the level is kept.
                if (!s.slots().containsKey(Session.RISK_SLOT)) s = s.withSlot(Session.RISK_SLOT, RiskLevel.POSSIBLE.id());
            }
            boolean inCrisisQueue = s.ownership() == Ownership.WAITING && RiskLevel.HIGH.id().equals(s.slots().get(Session.RISK_SLOT));
            if (u.risk() == RiskLevel.POSSIBLE && s.ownership() != Ownership.AGENT && !contact.optedOut() && !inCrisisQueue) {
                // Words that may mean suicidal thoughts without saying so: asked directly and kindly, as crisis lines
                // do. A worker who has the conversation reads the message and asks in their own words.
                cancelNoInput();
                long id = now.toEpochMilli();
                s = s.withSlot(Session.RISK_SLOT, RiskLevel.POSSIBLE.id()).withSlot(QUESTION_SLOT, Long.toString(id));
                // A possible fall, violence at home or a threat to someone: its own question (danger, 112), not suicide's.
                if (question.asksAbout(u.crisisKind())) s = s.withSlot(QUESTION_KIND_SLOT, u.crisisKind());
                events.add(new Event.RiskQuestionAsked());
                say(question.askFor(pendingKind()), List.of());
                events.add(new Event.TimerScheduled(RISK_QUESTION_TIMER, now.plus(question.after()), in.crisisDialog() + ":", id));
                return;
            }
            // A person who waits for a human, or talks with one, is unsubscribed only by a stop word itself,
            // never by a guess of the classifier: "nog steeds hier" was once read as stop, and would have
            // ended the wait of someone lonely without a word. Their message is kept for the worker.
            boolean withHuman = s.ownership() == Ownership.WAITING || s.ownership() == Ownership.AGENT;
            // Nor by a guess on a longer message: "ik wil stoppen met roken maar het lukt niet" or a fall described at
            // length is no opt-out; a short "stop maar" still is (MAX_STOP_GUESS_WORDS).
            boolean stopGuess = !withHuman && in.stopIntents().contains(u.intent()) && folded.split(" ").length <= MAX_STOP_GUESS_WORDS;
            // Asked for in so many words (stop.phrases) works also while waiting: no guess of the classifier.
            boolean stopAsked = matchesAny(folded, in.stopPhrases());
            if (!inCall && !matchesWhole(folded, in.stopKeywords()) && stopGuess && !stopAsked && in.stopConfirm() != null
                    && !contact.optedOut()) {
                // A sentence the classifier only takes for stopping ("stop maar", "please stop asking me questions") is asked
                // back: a stop word itself or asking in so many words (stop.phrases) opts out, a guess never ends someone's
                // daily check-in.
                say(in.stopConfirm(), List.of());
                return;
            }
            if (!inCall && (matchesWhole(folded, in.stopKeywords()) || stopGuess || stopAsked)) {
                cancelNoInput();
                if (!contact.optedOut()) {
                    say(in.stopTextOn(s.line()), List.of());
                    // The Telefooncirkel's coordinator hears of it (a task in the line's queue): someone who relied on a
                    // daily check-in never drops out of sight by one word.
                    if (in.stopTellsStaff(s.line())) events.add(new Event.HandoffRequested(s.line(), Step.Priority.NORMAL, "opted_out"));
                    events.add(new Event.OptedOut());
                }
                events.add(new Event.ConversationEnded(Outcome.OPTED_OUT));
                s = s.endedWith(Outcome.OPTED_OUT).withOwnership(Ownership.BOT);
                return;
            }
            if (contact.optedOut()) {
                if (matchesWhole(folded, in.startKeywords())) {
                    events.add(new Event.OptedIn());
                    say(in.startText(), List.of());
                    s = s.restarted();
                    startEntry(null, null);
                }
                // Otherwise nothing is sent: the person opted out and has not said START.
                return;
            }
            String lang = languageAsked(folded);
            if (lang != null) {
                // Asked for a language: switched (or, when it is already spoken, confirmed), never taken as the
                // answer to a question ("nederlands graag" in a form step is no name).
                if (!lang.equals(s.language())) {
                    s = s.withLanguage(lang);
                    events.add(new Event.LanguageChanged(lang));
                }
                say(in.languageText(), List.of());
                if (s.ownership() == Ownership.BOT) {
                    // A first message that only names a language still deserves the greeting.
                    if (s.started()) repromptCurrent();
                    else startEntry(null, null);
                }
                return;
            }
            String written = u.language();
            if (written != null && !Localized.LANGUAGES.contains(written) && in.otherLanguage() != null
                    && s.ownership() == Ownership.BOT && !(s.started() && currentStep() instanceof Step.Collect)) {
                // A language we do not speak: say so in both of ours, with how to reach a person; staff see
                // which language it was. The conversation stays where it was.
                s = s.withSlot(OTHER_LANGUAGE, written);
                events.add(new Event.SlotFilled(OTHER_LANGUAGE));
                events.add(new Event.Reply(Templates.render(in.otherLanguage().in("nl", polite()), s, contact, facts), List.of()));
                events.add(new Event.Reply(Templates.render(in.otherLanguage().in("en"), s, contact, facts), List.of()));
                return;
            }
            if (written != null && Localized.LANGUAGES.contains(written) && !written.equals(s.language()) && writtenAtLength(folded)) {
                // Written in our other language: the conversation follows the person, without a word about it.
                s = s.withLanguage(written);
                events.add(new Event.LanguageChanged(written));
            }
            if (folded.isEmpty() && media > 0 && s.ownership() == Ownership.BOT) {
                // A photo or voice note without words: say kindly that only text is read, then go on.
                say(in.mediaOnly() != null ? in.mediaOnly() : in.notUnderstood(), List.of());
                if (s.started()) repromptCurrent();
                else startEntry(null, null);
                return;
            }
            if (s.ownership() == Ownership.WAITING) {
                if (takesOffer(text)) return;
                sayWhileWaiting();
                return;
            }
            if (s.ownership() == Ownership.AGENT) return; // staff answer; the message goes to the console
            if (matchesAny(folded, in.humanKeywords()) || in.humanIntents().contains(u.intent())) {
                cancelNoInput();
                // A dialog with a way to a person of its own (the phone's queue, its offer when nobody is free) takes it.
                Dialog current = s.started() && !s.ended() ? dialogs.dialog(s.dialog()) : null;
                if (current != null && current.human() != null) goTo(current.id(), current.human());
                else enter(in.humanDialog(), null, null);
                return;
            }
            if (!s.started()) {
                startEntry(text, u);
                return;
            }
            answer(text, u);
        }

        /**
         * The message's risk in this conversation: the answer to a pending direct question (only a clear no lets
         * the conversation go on), the same words after earlier hopelessness (riskIfSensitive), a possible risk
         * with no question to ask. Only ever raised here; nothing but a human lowers it.
         */
        Understanding weighRisk(Understanding u, String folded) {
            if (u.crisis()) return u;
            Interrupts in = dialogs.interrupts();
            // A carrier's stop word by text ends our messages whatever was asked (the law and Twilio require it); said in
            // a call it is no opt-out, and no answer to the question either.
            if (!inCall && matchesWhole(folded, in.stopKeywords())) return u;
            if (questionPending()) return clearNo(u, folded) ? u : u.asCrisis(pendingKind());
            // After earlier risk the same words weigh more; a worker who has the conversation reads them themselves.
            // (Also in a conversation a worker closed: "bedankt voor alles, dag allemaal" then is no closing word. Not while
            // it waits for a worker, who reads every message there.)
            if ((s.ownership() == Ownership.BOT || s.ownership() == Ownership.CLOSED) && s.slots().containsKey(Session.RISK_SLOT)
                    && u.riskIfSensitive() == RiskLevel.HIGH) {
                return u.asCrisis(null);
            }
            // No question to ask (none configured, or a person who opted out, whom we may not ask): taken as a crisis.
            if (u.risk() == RiskLevel.POSSIBLE && s.ownership() != Ownership.AGENT && (in.possible() == null || contact.optedOut())) {
                return u.asCrisis(u.crisisKind());
            }
            return u;
        }

        /**
         * A no that says only no: "nee", "nee hoor, zo bedoel ik het niet". Not a digit (a button of the question
         * before may still be on screen), not a long message, not one that itself carries risk ("nee, maar ik zie het
         * echt niet meer zitten", "no one would notice").
         */
        boolean clearNo(Understanding u, String folded) {
            if (!"no".equals(u.entities().get("yes_no")) || !STRICT_NO.matcher(folded).matches()) return false;
            if (folded.matches("[0-9 ]+") || folded.split(" ").length > CLEAR_NO_MAX_WORDS) return false;
            return u.risk() == RiskLevel.NONE && u.riskIfSensitive() != RiskLevel.HIGH;
        }

        /** The direct question asked and waiting for its answer. */
        boolean questionPending() {
            return s.slots().containsKey(QUESTION_SLOT);
        }

        /** The kind of danger the waiting question is about; null: suicide (the question's own). */
        String pendingKind() {
            return s.slots().get(QUESTION_KIND_SLOT);
        }

        /** The waiting question once more (nothing when the dialogs no longer have one). */
        void askAgain() {
            Interrupts.DirectQuestion q = dialogs.interrupts().possible();
            if (q != null) say(q.askFor(pendingKind()), List.of());
        }

        /** The question is answered or moot: its slots go, its timer is cancelled. */
        void clearQuestion() {
            s = s.withoutRiskQuestion();
            events.add(new Event.TimerCancelled(RISK_QUESTION_TIMER));
        }

        /**
         * A worker took the conversation over (or closed it) while the direct question waited: the question is theirs
         * to ask now, in their own words, and its timer is dropped; the level reached stays.
         */
        void dropQuestionOutsideTheBot() {
            if (questionPending() && (s.ownership() == Ownership.AGENT || s.ownership() == Ownership.CLOSED)) clearQuestion();
        }

        /**
         * Whether a message of danger answers the waiting question of a dialog that handles this kind itself
         * (handles_danger): a contact person's "ze ligt op de grond" to "kunt u gaan kijken?" matches its route.
         */
        boolean answersWithDanger(Understanding u, String text) {
            if (u.crisisKind() == null || s.ownership() != Ownership.BOT || s.ended() || !s.started()) return false;
            Dialog d = dialogs.dialog(s.dialog());
            String handler = d == null ? null : d.handlesDanger().get(u.crisisKind());
            if (handler == null || !(currentStep() instanceof Step.Ask ask)) return false;
            // Only a route to the dialog's own emergency step: "pijn op de borst" matching a call-back route is no answer.
            Step.Route r = chosen(ask.routes(), text, false);
            return r != null && handler.equals(r.target());
        }

        /** Automation stops: the safety reply at once, first in the staff queue. */
        void crisis(String kind) {
            Interrupts in = dialogs.interrupts();
            cancelNoInput();
            if (questionPending()) clearQuestion();
            s = s.withSlot(Session.RISK_SLOT, RiskLevel.HIGH.id());
            // A kind with a dialog of its own (acute danger: 112 first) goes there; every other to the shared one.
            String crisisId = in.crisisDialogFor(kind);
            Dialog crisisDialog = dialogs.dialog(crisisId);
            events.add(new Event.CrisisDetected(crisisId, crisisDialog.start()));
            if (s.ownership() == Ownership.AGENT) {
                // A worker has the conversation: it stays with them (never back to a queue or the bot), the
                // person gets the safety reply with the helplines at once, and the handoff becomes urgent,
                // which alerts the worker in the console.
                if (crisisDialog.step(crisisDialog.start()) instanceof Step.Say first) say(first.text(), List.of());
                events.add(new Event.HandoffRequested(s.line(), Step.Priority.URGENT, "crisis"));
                return;
            }
            if (s.ended()) s = s.restarted();
            s = s.withOwnership(Ownership.BOT);
            enter(crisisId, null, null);
        }

        /**
         * No answer to the direct question: the crisis path, but the crisis dialog's first words thank a person for
         * telling, and this one said nothing. The question's own silence words (with the helplines) stand in for them.
         */
        void crisisAfterSilence() {
            Interrupts in = dialogs.interrupts();
            // A question of its own kind: that kind's help, whose first words ("is er nu gevaar? bel 112") fit silence too.
            String kind = pendingKind();
            Interrupts.KindQuestion own = kind == null || in.possible() == null ? null : in.possible().kinds().get(kind);
            if (kind != null && (own == null || own.silence() == null)) {
                crisis(kind);
                return;
            }
            Dialog crisisDialog = dialogs.dialog(kind == null ? in.crisisDialog() : in.crisisDialogFor(kind));
            if (!(crisisDialog.step(crisisDialog.start()) instanceof Step.Say first) || first.next() == null
                    || s.ownership() == Ownership.AGENT || in.possible() == null) {
                crisis(null);
                return;
            }
            cancelNoInput();
            clearQuestion();
            s = s.withSlot(Session.RISK_SLOT, RiskLevel.HIGH.id());
            events.add(new Event.CrisisDetected(crisisDialog.id(), first.next()));
            if (s.ended()) s = s.restarted();
            s = s.withOwnership(Ownership.BOT);
            say(own != null ? own.silence() : in.possible().silence(), List.of());
            enter(crisisDialog.id(), first.next(), null);
        }

        void onTimer(Input.TimerFired f) {
            if (RISK_QUESTION_TIMER.equals(f.timer())) {
                // No answer to the direct question in time: taken as yes. Stale when it was answered meanwhile.
                if (Long.toString(f.token()).equals(s.slots().get(QUESTION_SLOT)) && s.ownership() != Ownership.AGENT) {
                    crisisAfterSilence();
                }
                return;
            }
            if (contact.optedOut()) return;
            if (UNANSWERED_TIMER.equals(f.timer())) {
                // Stale when staff took the conversation over, or it moved on to another wait since.
                if (f.token() != s.waitToken() || s.ownership() != Ownership.WAITING) return;
                // Offered already (a caller on hold whose call heard it before the timer came): once per wait.
                if (Long.toString(s.waitToken()).equals(s.slots().get(OFFERED))) return;
                Dialog d = dialogs.dialog(s.handoffDialog());
                Step step = d == null ? null : d.step(s.handoffStep());
                if (!(step instanceof Step.Handoff h) || h.unanswered() == null) return;
                // An offer of a way forward ("everyone is busy") is no truth on a closed line: the person
                // was told when it opens again. A crisis's second alert goes out at any hour.
                if (!h.unanswered().routes().isEmpty() && lineClosed()) return;
                String queue = h.queue() == null ? s.line() : h.queue();
                events.add(new Event.HandoffUnanswered(queue, h.priority(), h.reason(), h.unanswered().after()));
                List<Event.Button> offer = buttons(h.unanswered().routes());
                // A caller on hold hears the offer in the call at the wait's next turn (CallFlow), not by text; an urgent
                // wait's helplines are said at every turn of the wait there.
                if (h.unanswered().text() != null && !onHold()) say(h.unanswered().text(), offer);
                // From now on this wait has a way forward: the next messages may take it.
                if (!h.unanswered().routes().isEmpty()) s = s.withSlot(OFFERED, Long.toString(s.waitToken()));
                return;
            }
            if (NO_INPUT_TIMER.equals(f.timer())) {
                if (f.token() != s.waitToken() || s.ended() || s.ownership() != Ownership.BOT) return; // stale
                if (questionPending()) return; // the direct question's own timer decides
                Step step = currentStep();
                Step.NoInput ni = step instanceof Step.Ask a ? a.noInput() : step instanceof Step.Collect c ? c.noInput()
                        : step instanceof Step.Book bk ? bk.noInput() : null;
                if (ni == null) return;
                if (ni.text() != null) say(ni.text(), List.of());
                goTo(s.dialog(), ni.target());
                return;
            }
            // A scheduled follow-up: runs unless a human has the conversation. A talk's reminder is promised: it
            // comes an hour later, while the talk is still to come.
            if (s.ownership() == Ownership.WAITING || s.ownership() == Ownership.AGENT) {
                if (REMINDER_TIMER.equals(f.timer()) && appointments.heldBy(s.conversationId(), now, s.language()) != null) {
                    events.add(new Event.TimerScheduled(REMINDER_TIMER, now.plus(REMINDER_AGAIN_AFTER), f.target(), -1));
                }
                return;
            }
            if (questionPending()) {
                // The direct question waits for its answer: a scheduled follow-up comes after it, not in its place.
                Interrupts.DirectQuestion q = dialogs.interrupts().possible();
                events.add(new Event.TimerScheduled(f.timer(), now.plus(q == null ? Interrupts.DirectQuestion.DEFAULT_AFTER : q.after()),
                        f.target(), f.token()));
                return;
            }
            if (s.ended()) s = s.restarted();
            String[] target = f.target().split(":", 2);
            enter(target[0], target[1], null);
        }

        void onBegin(String dialogId) {
            // A call from a person who waits for a human: where their request stands (while_waiting: for a crisis
            // with the helplines), not the line's welcome; the wait is not touched.
            if (inCall && s.ownership() == Ownership.WAITING) {
                if (questionPending()) askAgain();
                else sayWhileWaiting();
                return;
            }
            if (contact.optedOut() || s.ownership() == Ownership.WAITING || s.ownership() == Ownership.AGENT) return;
            if (questionPending()) {
                // The direct question still waits (a daily call, a call after a text): asked again, nothing else first.
                askAgain();
                return;
            }
            cancelNoInput();
            s = s.restarted();
            enter(dialogId == null ? dialogs.entryOf(s.line()).id() : dialogId, null, null);
        }

        /**
         * A language chosen outside the conversation: it goes on in that language, and a question waiting for
         * an answer is asked again in it, so the person sees the switch. Nothing is said to a person who
         * opted out, nor when the language stays the same.
         */
        /** The caller hung up on a question: the conversation ends as left, without a word after the call. */
        /**
         * A caller whose turn leaves them waiting for a worker, on a line that holds calls, waits on the line: from now on
         * what the wait brings (the offer of a way forward) is said in the call, not sent as a message. The mark goes when
         * the call ends, or when the conversation no longer waits.
         */
        void markHold(boolean callEnded) {
            boolean held = s.slots().containsKey(Session.HOLD_SLOT);
            // Not while the line is closed: nobody would come (an urgent request stays for the call-back when it opens).
            if (!callEnded && s.ownership() == Ownership.WAITING && willHold()) {
                if (!held) s = s.withSlot(Session.HOLD_SLOT, "1");
                if (!s.slots().containsKey(Session.CALL_COUNTED_SLOT)) {
                    s = s.withSlot(Session.CALL_COUNTED_SLOT, "1");
                    events.add(new Event.CallOffered());
                }
            } else if (held && s.ownership() != Ownership.WAITING && s.ownership() != Ownership.AGENT) {
                s = s.withoutSlot(Session.HOLD_SLOT);
            }
        }

        /** See {@link Input.LineClosedOnHold}. */
        void onLineClosedOnHold() {
            if (!onHold() || s.ownership() != Ownership.WAITING) return;
            s = s.withoutSlot(Session.HOLD_SLOT);
            Dialog d = dialogs.dialog(s.handoffDialog());
            if (!(d != null && d.step(s.handoffStep()) instanceof Step.Handoff h)) return;
            if (h.priority() == Step.Priority.URGENT) {
                // First in the queue when the line opens; said now, with who is there day and night.
                Localized t = h.whileClosed() != null ? h.whileClosed() : h.closed();
                if (t != null) say(t, List.of());
                return;
            }
            if (h.closed() != null) say(h.closed(), List.of());
            if (h.closedNext() == null) return; // it stays in the queue, for when the line opens
            s = s.withOwnership(Ownership.BOT).withSlot(OFFERED, "");
            goTo(d.id(), h.closedNext());
        }

        /** The first way forward of the offer made in this wait (see {@link #pendingOffer}). */
        void takeFirstOffer() {
            Dialog d = dialogs.dialog(s.handoffDialog());
            if (!(d != null && d.step(s.handoffStep()) instanceof Step.Handoff h) || h.unanswered() == null
                    || h.unanswered().routes().isEmpty()) return;
            s = s.withOwnership(Ownership.BOT).withSlot(OFFERED, "");
            goTo(d.id(), h.unanswered().routes().get(0).target());
        }

        /** Whether a handoff that waits for staff now leaves this caller waiting on the line (the condition of {@link #markHold}). */
        boolean willHold() {
            return inCall && dialogs.holdsCalls(s.line()) && !lineClosed();
        }

        /** The caller waits on the line (see {@link #markHold}). */
        boolean onHold() {
            return s.slots().containsKey(Session.HOLD_SLOT);
        }

        /** Whether the wait is an urgent one (a crisis, a fall, a caller's "dringend"): those stay for a worker. */
        boolean urgentWait() {
            Dialog d = dialogs.dialog(s.handoffDialog());
            return d != null && d.step(s.handoffStep()) instanceof Step.Handoff h && h.priority() == Step.Priority.URGENT;
        }

        /** See {@link Input.PutThrough}. */
        void onPutThrough() {
            if (!onHold()) return;
            s = s.withoutSlot(Session.HOLD_SLOT);
            events.add(new Event.CallAnswered());
        }

        void onCallEnded() {
            s = s.withoutSlot(Session.CALL_COUNTED_SLOT);
            if (onHold()) {
                s = s.withoutSlot(Session.HOLD_SLOT);
                // Hung up before any talk: waiting in the queue, or while a worker's phone was ringing.
                if (s.ownership() == Ownership.WAITING || s.ownership() == Ownership.AGENT) events.add(new Event.CallAbandoned());
                // Hung up while waiting on the line: nobody is left to talk to, so the wait ends (abandoned) and the request
                // leaves the queue. An urgent one stays: a worker calls back (the console shows staff the number).
                if (s.ownership() == Ownership.WAITING && !urgentWait()) {
                    events.add(new Event.ConversationEnded(Outcome.ABANDONED));
                    s = s.withOwnership(Ownership.BOT).withSlot(OFFERED, "").endedWith(Outcome.ABANDONED);
                    return;
                }
            }
            if (!awaitsAnswer(s)) return;
            cancelNoInput();
            events.add(new Event.ConversationEnded(Outcome.ABANDONED));
            s = s.endedWith(Outcome.ABANDONED);
        }

        /** The waiting question again, as it was asked; nothing when none waits (or a human has the conversation). */
        void onRepeat() {
            if (contact.optedOut() || !awaitsAnswer(s)) return;
            if (questionPending()) {
                askAgain();
                return;
            }
            repromptCurrent();
        }

        void onLanguageChosen(String language) {
            if (!Localized.LANGUAGES.contains(language) || language.equals(s.language())) return;
            s = s.withLanguage(language);
            events.add(new Event.LanguageChanged(language));
            if (contact.optedOut() || !s.started() || s.ended() || s.ownership() != Ownership.BOT) return;
            say(dialogs.interrupts().languageText(), List.of());
            if (questionPending()) askAgain();
            else repromptCurrent();
        }

        void onHandBack(String dialogId) {
            if (s.ownership() == Ownership.WAITING || s.ownership() == Ownership.AGENT) return;
            cancelNoInput();
            s = s.restarted();
            if (contact.optedOut()) return;
            Dialog d = dialogId == null ? dialogs.entryOf(s.line()) : dialogs.dialog(dialogId);
            if (d == null) d = dialogs.entryOf(s.line());
            enter(d.id(), dialogId == null ? d.menu() : null, null);
        }

        // ----- moving through steps -----

        void startEntry(String opener, Understanding u) {
            Dialog entry = dialogs.entryOf(s.line());
            // Soon after the last conversation: the welcome once is enough; the menu (or the message's own way).
            enter(entry.id(), soonAgain ? entry.menu() : null, opener == null ? null : new Opener(opener, u));
        }

        void enter(String dialogId, String stepId, Opener opener) {
            Dialog d = dialogs.dialog(dialogId);
            s = s.at(d.id(), stepId == null ? d.start() : stepId);
            runFromCurrent(opener);
        }

        void goTo(String dialogId, String stepId) {
            s = s.at(dialogId, stepId);
            runFromCurrent(null);
        }

        Step currentStep() {
            Dialog d = dialogs.dialog(s.dialog());
            return d == null ? null : d.step(s.step());
        }

        /** Runs steps until one waits for the person, hands over or ends. */
        void runFromCurrent(Opener opener) {
            while (true) {
                if (++stepsRun > MAX_STEPS_PER_TURN) {
                    // A loop in a dialog: never leave the person without an answer.
                    events.add(new Event.HandoffRequested(s.line(), Step.Priority.NORMAL, "dialog_loop"));
                    s = s.handedOff(s.dialog(), s.step());
                    return;
                }
                Step step = currentStep();
                String dialogId = s.dialog();
                if (step instanceof Step.Say say) {
                    say(say.text(), List.of());
                    s = s.at(dialogId, say.next());
                } else if (step instanceof Step.Ask ask) {
                    if (opener != null) {
                        Opener first = opener;
                        opener = null;
                        // Sent by the GP or the local team, or asking what others do: said so, then the question.
                        // The menu's own keywords first, then what we do not do, then the classifier's guess.
                        // Soon after the last conversation a digit answers the menu the person saw (a late "2" to the
                        // check-in); a digit as the very first message does not skip the welcome's menu.
                        Step.Route r = chosen(ask.routes(), first.text, !soonAgain);
                        if (r != null) keepOthers(ask, first.text, r);
                        else if (!answeredAside(first.text)) r = guessed(ask.routes(), first.u);
                        if (r != null) {
                            keepWords(ask, first.text);
                            // "Kan iemand mij vanavond bellen? mn nr is 06 41 22 87 30": the form it leads to reads it.
                            formMessage(first.text, false);
                            s = s.at(dialogId, r.target());
                            continue;
                        }
                    }
                    // A menu is answered by the details only in the turn they filled a question of the form: a later menu,
                    // or one on the way to the form, asks.
                    String form = formStarted ? formText : null;
                    Step.Route fromForm = form == null ? null : namedRoute(ask.routes(), form);
                    // "Wilt u een telefoonnummer achterlaten?" when the details held one: on to the question it answers.
                    if (fromForm == null && form != null) fromForm = aheadInForm(ask, form);
                    if (fromForm != null) {
                        s = s.at(dialogId, fromForm.target());
                        continue;
                    }
                    say(ask.prompt(), buttons(ask));
                    startWaiting(ask.noInput());
                    return;
                } else if (step instanceof Step.Collect c) {
                    Understanding already = heard;
                    String alreadyText = heardText;
                    heard = null;
                    heardText = null;
                    java.util.Optional<String> asData = alreadyText != null && DATA.contains(c.type())
                            ? SlotValidation.accept(c, alreadyText, already) : java.util.Optional.empty();
                    if (asData.isPresent()) {
                        s = s.withSlot(c.slot(), asData.get());
                        events.add(new Event.SlotFilled(c.slot()));
                        s = s.at(dialogId, c.next());
                        continue;
                    }
                    if (c.entity() != null && already != null && already.entities().containsKey(c.entity())
                            && !pastDate(c.entity(), already.entities().get(c.entity()))) {
                        // Answered before it was asked: kept, and on to what comes next.
                        s = s.withSlot(c.slot(), already.entities().get(c.entity()));
                        events.add(new Event.SlotFilled(c.slot()));
                        if (c.remember() != null) events.add(new Event.Remembered(c.remember(), already.entities().get(c.entity())));
                        s = s.at(dialogId, c.next());
                        continue;
                    }
                    String form = form();
                    // Only a question not answered yet: "Wat wilt u wijzigen?" asks again what the details said.
                    String inForm = form == null || !empty(c.slot()) ? null : inForm(c, form);
                    if (inForm != null) {
                        formStarted = true;
                        // The details serve the form's later questions too, also in the next turns.
                        if (formText != null) s = s.withSlot(Session.FORM_SLOT, formText);
                        s = s.withSlot(c.slot(), inForm);
                        events.add(new Event.SlotFilled(c.slot()));
                        s = s.at(dialogId, c.next());
                        continue;
                    }
                    // A form's question asked in the turn of a message that said more: its details wait for the next ones.
                    if (formText != null && formQuestion(c)) s = s.withSlot(Session.FORM_SLOT, formText);
                    say(c.prompt(), buttons(c));
                    startWaiting(c.noInput());
                    return;
                } else if (step instanceof Step.Branch b) {
                    s = s.at(dialogId, branch(b));
                } else if (step instanceof Step.Resume r) {
                    // resume(...) takes the step off the slot's list: it must run before s is read again.
                    String next = resume(r, dialogs.dialog(dialogId));
                    s = s.at(dialogId, next);
                } else if (step instanceof Step.FromKnowledge k) {
                    // fromKnowledge(...) keeps the articles given in a slot: it must run before s is read again.
                    String next = fromKnowledge(k);
                    s = s.at(dialogId, next);
                } else if (step instanceof Step.Book bk) {
                    if (offerTimes(bk)) {
                        startWaiting(bk.noInput());
                        return;
                    }
                    s = s.at(dialogId, bk.none());
                } else if (step instanceof Step.Appointment ap) {
                    // heldTalk(...) keeps the talk's time in a slot: it must run before s is read again.
                    String next = heldTalk(ap);
                    s = s.at(dialogId, next);
                } else if (step instanceof Step.CancelAppointment ca) {
                    Appointments.Held held = appointments.heldBy(s.conversationId(), now, s.language());
                    if (held != null) {
                        events.add(new Event.AppointmentCancelled(held.bookingId()));
                        events.add(new Event.TimerCancelled(REMINDER_TIMER));
                    }
                    s = s.at(dialogId, ca.next());
                } else if (step instanceof Step.SetValues set) {
                    for (var e : set.values().entrySet()) {
                        String value = Templates.render(e.getValue(), s, contact, facts);
                        s = s.withSlot(e.getKey(), value);
                        if (set.remember().contains(e.getKey())) events.add(new Event.Remembered(e.getKey(), value));
                    }
                    s = s.at(dialogId, set.next());
                } else if (step instanceof Step.GotoDialog g) {
                    // Another dialog: details kept from an earlier turn were for the form left behind.
                    s = s.withoutSlot(Session.FORM_SLOT);
                    Dialog d = dialogs.dialog(g.dialog());
                    s = s.at(d.id(), g.step() == null ? d.start() : g.step());
                } else if (step instanceof Step.Handoff h && lineClosed() && h.closedNext() != null
                        && h.priority() != Step.Priority.URGENT) {
                    // Nobody there now: no wait, but the closed text and an offer (a call-back when open).
                    if (h.closed() != null) say(h.closed(), List.of());
                    s = s.at(dialogId, h.closedNext());
                } else if (step instanceof Step.Handoff h) {
                    String queue = h.queue() == null ? s.line() : h.queue();
                    events.add(new Event.HandoffRequested(queue, h.priority(), h.reason()));
                    Localized said = lineClosed() && h.closed() != null ? h.closed()
                            : h.onHold() != null && h.next() == null && willHold() ? h.onHold() : h.text();
                    if (said != null) say(said, List.of());
                    if (h.next() != null) {
                        // Which step made the call-back task: what the person is told of its outcome is there.
                        s = s.withSlot(CALLBACK_STEP, dialogId + ":" + h.id()).at(dialogId, h.next());
                    } else {
                        s = s.handedOff(dialogId, h.id());
                        if (h.unanswered() != null) {
                            events.add(new Event.TimerScheduled(UNANSWERED_TIMER, now.plus(h.unanswered().after()),
                                    dialogId + ":" + h.id(), s.waitToken()));
                        }
                        return;
                    }
                } else if (step instanceof Step.Schedule sc) {
                    events.add(new Event.TimerScheduled(sc.timer(), now.plus(sc.after()),
                            dialogId + ":" + sc.target(), -1));
                    if (sc.text() != null) say(sc.text(), List.of());
                    s = s.at(dialogId, sc.next());
                } else if (step instanceof Step.End end) {
                    if (end.text() != null) say(end.text(), List.of());
                    events.add(new Event.ConversationEnded(end.outcome()));
                    s = s.endedWith(end.outcome());
                    return;
                } else {
                    throw new IllegalStateException("no step " + s.dialog() + "/" + s.step());
                }
            }
        }

        /**
         * The knowledge base's best articles for the person's words in this turn (the step's topic weighs; a menu choice
         * alone, "1", leaves the topic to search with): each said as its summary, "more" and the link; their ids kept for
         * staff. The step to go on with: found, none, or shown when all that fits was given already.
         */
        String fromKnowledge(Step.FromKnowledge k) {
            String lang = s.language();
            List<String> ids = new ArrayList<>();
            String earlier = s.slots().get(ARTICLES_SLOT);
            if (earlier != null && !earlier.isBlank()) ids.addAll(List.of(earlier.split(",\\s*")));
            List<Knowledge.Found> found;
            try {
                found = knowledge.find(turnText == null ? "" : turnText, lang, k.topic(), k.district() == null ? null : s.slots().get(k.district()),
                        k.max() + ids.size());
            } catch (RuntimeException e) {
                // The knowledge base failing costs the articles, never the answer: the dialog's own short one.
                return k.none();
            }
            if (found.isEmpty()) return k.none();
            // Only those that fit nearly as well as the best: a second article is an answer too, not a guess.
            float best = found.get(0).score();
            List<Knowledge.Found> fitting = found.stream().filter(f -> f.score() >= RELATIVE_FIT * best).toList();
            List<Knowledge.Found> fresh = fitting.stream().filter(f -> !ids.contains(f.id())).limit(k.max()).toList();
            if (fresh.isEmpty()) return k.shown();
            for (Knowledge.Found f : fresh) {
                // What staff wrote, said as written: not a template. No link where none can be given (no public
                // address), and on the phone the summary alone (a link read aloud helps nobody).
                String text = f.link() == null ? f.summary() : f.summary() + "\n" + k.more().in(lang) + " " + f.link();
                events.add(new Event.Reply(text, List.of(), f.summary()));
                ids.add(f.id());
            }
            s = s.withSlot(ARTICLES_SLOT, String.join(", ", ids));
            return k.found();
        }

        void startWaiting(Step.NoInput noInput) {
            s = s.waiting();
            if (noInput != null) {
                events.add(new Event.TimerScheduled(NO_INPUT_TIMER, now.plus(noInput.after()),
                        s.dialog() + ":" + s.step(), s.waitToken()));
            }
        }

        void cancelNoInput() {
            Step step = currentStep();
            boolean hasTimer = (step instanceof Step.Ask a && a.noInput() != null)
                    || (step instanceof Step.Collect c && c.noInput() != null)
                    || (step instanceof Step.Book bk && bk.noInput() != null);
            if (hasTimer && !s.ended() && s.ownership() == Ownership.BOT) events.add(new Event.TimerCancelled(NO_INPUT_TIMER));
        }

        // ----- answers -----

        void answer(String text, Understanding u) {
            Step step = currentStep();
            if (step instanceof Step.Ask ask) {
                Step.Route r = chosen(ask.routes(), text, false);
                if (r == null && answeredAside(text)) {
                    // Not an answer to the question, but answered all the same; then the question again.
                    say(ask.prompt(), buttons(ask));
                    return;
                }
                if (r == null) r = guessed(ask.routes(), u);
                else keepOthers(ask, text, r);
                if (r != null) keepWords(ask, text);
                // "Wilt u een telefoonnummer achterlaten?" answered with the number itself: the route whose next
                // question the message already answers (a phone number, an e-mail address, a postcode).
                if (r == null) r = answeredAhead(ask, text, u);
                if (r != null) {
                    cancelNoInput();
                    // The person chose at a menu ("Wat wilt u wijzigen?", "Mogen we je op dit nummer bellen?"): earlier details
                    // answer no question after it; this message may bring its own.
                    s = s.withoutSlot(Session.FORM_SLOT);
                    formMessage(text, false);
                    goTo(s.dialog(), r.target());
                    return;
                }
                if (acknowledged) {
                    // Said who sent them and nothing more: the question again, no "not understood".
                    say(ask.prompt(), buttons(ask));
                    return;
                }
                int retries = s.retries() + 1;
                Step.NoMatch nm = ask.noMatch();
                if (nm != null && nm.target() != null && retries > nm.retries()) {
                    cancelNoInput();
                    if (nm.text() != null) say(nm.text(), List.of());
                    goTo(s.dialog(), nm.target());
                    return;
                }
                say(nm != null && nm.text() != null ? nm.text() : dialogs.interrupts().notUnderstood(), List.of());
                say(ask.prompt(), buttons(ask));
                s = s.withRetries(retries);
            } else if (step instanceof Step.Book bk) {
                chooseTime(bk, text);
            } else if (step instanceof Step.Collect c) {
                var value = SlotValidation.accept(c, text, u);
                // "We zijn Stichting X, stadsdeel Escamp. Ik ben Fatima...": the name the step's patterns find, not it all.
                String named = c.type() == Step.SlotType.TEXT && words(text) >= FORM_WORDS && text.length() <= FORM_MAX ? ahead(c, text) : null;
                if (named != null) value = java.util.Optional.of(named);
                if (value.isPresent()) {
                    // A free text ("vertel maar") is no form's question: a story is not read for details.
                    if (formQuestion(c)) formMessage(text, true);
                    // The message answered this question; the next one is asked, however much it said.
                    heard = null;
                    heardText = null;
                    cancelNoInput();
                    s = s.withSlot(c.slot(), value.get());
                    events.add(new Event.SlotFilled(c.slot()));
                    // Kept on the person only as the language layer read it (a date), never a free text.
                    boolean read = c.entity() != null && u != null && u.entities().containsKey(c.entity());
                    if (c.remember() != null && read) events.add(new Event.Remembered(c.remember(), value.get()));
                    goTo(s.dialog(), c.next());
                    return;
                }
                int retries = s.retries() + 1;
                if (retries > c.retries() && c.onFail() != null) {
                    cancelNoInput();
                    goTo(s.dialog(), c.onFail());
                    return;
                }
                say(c.invalid() != null ? c.invalid() : dialogs.interrupts().notUnderstood(), List.of());
                say(c.prompt(), buttons(c));
                s = s.withRetries(retries);
            } else {
                // Not at a waiting step (should not happen with valid dialogs): start the line again.
                s = s.restarted();
                startEntry(text, u);
            }
        }

        /**
         * A waiting person who takes a way forward: one they were offered after the wait (the handoff's unanswered
         * routes), or one open all the while they wait (its waiting_routes: 0 for "it is urgent"). They go to the
         * route's step: another handoff there keeps them in the queue (an urgent one among the urgent, at their place),
         * anything else takes them out of it (the runner lets their handoff expire). Any other message keeps them waiting.
         */
        boolean takesOffer(String text) {
            Dialog d = dialogs.dialog(s.handoffDialog());
            Step step = d == null ? null : d.step(s.handoffStep());
            if (!(step instanceof Step.Handoff h)) return false;
            List<Step.Route> open = new ArrayList<>();
            boolean offered = Long.toString(s.waitToken()).equals(s.slots().get(OFFERED));
            if (offered && h.unanswered() != null) open.addAll(h.unanswered().routes());
            open.addAll(h.waitingRoutes());
            Step.Route r = open.isEmpty() ? null : explicitChoice(open, text);
            if (r == null) return false;
            s = s.withOwnership(Ownership.BOT).withSlot(OFFERED, "");
            goTo(d.id(), r.target());
            return true;
        }

        /**
         * A route the person chose in so many words: its digit, its button, or a keyword that is the whole
         * message. A waiting person leaves the queue only by their own explicit choice, never by a guess
         * of the classifier or a phrase inside a message meant for the volunteer.
         */
        Step.Route explicitChoice(List<Step.Route> routes, String text) {
            String folded = Normalizer.fold(text);
            for (Step.Route r : routes) {
                if (r.digit() != null && folded.equals(r.digit())) return r;
                if (r.button() != null) {
                    for (String lang : Localized.LANGUAGES) {
                        if (folded.equals(Normalizer.foldKeyword(r.button().in(lang)))) return r;
                    }
                }
                for (String k : r.keywords()) if (folded.equals(Normalizer.foldKeyword(k))) return r;
            }
            return null;
        }

        /**
         * A message that is no answer to a menu but still gets one (dialogs/referrals.yaml): a person who
         * says who sent them (kept in a slot for staff, acknowledged), or who asks for something we do not
         * do (who does, for the line's municipality). Checked after the menu's own digits, buttons and
         * keywords, before the classifier's guess, which would read "learn Dutch" as some topic of ours.
         */
        boolean answeredAside(String text) {
            Referrals referrals = dialogs.referrals();
            String folded = Normalizer.fold(text);
            Referrals.Source by = referrals.referredBy(folded);
            if (by != null && !by.id().equals(s.slots().get(Referrals.ReferredIn.SLOT))) {
                // Acknowledged once; the rest of the message still counts ("de huisarts verwees me, ik wil praten").
                Referrals.ReferredIn in = referrals.referredIn();
                String name = by.name().in(s.language(), polite());
                s = s.withSlot(Referrals.ReferredIn.SLOT, by.id());
                events.add(new Event.SlotFilled(Referrals.ReferredIn.SLOT));
                events.add(new Event.Reply(Templates.render(in.text().in(s.language(), polite()).replace("{source}", name), s, contact, facts),
                        List.of()));
                acknowledged = true;
            }
            Referrals.Referral r = referrals.referralFor(folded);
            if (r == null) return false;
            say(r.textFor(referrals.municipalityOf().get(s.line())), List.of());
            events.add(new Event.Referred(r.id()));
            return true;
        }

        /** A route the message names: its digit or button (not for an opener), or one of its keywords. */
        Step.Route chosen(List<Step.Route> routes, String text, boolean openerOnly) {
            String folded = Normalizer.fold(text);
            if (!openerOnly) {
                for (Step.Route r : routes) {
                    if (r.digit() != null && folded.equals(r.digit())) return r;
                    if (r.button() != null) {
                        for (String lang : Localized.LANGUAGES) {
                            if (folded.equals(Normalizer.foldKeyword(r.button().in(lang)))) return r;
                        }
                    }
                }
            }
            for (Step.Route r : routes) {
                for (String k : r.keywords()) if (Normalizer.containsPhrase(folded, k)) return r;
            }
            return null;
        }

        /**
         * An ask with {@code several}: the other routes the message names by their keywords (each step once,
         * in the order of the routes) are kept in that slot, for a resume step to take up one after another.
         */
        /**
         * The person's own words, when a route was chosen with a sentence ("we willen een stichting oprichten en subsidie
         * aanvragen") rather than a number or a button: kept in the ask's {@code keep} slot for staff, so nobody asks for
         * the question again.
         */
        void keepWords(Step.Ask ask, String text) {
            if (ask.keep() == null || text == null) return;
            String t = text.strip();
            long words = java.util.Arrays.stream(t.split("\\s+")).filter(w -> w.chars().anyMatch(Character::isLetter)).count();
            if (words < 3) return;
            s = s.withSlot(ask.keep(), t.length() > 500 ? t.substring(0, 500) : t);
            events.add(new Event.SlotFilled(ask.keep()));
        }

        void keepOthers(Step.Ask ask, String text, Step.Route taken) {
            if (ask.several() == null) return;
            String folded = Normalizer.fold(text);
            // The words that chose the route ("cancel my appointment") are no second topic ("appointment").
            List<String> chose = taken.keywords().stream().filter(k -> Normalizer.containsPhrase(folded, k)).toList();
            java.util.LinkedHashSet<String> others = new java.util.LinkedHashSet<>();
            for (Step.Route r : ask.routes()) {
                if (r.target().equals(taken.target())) continue;
                for (String k : r.keywords()) {
                    boolean partOfChoice = chose.stream().anyMatch(c -> Normalizer.containsPhrase(Normalizer.fold(c), k));
                    if (!partOfChoice && Normalizer.containsPhrase(folded, k)) {
                        others.add(r.target());
                        break;
                    }
                }
            }
            s = s.withSlot(ask.several(), String.join(",", others));
            if (!others.isEmpty()) events.add(new Event.SlotFilled(ask.several()));
        }

        /** A date before today ("gisteren uit het ziekenhuis"): no answer to a question about a day to come. */
        boolean pastDate(String entity, String value) {
            if (!"date".equals(entity)) return false;
            try {
                return java.time.LocalDate.parse(value).isBefore(now.atZone(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDate());
            } catch (java.time.DateTimeException e) {
                return false;
            }
        }

        /**
         * A message that answered a question of a form: when it is long enough to hold more details, the form's next
         * questions look in it, in this turn and the next ones (kept in the session until the form is over: a handoff,
         * the end, a fresh start). A short answer leaves an earlier message's details for the questions still to come.
         */
        void formMessage(String text, boolean answeredForm) {
            if (words(text) < FORM_WORDS || text.length() > FORM_MAX) return;
            formText = text;
            // An answer to a menu ("how do we set up a foundation, do we need a notary?") is a question, not a form's
            // details: it is kept only when the turn reaches a question of a form, and never answers a menu by itself.
            if (!answeredForm) return;
            formStarted = true;
            s = s.withSlot(Session.FORM_SLOT, text);
        }

        /** The form's details written at once: of this turn, else of an earlier one while the form goes on. */
        String form() {
            return formText != null ? formText : s.slots().get(Session.FORM_SLOT);
        }

        /**
         * A question of a form: one whose answer can be found in a message that says more (an e-mail address, a number, a
         * postcode, a choice, a text with {@code ahead} patterns). A free text without them ("vertel maar") is none.
         */
        static boolean formQuestion(Step.Collect c) {
            return DATA.contains(c.type()) || c.type() == Step.SlotType.CHOICE || !c.ahead().isEmpty();
        }

        /** Words with a letter in them ("06 18 44 29 07" is none, "fatima@x.nl" one). */
        static int words(String text) {
            int n = 0;
            for (String w : text.strip().split("\\s+")) if (w.chars().anyMatch(Character::isLetter)) n++;
            return n;
        }

        /** The route to a question for data (a number, an address) that the form's details hold, or null. */
        Step.Route aheadInForm(Step.Ask ask, String text) {
            Dialog d = dialogs.dialog(s.dialog());
            for (Step.Route r : ask.routes()) {
                Step next = d == null ? null : d.step(r.target());
                if (next instanceof Step.Collect c && DATA.contains(c.type()) && empty(c.slot()) && inForm(c, text) != null) return r;
            }
            return null;
        }

        private boolean empty(String slot) {
            String v = s.slots().get(slot);
            return v == null || v.isBlank();
        }

        /** What a form's details written at once (formText) say for this question, or null. */
        String inForm(Step.Collect c, String text) {
            if (c.type() == Step.SlotType.PHONE) return SlotValidation.phoneIn(text).orElse(null);
            if (DATA.contains(c.type())) return SlotValidation.accept(c, text, null).orElse(null);
            if (c.type() == Step.SlotType.CHOICE) return SlotValidation.namedIn(c.choices(), text).orElse(null);
            if (c.type() == Step.SlotType.TEXT) return ahead(c, text);
            return null;
        }

        /** The value the first of the step's {@code ahead} patterns finds in the message, or null. */
        static String ahead(Step.Collect c, String text) {
            for (Step.Found f : c.ahead()) {
                String v = f.in(text);
                if (v != null) return v;
            }
            return null;
        }

        /** The one route a form's details name by a keyword of two words or more ("geen telefoon", "no phone"), or null. */
        Step.Route namedRoute(List<Step.Route> routes, String text) {
            String folded = Normalizer.fold(text);
            Step.Route found = null;
            for (Step.Route r : routes) {
                for (String k : r.keywords()) {
                    if (Normalizer.foldKeyword(k).indexOf(' ') < 0 || !Normalizer.containsPhrase(folded, k)) continue;
                    if (found != null && found != r) return null;
                    found = r;
                }
            }
            return found;
        }

        /** A route to a question for data that this message already answers, or null. */
        Step.Route answeredAhead(Step.Ask ask, String text, Understanding u) {
            Dialog d = dialogs.dialog(s.dialog());
            for (Step.Route r : ask.routes()) {
                Step next = d == null ? null : d.step(r.target());
                if (next instanceof Step.Collect c && DATA.contains(c.type()) && SlotValidation.accept(c, text, u).isPresent()) return r;
            }
            return null;
        }

        /** The next step a resume takes up (off its slot's list), or its otherwise. */
        String resume(Step.Resume r, Dialog d) {
            String kept = s.slots().getOrDefault(r.slot(), "");
            List<String> left = new ArrayList<>(List.of(kept.isBlank() ? new String[0] : kept.split(",")));
            while (!left.isEmpty()) {
                String next = left.remove(0);
                if (d != null && d.step(next) != null) {
                    s = s.withSlot(r.slot(), String.join(",", left));
                    return next;
                }
            }
            s = s.withSlot(r.slot(), "");
            return r.otherwise();
        }

        /** A route by the classifier's reading of the message. */
        Step.Route guessed(List<Step.Route> routes, Understanding u) {
            if (u != null && u.intent() != null && !Understanding.OUT_OF_SCOPE.equals(u.intent())) {
                for (Step.Route r : routes) if (r.intents().contains(u.intent())) return r;
            }
            return null;
        }

        String branch(Step.Branch b) {
            for (Step.Case c : b.cases()) {
                String v = s.slots().get(c.when().slot());
                boolean holds = switch (c.when().op()) {
                    case PRESENT -> v != null && !v.isBlank();
                    case ABSENT -> v == null || v.isBlank();
                    case EQUALS -> v != null && Normalizer.fold(v).equals(Normalizer.foldKeyword(c.when().values().get(0)));
                    case IN -> v != null && c.when().values().stream().anyMatch(x -> Normalizer.foldKeyword(x).equals(Normalizer.fold(v)));
                };
                if (holds) return c.target();
            }
            return b.otherwise();
        }

        // ----- booked talks -----

        /** Offers the stadsdeel's free times (none it knows to be taken); false when there are none. */
        boolean offerTimes(Step.Book bk) {
            List<Appointments.Offer> offers = appointments.free(s.slots().get(bk.district()), now, s.language(), takenTimes());
            if (offers.isEmpty()) return false;
            String other = bk.other().in(s.language(), polite());
            s = s.withSlot(TimeChoice.OFFERED_TIMES, String.join(",", offers.stream().map(Appointments.Offer::slotId).toList()))
                    .withSlot(TimeChoice.OFFERED_BUTTONS, String.join("|", offers.stream().map(Appointments.Offer::button).toList()));
            String prompt = Templates.render(bk.prompt().in(s.language(), polite()), s, contact, facts);
            events.add(new Event.Reply(TimeChoice.text(prompt, offers, other), TimeChoice.buttons(offers, other)));
            return true;
        }

        /** The times a turn that ran before this one found taken (the runner's booking said so). */
        java.util.Set<String> takenTimes() {
            String taken = facts.get(SLOT_TAKEN);
            return taken == null || taken.isBlank() ? java.util.Set.of() : java.util.Set.of(taken.split(","));
        }

        /**
         * An answer to the offered times: the chosen one is booked (the runner books it after the turn; the reminder is
         * set for the day before), "none of these" goes to none, a time taken meanwhile is said and others offered.
         */
        void chooseTime(Step.Book bk, String text) {
            List<String> ids = TimeChoice.list(s.slots().get(TimeChoice.OFFERED_TIMES), ",");
            List<String> buttons = TimeChoice.list(s.slots().get(TimeChoice.OFFERED_BUTTONS), "|");
            TimeChoice.Pick pick = TimeChoice.pick(text, buttons, bk.other().in(s.language(), polite()));
            if (pick.none()) {
                cancelNoInput();
                goTo(s.dialog(), bk.none());
                return;
            }
            if (pick.time() && pick.index() < ids.size()) {
                String slotId = ids.get(pick.index());
                Appointments.Offer offer = takenTimes().contains(slotId) ? null : appointments.find(slotId, s.conversationId(), now, s.language());
                if (offer == null) {
                    say(bk.taken(), List.of());
                    if (!offerTimes(bk)) {
                        cancelNoInput();
                        goTo(s.dialog(), bk.none());
                    }
                    return;
                }
                cancelNoInput();
                events.add(new Event.SlotChosen(slotId));
                // A talk moved: the booking cancels the earlier one in the same step (its invite then says so).
                Appointments.Held before = appointments.heldBy(s.conversationId(), now, s.language());
                if (before != null && !before.slotId().equals(slotId)) events.add(new Event.AppointmentMoved(before.bookingId()));
                s = s.withSlot(APPOINTMENT_SLOT, offer.label());
                events.add(new Event.SlotFilled(APPOINTMENT_SLOT));
                // The calendar invite of this talk (none without a public address): the old one's is no longer the talk.
                String invite = appointments.invite(s.conversationId(), slotId);
                s = s.withSlot(INVITE_SLOT, invite == null ? "" : invite);
                Instant remind = bk.reminder() == null ? null : appointments.reminderAt(slotId, now);
                // A new reminder replaces the earlier talk's; none (the talk is too soon for one) cancels it.
                if (remind != null) events.add(new Event.TimerScheduled(REMINDER_TIMER, remind, s.dialog() + ":" + bk.reminder(), -1));
                else if (bk.reminder() != null) events.add(new Event.TimerCancelled(REMINDER_TIMER));
                s = s.withSlot(REMINDED_SLOT, remind == null ? "" : "ja");
                goTo(s.dialog(), bk.booked());
                return;
            }
            int retries = s.retries() + 1;
            if (retries > DEFAULT_TIME_RETRIES) {
                cancelNoInput();
                goTo(s.dialog(), bk.none());
                return;
            }
            say(dialogs.interrupts().notUnderstood(), List.of());
            s = s.withRetries(retries);
            if (!offerTimes(bk)) {
                cancelNoInput();
                goTo(s.dialog(), bk.none());
            }
        }

        /** The conversation's talk to come, kept in slots; the step to go on with. */
        String heldTalk(Step.Appointment ap) {
            Appointments.Held held = appointments.heldBy(s.conversationId(), now, s.language());
            if (held == null) return ap.none();
            s = s.withSlot(APPOINTMENT_SLOT, held.label());
            if (ap.district() != null) s = s.withSlot(ap.district(), held.district());
            return ap.held();
        }

        // ----- saying things -----

        void say(Localized text, List<Event.Button> buttons) {
            sayWith(text, buttons, facts);
        }

        /** As {@link #say}, with facts of this turn's own besides the runner's (a booked talk's time). */
        void sayWith(Localized text, Map<String, String> with) {
            sayWith(text, List.of(), with);
        }

        private void sayWith(Localized text, List<Event.Button> buttons, Map<String, String> with) {
            String phone = text.onPhone(s.language());
            events.add(new Event.Reply(Templates.render(text.in(s.language(), polite()), s, contact, with), buttons,
                    phone == null ? null : Templates.render(phone, s, contact, with)));
        }

        /**
         * Not the same words to every message of a person who waits: their place (and wait) is said again
         * when it changed, or after {@link #RETELL_AFTER}; in between their messages are simply kept for the
         * worker. A person in crisis (an urgent handoff) hears the helplines with every message.
         */
        boolean toldRecently() {
            String place = facts.getOrDefault("queue_position", "") + "|" + facts.getOrDefault("line_open", "");
            String toldPlace = s.slots().get(TOLD_PLACE);
            String toldAt = s.slots().get(TOLD_AT);
            long minute = now.getEpochSecond() / 60;
            boolean recent = place.equals(toldPlace) && toldAt != null && toldAt.matches("\\d+")
                    && minute - Long.parseLong(toldAt) < RETELL_AFTER.toMinutes();
            if (!recent) s = s.withSlot(TOLD_PLACE, place).withSlot(TOLD_AT, Long.toString(minute));
            return recent;
        }

        /** The runner says the line is outside its opening hours now (fact line_open); unknown counts as open. */
        boolean lineClosed() {
            return "false".equals(facts.get("line_open"));
        }

        void sayWhileWaiting() {
            Dialog d = dialogs.dialog(s.handoffDialog());
            Step step = d == null ? null : d.step(s.handoffStep());
            // Not the same words to every message; a call always hears them (it is a new call).
            if (step instanceof Step.Handoff h && h.priority() != Step.Priority.URGENT && !inCall && toldRecently()) return;
            if (step instanceof Step.Handoff h && lineClosed() && h.whileClosed() != null) say(h.whileClosed(), List.of());
            else if (step instanceof Step.Handoff h && h.whileWaiting() != null) say(h.whileWaiting(), List.of());
            else say(dialogs.interrupts().notUnderstood(), List.of());
        }

        void repromptCurrent() {
            Step step = currentStep();
            if (step instanceof Step.Ask a) say(a.prompt(), buttons(a));
            else if (step instanceof Step.Collect c) say(c.prompt(), buttons(c));
            else if (step instanceof Step.Book bk && !offerTimes(bk)) goTo(s.dialog(), bk.none());
        }

        List<Event.Button> buttons(Step.Ask ask) {
            return buttons(ask.routes());
        }

        List<Event.Button> buttons(List<Step.Route> routes) {
            List<Event.Button> out = new ArrayList<>();
            for (Step.Route r : routes) {
                if (r.button() != null) out.add(new Event.Button(r.button().in(s.language(), polite()), r.digit()));
            }
            return out;
        }

        List<Event.Button> buttons(Step.Collect c) {
            List<Event.Button> out = new ArrayList<>();
            if (c.type() == Step.SlotType.CHOICE) {
                int i = 1;
                for (Step.Choice ch : c.choices()) out.add(new Event.Button(ch.label().in(s.language(), polite()), String.valueOf(i++)));
            } else if (c.type() == Step.SlotType.YES_NO) {
                out.add(new Event.Button(YES.in(s.language(), polite()), "1"));
                out.add(new Event.Button(NO.in(s.language(), polite()), "2"));
            }
            return out;
        }

        /** Words that open a question: a question after a status answer is a new one, not an addition to the request. */
        private static final java.util.Set<String> QUESTION_WORDS = java.util.Set.of("hoe", "wat", "waar", "wanneer", "wie", "welke",
                "waarom", "hoeveel", "hoelang", "weet", "weten", "kan", "kun", "kunt", "kunnen", "mag", "moet", "is", "zijn", "heeft",
                "hebben", "wordt", "word", "how", "what", "where", "when", "who", "which", "why", "can", "could", "may", "should",
                "are", "do", "does", "did", "will", "would", "have", "has");

        static boolean asksSomething(String text, String folded) {
            if (text.strip().endsWith("?")) return true;
            String[] words = folded.strip().split(" ", 2);
            return words.length > 0 && QUESTION_WORDS.contains(words[0]);
        }

        /**
         * Words for the service itself, handled below whatever came before: a stop word or stop phrase (carriers require the
         * opt-out; a guess is asked back), a person asked for, another language asked for.
         */
        boolean asksTheService(String folded, Understanding u) {
            Interrupts in = dialogs.interrupts();
            return matchesWhole(folded, in.stopKeywords()) || matchesAny(folded, in.stopPhrases()) || in.stopIntents().contains(u.intent())
                    || matchesAny(folded, in.humanKeywords()) || in.humanIntents().contains(u.intent()) || languageAsked(folded) != null;
        }

        /** A bare number, or a keyword of the line's first menu: the person starts something new. */
        boolean choosesFromMenu(String folded) {
            if (folded.strip().matches("[0-9]+")) return true;
            Dialog entry = dialogs.entryOf(s.line());
            Step first = entry == null ? null : entry.step(entry.start());
            if (first instanceof Step.Ask a) {
                for (Step.Route r : a.routes()) {
                    for (String k : r.keywords()) if (Normalizer.containsPhrase(folded, k)) return true;
                }
            }
            return false;
        }

        /**
         * Whether a message says little more than a moment ("vanmiddag graag", "liever na drie uur"): it names
         * a day, part of the day or time, is short, and says nothing the line's first question would act on
         * ("ik ben vanmiddag gevallen" is a fall, not a time for the call-back).
         */
        boolean onlyWhen(String folded, Understanding u) {
            boolean when = u.entities().containsKey("date") || u.entities().containsKey("daypart") || u.entities().containsKey("time");
            if (!when || folded.split(" ").length > 6) return false;
            if (!Understanding.OUT_OF_SCOPE.equals(u.intent()) && !"callback_request".equals(u.intent())
                    && !"affirm".equals(u.intent()) && !"greeting".equals(u.intent())) {
                return false;
            }
            return !choosesFromMenu(folded);
        }

        /** Whether this conversation's line says "u": shared texts then take their polite Dutch variant. */
        boolean polite() {
            // Once per turn: it is asked for every text and button said.
            if (polite == null) polite = dialogs.registerOf(s.line()) == Dialog.Register.U;
            return polite;
        }

        /**
         * A question about a request is heard where it cannot be an answer: after the conversation ended,
         * before it started, or at a menu (never in a form step, where "wanneer..." may answer its question).
         */
        private boolean askedAboutRequest(Interrupts.Status status, String text, String folded, Understanding u) {
            if (status == null || !asksAboutARequestFolded(folded, u)) return false;
            if (s.ended() || s.ownership() == Ownership.CLOSED || !s.started()) return true;
            // At a menu only when the message chooses none of its routes: "nog niets gehoord, het gaat niet
            // goed" at the check-in is a call-back, whatever else it says.
            return currentStep() instanceof Step.Ask a && chosen(a.routes(), text, false) == null;
        }

        /** The language a message asks for: a keyword as the whole message, or a phrase anywhere in it. */
        String languageAsked(String folded) {
            for (var e : dialogs.interrupts().languageKeywords().entrySet()) {
                if (matchesWhole(folded, e.getValue())) return e.getKey();
            }
            // A phrase inside a longer message counts only when it asks for the other language: "I don't speak
            // English well, I want to talk" is a wish to talk, in English.
            for (var e : dialogs.interrupts().languagePhrases().entrySet()) {
                if (!e.getKey().equals(s.language()) && matchesAny(folded, e.getValue())) return e.getKey();
            }
            return null;
        }

        /**
         * Whether a message says enough to tell its language: a few words at a menu or to a person, a real
         * sentence in a free-text question, and never an answer that is data (a name, a number, an email,
         * a choice), where "John Smith" or "Stichting Het Anker" would switch the conversation.
         */
        boolean writtenAtLength(String folded) {
            int words = 0;
            for (String w : folded.split(" ")) if (w.length() >= 2 && w.chars().allMatch(Character::isLetter)) words++;
            Step step = s.started() && s.ownership() == Ownership.BOT ? currentStep() : null;
            if (step instanceof Step.Collect c) return c.type() == Step.SlotType.TEXT && words >= 6;
            if (step instanceof Step.Book) return false;
            return words >= 3;
        }
    }

    private record Opener(String text, Understanding u) {}

    static boolean closingWords(Interrupts.Closing closing, String folded, Understanding u) {
        if (closing == null || folded.isBlank()) return false;
        if (matchesWhole(folded, closing.keywords())) return true;
        return folded.split("\\s+").length <= Interrupts.Closing.MAX_WORDS && u != null && closing.intents().contains(u.intent());
    }

    static boolean matchesWhole(String folded, List<String> keywords) {
        for (String k : keywords) if (folded.equals(Normalizer.foldKeyword(k))) return true;
        return false;
    }

    static boolean matchesAny(String folded, List<String> phrases) {
        for (String k : phrases) if (Normalizer.containsPhrase(folded, k)) return true;
        return false;
    }
}
