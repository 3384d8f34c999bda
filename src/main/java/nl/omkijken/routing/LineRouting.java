package nl.omkijken.routing;

import java.util.Objects;

/**
 * How a line's waiting conversations reach its workers.
 *
 * @param districts the line's part queues, or null: one queue for the whole line
 */
public record LineRouting(String line, DistrictQueues districts) {
    public LineRouting {
        Objects.requireNonNull(line, "line");
    }
}
