package nl.omkijken.runner;

import java.time.Instant;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffRefused;

/**
 * Which worker may do what with a conversation, and what each {@link StaffAction} does to its handoff,
 * its transcript and who answers: pure functions, so the rules are tested on their own.
 *
 * <ul>
 *   <li>Any worker (the console checks the queue is theirs to see) takes over a waiting conversation.</li>
 *   <li>Replying, giving back, moving and handing back are for the worker who has it; a supervisor
 *       (coordinator, admin) may do them for a colleague who has it.</li>
 *   <li>Closing a conversation nobody has (a call-back task nobody needs to do any more) and moving it
 *       to another queue are for supervisors.</li>
 * </ul>
 */
final class StaffRules {
    private StaffRules() {}

    /** @throws HandoffRefused when {@code action} does not apply to the conversation with handoff {@code h} */
    static void check(Handoff h, StaffAction action) {
        // A note is for colleagues: on any conversation the worker may see, open or not.
        if (action instanceof StaffAction.Note) return;
        if (h == null || !h.state().open()) {
            throw new HandoffRefused("nothing_open", "nothing to do: nobody waits in this conversation and nobody has it");
        }
        StaffAction.Staff by = action.by();
        boolean claimed = h.state() == Handoff.State.CLAIMED;
        boolean mine = claimed && by.id().equals(h.owner());
        if (action instanceof StaffAction.TakeOver) {
            if (mine) throw new HandoffRefused("yours_already", "you have this conversation already");
            if (claimed) throw new HandoffRefused("taken", "a colleague has taken this conversation over");
            // Checked here, under the lock: the conversation may have been moved to another queue since it was shown.
            if (!by.serves().test(h.queue())) throw new HandoffRefused("not_your_queue", "the conversation waits in a queue you do not serve");
            return;
        }
        if (action instanceof StaffAction.GiveBack g && g.onlyFrom() != null && !g.onlyFrom().equals(h.owner())) {
            throw new HandoffRefused("moved_on", "the conversation moved on since: nothing to give back");
        }
        if (action instanceof StaffAction.CallBack) {
            if (h.kind() != Handoff.Kind.CALLBACK) throw new HandoffRefused("not_a_callback", "this is not a call-back task");
            if (!claimed) throw new HandoffRefused("take_first", "take the call-back over first");
            if (!mine && !by.supervisor()) throw new HandoffRefused("colleague_has_it", "a colleague has this call-back");
            return;
        }
        if (action instanceof StaffAction.Reply) {
            if (!mine) {
                throw claimed ? new HandoffRefused("only_owner_replies", "a colleague has this conversation; only they can reply")
                        : new HandoffRefused("take_first", "take the conversation over before replying");
            }
            return;
        }
        if (claimed && !mine && !by.supervisor()) {
            throw new HandoffRefused("colleague_has_it", "a colleague has this conversation");
        }
        if (!claimed && !by.supervisor()) {
            throw new HandoffRefused("take_first", "take the conversation over first");
        }
        if (action instanceof StaffAction.GiveBack && !claimed) {
            throw new HandoffRefused("in_queue", "the conversation waits in its queue already");
        }
        if (action instanceof StaffAction.Assign a && a.to().id().equals(claimed ? h.owner() : null)) {
            throw new HandoffRefused("colleague_already", "the colleague has this conversation already");
        }
        if (action instanceof StaffAction.Assign a && !a.to().serves().test(h.queue())) {
            throw new HandoffRefused("colleague_not_serving", "the colleague does not serve the conversation's queue");
        }
        if (action instanceof StaffAction.Transfer t && (t.queue() == null || t.queue().isBlank())) {
            throw new HandoffRefused("queue_needed", "a transfer needs the queue");
        }
    }

    /** The handoff transitions of an action other than a reply, in order. */
    static java.util.List<HandoffAction> transitions(StaffAction action, Instant at, Handoff h) {
        if (action instanceof StaffAction.Assign a) {
            // From one worker to the other in one commit: given back (if someone has it), then claimed.
            return h.state() == Handoff.State.CLAIMED
                    ? java.util.List.of(new HandoffAction.Release(at), new HandoffAction.Claim(a.to().id(), at))
                    : java.util.List.of(new HandoffAction.Claim(a.to().id(), at));
        }
        return java.util.List.of(transition(action, at));
    }

    /** The handoff transition of an action other than a reply or an assignment. */
    static HandoffAction transition(StaffAction action, Instant at) {
        if (action instanceof StaffAction.TakeOver t) return new HandoffAction.Claim(t.by().id(), at);
        if (action instanceof StaffAction.CallBack c) {
            return c.result() == StaffAction.CallBack.Result.NOT_REACHED ? new HandoffAction.Retry(c.retryAt(), at)
                    : new HandoffAction.Resolve(at);
        }
        if (action instanceof StaffAction.GiveBack) return new HandoffAction.Release(at);
        if (action instanceof StaffAction.Transfer t) return new HandoffAction.Transfer(t.queue(), at);
        if (action instanceof StaffAction.HandBack || action instanceof StaffAction.Close) return new HandoffAction.Resolve(at);
        throw new IllegalArgumentException("a reply changes no handoff");
    }

    /** The transcript's event line: a code the console shows in the reader's language. */
    static String eventCode(StaffAction action) {
        if (action instanceof StaffAction.Transfer t) return "transferred:" + t.queue();
        if (action instanceof StaffAction.Assign a) return "assigned:" + a.to().name();
        if (action instanceof StaffAction.HandBack b) return b.dialog() == null ? "handed_back" : "handed_back:" + b.dialog();
        if (action instanceof StaffAction.Close c) return "closed:" + c.outcome().id();
        if (action instanceof StaffAction.CallBack c) return "callback:" + c.result().name().toLowerCase(java.util.Locale.ROOT);
        return name(action);
    }

    static String name(StaffAction action) {
        if (action instanceof StaffAction.TakeOver) return "taken_over";
        if (action instanceof StaffAction.Reply) return "reply";
        if (action instanceof StaffAction.GiveBack) return "given_back";
        if (action instanceof StaffAction.Transfer) return "transferred";
        if (action instanceof StaffAction.Assign) return "assigned";
        if (action instanceof StaffAction.HandBack) return "handed_back";
        if (action instanceof StaffAction.CallBack) return "callback";
        return "closed";
    }

    /**
     * Who answers after the action: a worker who has it (AGENT); the person waits again when a live
     * conversation is back in a queue (WAITING); a call-back task back in its queue leaves the
     * conversation to the bot; closed, the person's next message starts afresh (CLOSED).
     */
    static Ownership ownershipAfter(Ownership before, Handoff after) {
        return switch (after.state()) {
            case CLAIMED -> Ownership.AGENT;
            case WAITING -> after.kind() == Handoff.Kind.LIVE ? Ownership.WAITING
                    : before == Ownership.AGENT ? Ownership.BOT : before;
            case RESOLVED, EXPIRED -> before == Ownership.AGENT || before == Ownership.WAITING ? Ownership.CLOSED : before;
        };
    }
}
