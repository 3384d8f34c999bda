package nl.omkijken.routing;

import java.util.Objects;

/**
 * How a line's waiting conversations reach its workers.
 *
 * @param districts the line's part queues, or null: one queue for the whole line
 * @param offerFor  offer each waiting conversation to one available worker at a time, who accepts within
 *                  this time (else the next gets it); null: workers take conversations themselves
 */
public record LineRouting(String line, DistrictQueues districts, java.time.Duration offerFor) {
    public LineRouting {
        Objects.requireNonNull(line, "line");
    }

    public LineRouting(String line, DistrictQueues districts) {
        this(line, districts, null);
    }
}
