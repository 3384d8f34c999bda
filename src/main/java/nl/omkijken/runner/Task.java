package nl.omkijken.runner;

/**
 * An effect that reaches beyond one conversation (start a call, tell a key holder, alert a
 * coordinator), written to the task stream in the same atomic step as the state that caused it, and
 * carried out after that by a {@link TaskHandler}. At least once: a worker that dies after the effect
 * and before its acknowledgement leaves it to another, so a handler makes its effect once per
 * {@link #id} (the provider's idempotency key, a check of what it did before).
 *
 * @param id      unique and stable: the same task written twice (a repeated completion) has the same id
 * @param kind    which handler carries it out; letters, digits and '-'
 * @param payload what the handler needs (often JSON)
 */
public record Task(String id, String kind, String payload) {
    public Task {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a task needs an id");
        if (kind == null || !kind.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a task kind is 1-40 of a-z 0-9 -, was '" + kind + "'");
        }
        payload = payload == null ? "" : payload;
    }
}
