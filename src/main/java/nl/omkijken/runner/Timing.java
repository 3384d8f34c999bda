package nl.omkijken.runner;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where a component gets its time: the wall clock for instants (what is due, when a reply was made) and
 * a monotonic counter for waits (a retry in 2 s, a lease running out), which the wall clock must not
 * move. Injected, so tests of retries, leases and waits run on a clock the test moves.
 */
public record Timing(Clock clock, LongSupplier nanos) {
    public Timing {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanos, "nanos");
    }

    /** The system's clock and {@link System#nanoTime()}. */
    public static Timing system() {
        return new Timing(Clock.systemUTC(), System::nanoTime);
    }

    /** A clock that also serves the waits (its millis as nanos): for tests that move one clock. */
    public static Timing of(Clock clock) {
        return new Timing(clock, () -> clock.millis() * 1_000_000L);
    }

    public Instant now() {
        return clock.instant();
    }

    public long nanoTime() {
        return nanos.getAsLong();
    }
}
