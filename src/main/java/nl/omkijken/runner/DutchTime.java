package nl.omkijken.runner;

import java.time.ZoneId;

/** The time our lines live in: opening hours, shifts, call-back windows, the days of the figures. */
public final class DutchTime {
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private DutchTime() {}
}
