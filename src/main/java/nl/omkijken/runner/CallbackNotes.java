package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Told of a person's request for a person (on the Telefooncirkel always a call-back: "graag teruggebeld", "0 = nu
 * iemand spreken", a fall) and of what became of it, after the turn that made it so is saved: the Telefooncirkel notes
 * them in the participant's day, so a coordinator sees per participant who asked to be called back and how fast a
 * worker came. Keyed by the conversation's address key (never a number). A failure costs the note,
 * never the turn.
 */
public interface CallbackNotes {
    /** What became of it: a worker took the conversation over, or reported a call-back task's call. */
    enum Result { TAKEN, REACHED, NOT_REACHED, GAVE_UP }

    /**
     * A person was asked for on the line's conversation at this address, at {@code requestedAt}, for {@code reason}, by the
     * dialog {@code dialog} (the contact person's questions are someone else's).
     */
    Future<Void> asked(String line, String addressKey, Instant requestedAt, String reason, String dialog);

    /** A worker took the request made at {@code requestedAt} on, or reported its call-back, at {@code at}. */
    Future<Void> handled(String line, String addressKey, Instant requestedAt, String reason, Result result, Instant at);

    CallbackNotes NONE = new CallbackNotes() {
        @Override
        public Future<Void> asked(String line, String addressKey, Instant requestedAt, String reason, String dialog) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> handled(String line, String addressKey, Instant requestedAt, String reason, Result result, Instant at) {
            return Future.succeededFuture();
        }
    };
}
