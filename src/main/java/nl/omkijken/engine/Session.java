package nl.omkijken.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole state of one conversation, as the engine sees it. Immutable: every turn makes a new one.
 *
 * @param dialog     current dialog id (null before the first turn)
 * @param step       current step id: the step that waits for the person's answer
 * @param waitToken  grows each time the conversation starts waiting; timers carry it so a stale
 *                   timer (the person answered meanwhile) is ignored
 * @param retries    failed answers at the current step
 * @param handoffDialog/handoffStep the handoff step that put the conversation in WAITING
 * @param outcome    set when the conversation ended
 */
public record Session(String conversationId, String line, String language, String dialog, String step,
                      Ownership ownership, boolean ended, Map<String, String> slots, int retries,
                      long waitToken, String handoffDialog, String handoffStep, String outcome,
                      int turns, Instant createdAt, Instant updatedAt) {

    public Session {
        slots = Map.copyOf(slots);
    }

    public static Session fresh(String conversationId, String line, String language, Instant now) {
        return new Session(conversationId, line, language, null, null, Ownership.BOT, false, Map.of(), 0,
                0, null, null, null, 0, now, now);
    }

    public boolean started() { return dialog != null; }

    Session at(String dialogId, String stepId) {
        return new Session(conversationId, line, language, dialogId, stepId, ownership, ended, slots, 0,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session withRetries(int r) {
        return new Session(conversationId, line, language, dialog, step, ownership, ended, slots, r,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session withLanguage(String lang) {
        return new Session(conversationId, line, lang, dialog, step, ownership, ended, slots, retries,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session withSlot(String name, String value) {
        Map<String, String> s = new LinkedHashMap<>(slots);
        s.put(name, value);
        return new Session(conversationId, line, language, dialog, step, ownership, ended, s, retries,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session waiting() {
        return new Session(conversationId, line, language, dialog, step, ownership, ended, slots, retries,
                waitToken + 1, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session handedOff(String hDialog, String hStep) {
        return new Session(conversationId, line, language, dialog, step, Ownership.WAITING, ended, withoutForm(), retries,
                waitToken + 1, hDialog, hStep, outcome, turns, createdAt, updatedAt);
    }

    Session endedWith(Outcome o) {
        return new Session(conversationId, line, language, dialog, step, ownership, true, withoutForm(), 0,
                waitToken + 1, handoffDialog, handoffStep, o.id(), turns, createdAt, updatedAt);
    }

    /** The slots without the form's details written at once: they served the form, which is over. */
    private Map<String, String> withoutForm() {
        if (!slots.containsKey(FORM_SLOT)) return slots;
        Map<String, String> out = new LinkedHashMap<>(slots);
        out.remove(FORM_SLOT);
        return out;
    }

    /**
     * The risk this conversation reached (possible, high): it stays for the conversation's whole life, also
     * when it starts afresh, so later words weigh as they should after earlier hopelessness. Staff see it.
     */
    public static final String RISK_SLOT = "risico";

    /** The person waits for a worker on the phone line (a held call): the wait's offer is said in the call. */
    public static final String HOLD_SLOT = "_aan_de_lijn";

    /** This call was counted as offered to the queue (once per call, however often the caller goes back into it). */
    public static final String CALL_COUNTED_SLOT = "_gesprek_geteld";

    /** The direct question asked and not yet answered: the id its timer carries. */
    public static final String QUESTION_SLOT = "_risico_vraag";
    /** The kind of danger the waiting question is about, when it has a question of its own (a fall: 112, not suicide). */
    public static final String QUESTION_KIND_SLOT = "_risico_soort";

    /**
     * A message that gave several of a form's details at once, while the form goes on: its later questions look in it
     * before they are asked (Engine, formText). Gone when the conversation is handed off, ends or starts afresh.
     */
    public static final String FORM_SLOT = "_formulier";

    /** Slots a conversation keeps when it starts afresh: the risk reached, and a direct question still waiting. */
    private static final java.util.List<String> KEPT_ON_RESTART = java.util.List.of(RISK_SLOT, QUESTION_SLOT, QUESTION_KIND_SLOT);

    /** A new run of the line's entry dialog; language, the saved values of the contact and the risk reached stay. */
    Session restarted() {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String k : KEPT_ON_RESTART) if (slots.containsKey(k)) kept.put(k, slots.get(k));
        return new Session(conversationId, line, language, null, null, Ownership.BOT, false,
                kept, 0, waitToken + 1, null, null, null, turns, createdAt, updatedAt);
    }

    /**
     * Without a waiting direct question (a worker took the conversation over: the question is theirs to ask now).
     * Its timer finds no question when it fires and does nothing.
     */
    public Session withoutRiskQuestion() {
        return withoutSlot(QUESTION_SLOT).withoutSlot(QUESTION_KIND_SLOT);
    }

    Session withoutSlot(String name) {
        if (!slots.containsKey(name)) return this;
        Map<String, String> s = new LinkedHashMap<>(slots);
        s.remove(name);
        return new Session(conversationId, line, language, dialog, step, ownership, ended, s, retries,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }

    Session touched(Instant now) {
        return new Session(conversationId, line, language, dialog, step, ownership, ended, slots, retries,
                waitToken, handoffDialog, handoffStep, outcome, turns + 1, createdAt, now);
    }

    /** Closed by a worker with an outcome: the next message from the person starts afresh with the bot. */
    public Session closedWith(Outcome o) {
        return endedWith(o).withOwnership(Ownership.CLOSED);
    }

    /** Used by the handoff state machine (staff take over, close). */
    public Session withOwnership(Ownership o) {
        return new Session(conversationId, line, language, dialog, step, o, ended, slots, retries,
                waitToken, handoffDialog, handoffStep, outcome, turns, createdAt, updatedAt);
    }
}
