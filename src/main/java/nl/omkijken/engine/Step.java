package nl.omkijken.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a dialog. Each kind is a record; the engine interprets them.
 * Steps that wait for the person are {@link Ask} and {@link Collect}.
 */
public sealed interface Step {
    String id();

    /** Sends a message, then continues with {@code next}. */
    record Say(String id, Localized text, String next) implements Step {}

    /**
     * Asks a question and routes the answer (button, digit, keyword or intent). With {@code several} (a slot
     * name), a message that names several routes by their keywords ("een stichting oprichten en subsidie
     * aanvragen") takes the first and keeps the others' steps in that slot, for a {@link Resume} later.
     */
    record Ask(String id, Localized prompt, List<Route> routes, NoMatch noMatch, NoInput noInput, String several, String keep) implements Step {
        public Ask(String id, Localized prompt, List<Route> routes, NoMatch noMatch, NoInput noInput) {
            this(id, prompt, routes, noMatch, noInput, null, null);
        }

        public Ask(String id, Localized prompt, List<Route> routes, NoMatch noMatch, NoInput noInput, String several) {
            this(id, prompt, routes, noMatch, noInput, several, null);
        }
    }

    /**
     * Goes on with the next of the steps an ask kept in {@code slot} (the other things a person asked for in
     * one message), taking it off the list; with none left, to {@code otherwise}.
     */
    record Resume(String id, String slot, String otherwise) implements Step {}

    /**
     * The knowledge base answers: the best articles for the person's own words in this turn (or for the topic, when
     * they only chose it), each as its summary, then {@code more} and the link to the full text; their ids are kept
     * in the slot {@code artikelen} for staff. Then {@code found}; with nothing that fits, {@code none}; when all that
     * fits was given already in this conversation (a message with two topics), {@code shown}.
     */
    record FromKnowledge(String id, String topic, int max, Localized more, String found, String none, String shown, String district) implements Step {
        public FromKnowledge(String id, String topic, int max, Localized more, String found, String none, String shown) {
            this(id, topic, max, more, found, none, shown, null);
        }
    }

    /**
     * Offers the free times of the stadsdeel that the slot {@code district} names (the helpdesk's account holder, a Pop-up
     * Helpdesk) as numbered choices after {@code prompt}, with {@code other} last; books the one chosen (the runner books
     * it atomically after the turn) and goes to {@code booked}, or to {@code none} when no time is free or none suits.
     * {@code taken} is said when the time chosen was just booked by someone else; the times are offered again. The day
     * before the talk the step {@code reminder} (of this dialog) runs, as a follow-up.
     */
    record Book(String id, String district, Localized prompt, Localized other, Localized taken, String booked, String none,
                String reminder, NoInput noInput) implements Step {}

    /**
     * Whether the conversation has a booked talk to come: {@code held} (its time in the slot {@code afspraak}, its
     * stadsdeel in {@code district}, for another time there), else {@code none}.
     */
    record Appointment(String id, String district, String held, String none) implements Step {}

    /** Cancels the conversation's booked talk (the runner frees its time after the turn), then {@code next}. */
    record CancelAppointment(String id, String next) implements Step {}

    /** Fills one slot with a validated value; re-asks on invalid answers. */
    /**
     * @param ahead where a text answer is found in a message that says more (a form's details written in one
     *              message): patterns with a group {@code value}; the first that finds one gives the slot's value
     */
    record Collect(String id, String slot, Localized prompt, SlotType type, int minLength,
                   List<Choice> choices, String entity, Localized invalid, int retries,
                   String onFail, String next, NoInput noInput, String remember, int maxWords, List<Found> ahead) implements Step {
        public Collect {
            ahead = ahead == null ? List.of() : List.copyOf(ahead);
        }

        public Collect(String id, String slot, Localized prompt, SlotType type, int minLength, List<Choice> choices, String entity,
                       Localized invalid, int retries, String onFail, String next, NoInput noInput) {
            this(id, slot, prompt, type, minLength, choices, entity, invalid, retries, onFail, next, noInput, null, 0, List.of());
        }

        public Collect(String id, String slot, Localized prompt, SlotType type, int minLength, List<Choice> choices, String entity,
                       Localized invalid, int retries, String onFail, String next, NoInput noInput, String remember) {
            this(id, slot, prompt, type, minLength, choices, entity, invalid, retries, onFail, next, noInput, remember, 0, List.of());
        }

        public Collect(String id, String slot, Localized prompt, SlotType type, int minLength, List<Choice> choices, String entity,
                       Localized invalid, int retries, String onFail, String next, NoInput noInput, String remember, int maxWords) {
            this(id, slot, prompt, type, minLength, choices, entity, invalid, retries, onFail, next, noInput, remember, maxWords, List.of());
        }
    }

    /**
     * A pattern that finds a value in a message ("ik ben (?<value>...)"): compiled once, equal by its text. A value is
     * at most 120 characters and trimmed of spaces and punctuation at its ends.
     */
    record Found(String regex, java.util.regex.Pattern pattern) {
        public static Found of(String regex) {
            return new Found(regex, java.util.regex.Pattern.compile(regex));
        }

        /** The value this pattern finds in the text, or null. */
        public String in(String text) {
            java.util.regex.Matcher m = pattern.matcher(text);
            if (!m.find()) return null;
            String v = m.group("value");
            if (v == null) return null;
            v = v.strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
            return v.isEmpty() || v.length() > 120 ? null : v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Found f && f.regex.equals(regex);
        }

        @Override
        public int hashCode() {
            return regex.hashCode();
        }
    }

    /** Goes to the first case whose condition holds, otherwise to {@code otherwise}. */
    record Branch(String id, List<Case> cases, String otherwise) implements Step {}

    /** Saves values (templates allowed) into slots. */
    /**
     * @param remember the names among {@code values} also kept on the person beyond this conversation (the
     *                 Telefooncirkel's escalation ladder reads a contact person's answer there)
     */
    record SetValues(String id, Map<String, String> values, String next, List<String> remember) implements Step {
        public SetValues {
            remember = remember == null ? List.of() : List.copyOf(remember);
        }

        public SetValues(String id, Map<String, String> values, String next) {
            this(id, values, next, List.of());
        }
    }

    /** Continues in another dialog, at its start or at a named step. */
    record GotoDialog(String id, String dialog, String step) implements Step {}

    /**
     * Asks for a human. Without {@code next} the conversation waits for staff (ownership WAITING) and
     * answers further messages with {@code whileWaiting}; when nobody has taken it over
     * {@code unanswered.after} later, the person is told {@code unanswered.text} and staff are alerted
     * a second time ({@link Event.HandoffUnanswered}). With {@code next} it is a task for staff (e.g. a
     * call-back) and the bot carries on. When the line is closed (outside its opening hours), {@code closed}
     * and {@code whileClosed}, if given, are said instead of {@code text} and {@code whileWaiting}: the
     * person hears that nobody is there now and when someone will be. With {@code closedNext}, a closed
     * line does not make the person wait at all: after {@code closed} the dialog goes on at that step (an
     * offer: a call-back when the line is open, or leaving a message), and no handoff is requested yet.
     */
    /**
     * A call-back task ({@code next}) may say what the person is told when a worker could not reach them:
     * {@code callbackMissed} when it is tried again ({@code {facts.retry_at}}), {@code callbackFailed}
     * when it is given up.
     */
    record Handoff(String id, String queue, Priority priority, String reason, Localized text,
                   Localized whileWaiting, String next, Unanswered unanswered, Localized closed,
                   Localized whileClosed, String closedNext, Localized callbackMissed, Localized callbackFailed,
                   CallbackWindow window, Localized onHold, List<Route> waitingRoutes)
            implements Step {
        /**
         * {@code onHold}: said instead of {@code text} to a caller who will wait on the line (a line that holds calls, while
         * it is open). The step's phone text is written for a call that ends ("a staff member calls back"); the held
         * caller hears "stay on the line" next, and must not be told both.
         *
         * <p>{@code waitingRoutes}: ways a waiting person may take at any moment of the wait by an explicit choice (a key,
         * a button, a keyword as the whole message), such as 0 for "it is urgent": the unanswered offer's routes come
         * only after its time.
         */
        public Handoff {
            waitingRoutes = waitingRoutes == null ? List.of() : List.copyOf(waitingRoutes);
        }

        public Handoff(String id, String queue, Priority priority, String reason, Localized text,
                       Localized whileWaiting, String next, Unanswered unanswered, Localized closed,
                       Localized whileClosed, String closedNext, Localized callbackMissed, Localized callbackFailed,
                       CallbackWindow window, Localized onHold) {
            this(id, queue, priority, reason, text, whileWaiting, next, unanswered, closed, whileClosed, closedNext,
                    callbackMissed, callbackFailed, window, onHold, List.of());
        }

        public Handoff(String id, String queue, Priority priority, String reason, Localized text,
                       Localized whileWaiting, String next, Unanswered unanswered, Localized closed,
                       Localized whileClosed, String closedNext, Localized callbackMissed, Localized callbackFailed,
                       CallbackWindow window) {
            this(id, queue, priority, reason, text, whileWaiting, next, unanswered, closed, whileClosed, closedNext,
                    callbackMissed, callbackFailed, window, null);
        }

        public Handoff(String id, String queue, Priority priority, String reason, Localized text,
                       Localized whileWaiting, String next, Unanswered unanswered, Localized closed,
                       Localized whileClosed, String closedNext) {
            this(id, queue, priority, reason, text, whileWaiting, next, unanswered, closed, whileClosed, closedNext, null, null, null);
        }

        public Handoff(String id, String queue, Priority priority, String reason, Localized text,
                       Localized whileWaiting, String next, Unanswered unanswered) {
            this(id, queue, priority, reason, text, whileWaiting, next, unanswered, null, null, null);
        }

        /** A handoff without a second alert. */
        public Handoff(String id, String queue, Priority priority, String reason, Localized text,
                       Localized whileWaiting, String next) {
            this(id, queue, priority, reason, text, whileWaiting, next, null);
        }
    }

    /**
     * When a call-back suits the person: the part of the day they chose (slot {@code slot}, e.g. dagdeel:
     * ochtend) with its hours; another value (no preference) means as soon as someone can.
     */
    record CallbackWindow(String slot, java.util.Map<String, java.time.LocalTime[]> spans) {
        public CallbackWindow {
            spans = java.util.Map.copyOf(spans);
        }

        /**
         * When the call-back may start: null when now is within the chosen part of the day (or none was
         * chosen), else the next start of it.
         */
        public java.time.ZonedDateTime from(String value, java.time.ZonedDateTime now) {
            java.time.LocalTime[] span = value == null ? null : spans.get(value.strip().toLowerCase(java.util.Locale.ROOT));
            if (span == null) return null;
            java.time.LocalTime t = now.toLocalTime();
            if (!t.isBefore(span[0]) && t.isBefore(span[1])) return null;
            java.time.LocalDate day = t.isBefore(span[0]) ? now.toLocalDate() : now.toLocalDate().plusDays(1);
            return java.time.ZonedDateTime.of(day, span[0], now.getZone());
        }
    }

    /** What happens when a waiting handoff is not taken over in time: a message and a second alert. */
    /**
     * Staff did not take the waiting conversation over within {@code after}: the person is told
     * {@code text}, and from then on a message that matches one of {@code routes} (the way forward
     * offered: a call-back, other help) leaves the queue for that step; any other keeps waiting.
     */
    record Unanswered(Duration after, Localized text, List<Route> routes) {
        public Unanswered {
            routes = routes == null ? List.of() : List.copyOf(routes);
        }

        public Unanswered(Duration after, Localized text) {
            this(after, text, List.of());
        }
    }

    /** Schedules a follow-up timer; when it fires the dialog continues at {@code target}. */
    record Schedule(String id, String timer, Duration after, String target, Localized text, String next) implements Step {}

    /** Ends the conversation with an outcome from the closed set. */
    record End(String id, Outcome outcome, Localized text) implements Step {}

    /** How an {@link Ask} answer is matched to a target step. */
    record Route(Localized button, String digit, List<String> keywords, List<String> intents, String target) {}

    /** What happens when an answer matches no route: say, re-ask, and after {@code retries} go on. */
    record NoMatch(Localized text, int retries, String target) {}

    /** What happens when the person does not answer in time. */
    /**
     * @param atOnceOnPhone on a call, silence after the question is this silence at once, without "Ik hoorde niets"
     *                      and the question again (a welcome that only listens for whoever wants to say something)
     */
    record NoInput(Duration after, Localized text, String target, boolean atOnceOnPhone) {
        public NoInput(Duration after, Localized text, String target) {
            this(after, text, target, false);
        }
    }

    /** One allowed value of a choice slot. */
    record Choice(String value, Localized label, List<String> keywords) {}

    /** A condition on a saved value. */
    record Case(Condition when, String target) {}

    record Condition(String slot, Op op, List<String> values) {
        public enum Op { EQUALS, IN, PRESENT, ABSENT }
    }

    enum Priority { NORMAL, URGENT }

    enum SlotType { TEXT, EMAIL, PHONE, POSTCODE, NUMBER, CHOICE, YES_NO }
}
