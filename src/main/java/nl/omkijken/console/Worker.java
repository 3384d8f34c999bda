package nl.omkijken.console;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person who works in the console: a volunteer, a social worker, a coordinator, an admin.
 *
 * @param lines        the lines (and so the queues) they serve: luisterlijn, helpdesk, telefooncirkel
 * @param passwordHash Argon2id in PHC form ({@link Passwords}); never shown, never logged
 */
public record Worker(String id, String name, Role role, Set<String> lines, String passwordHash, Instant createdAt) {
    public Worker {
        Objects.requireNonNull(id, "worker id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "password hash");
        name = WorkerName.check(name);
        lines = lines == null ? Set.of() : Set.copyOf(lines);
    }

    /** Whether this worker may see the queue {@code queue} (a line, or a queue of a line: "helpdesk:centrum"). */
    public boolean serves(String queue) {
        if (queue == null) return false;
        if (role.atLeast(Role.COORDINATOR) && lines.isEmpty()) return true;
        String line = queue.contains(":") ? queue.substring(0, queue.indexOf(':')) : queue;
        return lines.contains(line) || lines.contains(queue);
    }

    @Override
    public String toString() {
        return "Worker[id=" + id + ", role=" + role.id() + "]";
    }
}
