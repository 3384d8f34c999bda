package nl.omkijken.channels.telegram;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Awaits a condition that no future reports (a row in Redis, a counter), checking every 20 ms. */
final class Eventually {
    private Eventually() {}

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(15), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
