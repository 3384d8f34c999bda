package nl.omkijken.runner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a waiting person may expect, from how long people waited in that queue at that time of day: the
 * median of the waits of people who asked within two hours of this hour of the day (Amsterdam time),
 * or of all recent waits when there are too few of those; nothing when there are too few at all (no
 * guess is better than a wrong promise). Said roughly: "een paar minuten", "ongeveer 15 minuten",
 * "meer dan een uur".
 */
public final class WaitEstimate {
    static final int MIN_SAMPLES = 5;
    static final ZoneId ZONE = DutchTime.ZONE;

    private WaitEstimate() {}

    public static Optional<Duration> of(List<WaitHistory.Wait> history, Instant now) {
        int hour = now.atZone(ZONE).getHour();
        List<Long> near = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (WaitHistory.Wait w : history) {
            long s = w.waited().toSeconds();
            all.add(s);
            int h = w.requestedAt().atZone(ZONE).getHour();
            int apart = Math.min(Math.abs(h - hour), 24 - Math.abs(h - hour));
            if (apart <= 2) near.add(s);
        }
        List<Long> use = near.size() >= MIN_SAMPLES ? near : all.size() >= MIN_SAMPLES ? all : List.of();
        if (use.isEmpty()) return Optional.empty();
        List<Long> sorted = new ArrayList<>(use);
        sorted.sort(null);
        return Optional.of(Duration.ofSeconds(sorted.get(sorted.size() / 2)));
    }

    /** Roughly, in the person's language. */
    public static String say(Duration d, String language) {
        boolean en = "en".equals(language);
        long min = d.toMinutes();
        if (min < 5) return en ? "a few minutes" : "een paar minuten";
        if (min >= 60) return en ? "more than an hour" : "meer dan een uur";
        long rounded = Math.round(min / 5.0) * 5;
        return en ? "about " + rounded + " minutes" : "ongeveer " + rounded + " minuten";
    }
}
