package nl.omkijken.runner;

import java.time.Instant;
import java.util.Objects;

/**
 * Something to do at a time, kept in Redis until it is done: a conversation's follow-up (kind
 * {@link #TURN}), and later a daily check-in plan, a step of the escalation ladder, a reminder, a
 * retention sweep. One job per kind and key: scheduling it again replaces it.
 *
 * @param kind    which {@link JobHandler} runs it; letters, digits and '-'
 * @param key     what it is about, unique within its kind (a conversation's follow-up: "conversation|timer")
 * @param dueAt   when it is due
 * @param payload what the handler needs besides the key (often JSON), or "" for nothing
 */
public record Job(String kind, String key, Instant dueAt, String payload) {
    /** The kind of a conversation's follow-up: a turn of that conversation when the job comes due. */
    public static final String TURN = "turn";

    public Job {
        if (kind == null || !kind.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a job kind is 1-40 of a-z 0-9 -, was '" + kind + "'");
        }
        if (key == null || key.isBlank()) throw new IllegalArgumentException("a job needs a key");
        Objects.requireNonNull(dueAt, "a job needs a due time");
        payload = payload == null ? "" : payload;
    }

    /** The job's id: kind and key. */
    public String id() {
        return idOf(kind, key);
    }

    public static String idOf(String kind, String key) {
        return kind + ":" + key;
    }
}
