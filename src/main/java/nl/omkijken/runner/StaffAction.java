package nl.omkijken.runner;

import java.util.Objects;
import nl.omkijken.engine.Outcome;

/**
 * What a worker does with a conversation from the console. Each is one turn under the conversation's
 * lock ({@link TurnRunner#act}), so it cannot race a message of the person or another worker's action,
 * and each leaves an event line in the transcript.
 */
public sealed interface StaffAction {
    /** Who acts. */
    Staff by();

    /**
     * A worker as the runner sees them.
     *
     * @param name       shown in the transcript next to their replies and actions
     * @param supervisor may act on a conversation another worker has (a coordinator or admin)
     */
    record Staff(String id, String name, boolean supervisor, java.util.function.Predicate<String> serves) {
        public Staff {
            Objects.requireNonNull(id, "worker id");
            Objects.requireNonNull(name, "worker name");
            Objects.requireNonNull(serves, "the queues the worker serves");
        }

        /** A worker who may serve any queue (the service itself, tests). */
        public Staff(String id, String name, boolean supervisor) {
            this(id, name, supervisor, queue -> true);
        }
    }

    /** Takes a waiting conversation: from now on the worker answers, the bot stays silent (crisis aside). */
    record TakeOver(Staff by) implements StaffAction {}

    /** A reply of the worker, sent over the person's own channel through the outbox. */
    record Reply(Staff by, String text) implements StaffAction {
        public Reply {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("a reply needs text");
        }
    }

    /**
     * Gives the conversation back to its queue, at its old place, for a colleague.
     *
     * @param onlyFrom when set, only if this worker still has it (the service returning the conversations
     *                 of a worker who left must not take one that was passed on meanwhile)
     */
    record GiveBack(Staff by, String onlyFrom) implements StaffAction {
        public GiveBack(Staff by) {
            this(by, null);
        }
    }

    /** An internal note for colleagues: in the transcript, never sent to the person. */
    record Note(Staff by, String text) implements StaffAction {
        public Note {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("a note needs text");
        }
    }

    /**
     * What came of a call-back the worker has: the person was reached (done), was not reached and is tried
     * again from {@code retryAt} (back in the queue, at its place, and the person is told), or could not
     * be reached at all (done, and the person is told whom to call).
     */
    record CallBack(Staff by, Result result, java.time.Instant retryAt) implements StaffAction {
        public enum Result { REACHED, NOT_REACHED, GAVE_UP }

        public CallBack {
            Objects.requireNonNull(result, "what came of the call");
            if (result == Result.NOT_REACHED && retryAt == null) throw new IllegalArgumentException("a retry needs its time");
        }
    }

    /** Moves the conversation to another queue (it waits there at the place its request time gives it). */
    record Transfer(Staff by, String queue) implements StaffAction {}

    /** Passes the conversation to a colleague, who has it from now on (their console shows it at once). */
    record Assign(Staff by, Staff to) implements StaffAction {
        public Assign {
            Objects.requireNonNull(to, "an assignment needs the colleague");
        }
    }

    /** Hands the conversation back to the bot, at the line's menu ({@code dialog} null) or the given dialog. */
    record HandBack(Staff by, String dialog) implements StaffAction {}

    /** Closes the conversation with an outcome; the person's next message starts afresh. */
    record Close(Staff by, Outcome outcome) implements StaffAction {
        public Close {
            Objects.requireNonNull(outcome, "a close needs its outcome");
        }
    }
}
