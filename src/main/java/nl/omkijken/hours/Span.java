package nl.omkijken.hours;

import java.time.LocalTime;

/** Opening time within one day, in minutes after midnight: {@code from} inclusive, {@code to} exclusive (1440 = midnight). */
record Span(int from, int to) {
    Span {
        if (from < 0 || to > 1440 || from >= to) throw new IllegalArgumentException("a span runs forward within one day");
    }

    boolean contains(LocalTime t) {
        int m = t.getHour() * 60 + t.getMinute();
        return m >= from && m < to;
    }

    LocalTime start() {
        return LocalTime.of(from / 60, from % 60);
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60, to % 60);
    }
}
