package nl.omkijken.testing.fakes;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process does (a fake receiving a request), checking every 10 ms. */
public final class Poll {
    private Poll() {}

    public static void until(BooleanSupplier condition, Duration atMost, String what) {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + atMost.toMillis() + " ms: " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
