package nl.omkijken.circle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A telefooncirkel run as a chain, the Dutch way: at {@link #start} the first member calls the second, the second the
 * third, and so on; each member then tells the service all is well (an SMS, or a short call to the Telefooncirkel's
 * number: any word from them since the chain began). The service is the safety net: a member from whom nothing came by their
 * deadline (their place in the chain times {@link #link}) is called by the service itself, and their ladder runs as
 * for anyone it calls. Members of the circle who are not in {@link #members} are called by the service as usual (a
 * mixed circle).
 *
 * @param name    the circle's name (a participant's "Kring"), as the coordinator wrote it
 * @param start   when the first member begins, Dutch time
 * @param link    how long each call in the chain may take before the next member's deadline
 * @param members participant ids in calling order (2 to {@link #MAX_MEMBERS})
 */
public record Chain(String name, LocalTime start, Duration link, List<String> members) {
    public static final int MAX_MEMBERS = 30;
    public static final Duration MIN_LINK = Duration.ofMinutes(5);
    public static final Duration MAX_LINK = Duration.ofMinutes(60);

    public Chain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(link, "link");
        members = List.copyOf(members);
    }

    /** The circle's name as it is compared (a participant's "Kring" is matched without case or outer spaces). */
    public static String key(String circle) {
        return circle == null ? "" : circle.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The moment the member at {@code position} (0 = the one who starts, among the members in the chain that day) must
     * have been heard from: one link after the call they get (the starter: after their own first call).
     */
    public Instant deadline(LocalDate day, int position) {
        return ZonedDateTime.of(day, start, CallPlan.ZONE).plus(link.multipliedBy(Math.max(position, 1) + 1L)).toInstant();
    }

    /** When the chain begins that day: a word from a member from then on counts as their confirmation. */
    public Instant begins(LocalDate day) {
        return ZonedDateTime.of(day, start, CallPlan.ZONE).toInstant();
    }

    /** The chain's end that day: the last member's deadline when all {@code n} are in it. */
    public Instant ends(LocalDate day, int n) {
        return deadline(day, n - 1);
    }
}
