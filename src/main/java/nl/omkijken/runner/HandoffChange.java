package nl.omkijken.runner;

import nl.omkijken.handoff.Handoff;
import nl.omkijken.handoff.HandoffAction;
import nl.omkijken.handoff.HandoffTransitions;
import nl.omkijken.handoff.QueueChange;

/**
 * A turn's change to its conversation's handoff: the record as loaded, the record after the turn's
 * actions, and the queue change that keeps queue membership in step ({@link QueueChange#between}).
 * Written by the turn's commit, under the conversation's lock, like everything else of the turn.
 */
public record HandoffChange(String conversationId, Handoff before, Handoff after) {

    /** No change yet. */
    public static HandoffChange from(String conversationId, Handoff loaded) {
        return new HandoffChange(conversationId, loaded, loaded);
    }

    /** With one more action applied ({@link HandoffTransitions}; refusals are thrown). */
    public HandoffChange then(HandoffAction action) {
        return new HandoffChange(conversationId, before, HandoffTransitions.apply(conversationId, after, action).handoff());
    }

    public QueueChange queue() {
        return QueueChange.between(before, after);
    }

    public boolean changed() {
        return after != null && !after.equals(before);
    }
}
