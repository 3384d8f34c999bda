package nl.omkijken.engine;

/**
 * What starts a turn. {@link Text} with {@code spoken} (words or keys in a phone call), a {@link Begin} in a
 * call, {@link Repeat} and {@link Silence} happen in a call: the person is on the line with us.
 */
public sealed interface Input {
    /**
     * A message from the person, with what the language layer understood of it and how many
     * attachments (photos, voice notes, files) came with it.
     */
    record Text(String text, Understanding understanding, int media, boolean spoken) implements Input {
        public Text(String text, Understanding understanding, int media) {
            this(text, understanding, media, false);
        }

        public Text(String text, Understanding understanding) {
            this(text, understanding, 0);
        }
    }

    /** A stored timer came due. {@code token} is the session's wait token when it was set. */
    record TimerFired(String timer, String target, long token) implements Input {}

    /**
     * The service starts the conversation itself (e.g. the daily check-in), or a call begins it ({@code inCall}:
     * the person is on the line, so it is answered even when they opted out of our messages).
     */
    record Begin(String dialog, boolean inCall) implements Input {
        public Begin(String dialog) {
            this(dialog, false);
        }
    }

    /**
     * A worker hands the conversation back to the bot: to {@code dialog} from its start, or (null) to the
     * line's entry dialog at its menu (the welcome is not said twice).
     */
    record HandBack(String dialog) implements Input {}

    /** The person chose a language outside the conversation (the sandbox's language buttons): nl or en. */
    record LanguageChosen(String language) implements Input {}

    /** The person asked to hear the waiting question again (9 on the phone). */
    record Repeat() implements Input {}

    /**
     * The person said nothing where an answer was asked, on a channel that knows it at once (the phone: the
     * keypad and speech waited in vain): the step's silence ({@code no_input}) now, not after its time.
     */
    record Silence() implements Input {}

    /**
     * The call ended (the caller hung up) while a question still waited for its answer: the conversation ends
     * as left, and its silence timer goes, so nothing is sent after a call the person ended themselves.
     */
    record CallEnded() implements Input {}

    /**
     * The line closed while the person waited on the phone line for a worker: they hear it (the handoff's closed text)
     * and, unless urgent, go on at its {@code closed_next} (a call-back when the line opens); an urgent wait stays.
     */
    record LineClosedOnHold() implements Input {}

    /** The caller waiting on the line was put through to the worker who took them: no longer waiting on the line. */
    record PutThrough() implements Input {}
}
