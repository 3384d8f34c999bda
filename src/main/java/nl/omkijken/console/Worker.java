package nl.omkijken.console;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person who works in the console: a volunteer, a social worker, a coordinator, an admin.
 *
 * @param lines        the queues they serve: a whole line (luisterlijn, helpdesk, telefooncirkel) or one
 *                     queue of a line ("helpdesk:centrum", the account holder of a stadsdeel)
 * @param passwordHash Argon2id in PHC form ({@link Passwords}); never shown, never logged
 * @param capacity     how many conversations they take at once: routing offers and hands out no more
 * @param languages    the languages they answer in (nl, en): a conversation in English goes to those who speak it
 * @param active       false once a coordinator switched the account off: no sign-in, no routing; kept
 *                     (not removed) so the audit log and transcripts still name them
 */
public record Worker(String id, String name, Role role, Set<String> lines, String passwordHash, Instant createdAt,
                     int capacity, Set<String> languages, boolean active) {
    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 10;
    /** A volunteer holds a few conversations at once; a coordinator changes it per worker. */
    public static final int DEFAULT_CAPACITY = 3;
    public static final Set<String> LANGUAGES = Set.of("nl", "en");

    public Worker {
        Objects.requireNonNull(id, "worker id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "password hash");
        name = WorkerName.check(name);
        lines = lines == null ? Set.of() : Set.copyOf(lines);
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be " + MIN_CAPACITY + ".." + MAX_CAPACITY + ", not " + capacity);
        }
        languages = languages == null || languages.isEmpty() ? Set.of("nl") : Set.copyOf(languages);
        if (!LANGUAGES.containsAll(languages)) throw new IllegalArgumentException("languages must be among " + LANGUAGES);
    }

    /** A new, active worker with the default capacity who answers in Dutch. */
    public Worker(String id, String name, Role role, Set<String> lines, String passwordHash, Instant createdAt) {
        this(id, name, role, lines, passwordHash, createdAt, DEFAULT_CAPACITY, Set.of("nl"), true);
    }

    /** The same worker with another role, queues, capacity, languages or state (name and password stay). */
    public Worker withProfile(Role newRole, Set<String> newLines, int newCapacity, Set<String> newLanguages, boolean nowActive) {
        return new Worker(id, name, newRole, newLines, passwordHash, createdAt, newCapacity, newLanguages, nowActive);
    }

    /**
     * Whether this worker may see the queue {@code queue} (a line, or a queue of a line: "helpdesk:centrum").
     * Serving a whole line includes its queues; serving one queue of a line does not include the others.
     */
    public boolean serves(String queue) {
        if (queue == null) return false;
        if (role.atLeast(Role.COORDINATOR) && lines.isEmpty()) return true;
        String line = queue.contains(":") ? queue.substring(0, queue.indexOf(':')) : queue;
        return lines.contains(line) || lines.contains(queue);
    }

    /**
     * Whether this worker serves {@code line} or any queue of it (a stadsdeel's account holder serves a
     * queue of the helpdesk): their line's roster, canned replies and shifts are theirs too.
     */
    public boolean servesAnyOf(String line) {
        if (line == null) return false;
        if (serves(line)) return true;
        for (String q : lines) if (q.startsWith(line + ":")) return true;
        return false;
    }

    /** Whether this worker serves the queue {@code queue} itself (not only as part of its whole line). */
    public boolean servesExactly(String queue) {
        return queue != null && lines.contains(queue);
    }

    /** Whether this worker answers in {@code language}. */
    public boolean speaks(String language) {
        return language != null && languages.contains(language);
    }

    @Override
    public String toString() {
        return "Worker[id=" + id + ", role=" + role.id() + "]";
    }
}
