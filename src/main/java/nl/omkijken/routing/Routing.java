package nl.omkijken.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The routing of every line (dialogs/routing.yaml); a line that is not there has one queue. */
public final class Routing {
    private final Map<String, LineRouting> lines;

    public Routing(Map<String, LineRouting> lines) {
        this.lines = Map.copyOf(lines);
    }

    public static Routing none() {
        return new Routing(Map.of());
    }

    public Optional<LineRouting> of(String line) {
        return Optional.ofNullable(lines.get(line));
    }

    /**
     * The queue a handoff joins: the part's queue when the line has parts and the conversation's slot
     * names one; otherwise the queue the dialog asked for.
     *
     * @param asked the dialog step's queue (the line, unless the step names another)
     * @param slots what the conversation collected
     */
    public String queueFor(String line, String asked, Map<String, String> slots) {
        LineRouting r = lines.get(line);
        if (r == null || r.districts() == null || !line.equals(asked)) return asked;
        String part = r.districts().partOf(slots.get(r.districts().slot()));
        return part == null ? asked : line + ":" + part;
    }

    /**
     * Until when a conversation waiting in {@code queue} since {@code since} is kept for the workers of
     * that part queue (before the whole line gets it); null when it is not a part queue.
     */
    public Instant keptForPartUntil(String queue, Instant since) {
        if (queue == null || !queue.contains(":")) return null;
        LineRouting r = lines.get(queue.substring(0, queue.indexOf(':')));
        if (r == null || r.districts() == null) return null;
        Duration d = r.districts().wholeLineAfter();
        return since.plus(d);
    }

    /** How long a worker has to accept an offered conversation of {@code line}; null when the line makes no offers. */
    public java.time.Duration offerFor(String line) {
        LineRouting r = lines.get(line);
        return r == null ? null : r.offerFor();
    }

    /** Every part queue of every line ("helpdesk:centrum", ...), with the part's name. */
    public Map<String, String> partQueues() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        lines.forEach((line, r) -> {
            if (r.districts() != null) r.districts().names().forEach((id, name) -> out.put(line + ":" + id, name));
        });
        return out;
    }
}
