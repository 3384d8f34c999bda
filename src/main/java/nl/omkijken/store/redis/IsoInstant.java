package nl.omkijken.store.redis;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants this service writes ({@link Instant#toString()}: {@code 2026-12-06T09:03:05.123456Z}, with zero,
 * three, six or nine digits of fraction) without {@link java.time.format.DateTimeFormatter}, whose general parser cost
 * a few percent of an event loop's time when every stored record read holds several of them (a JFR profile of the
 * webhook benchmark, docs/BENCHMARKS.md). Anything else, and anything out of range, goes to {@link Instant#parse}, so
 * the result and the errors are exactly {@code Instant.parse}'s.
 */
final class IsoInstant {
    private IsoInstant() {}

    static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            // A fraction: '.', then one to nine digits, then 'Z'.
            if (text.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9) return Instant.parse(text);
            int fraction = digits(text, 20, n - 1);
            if (fraction < 0) return Instant.parse(text);
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) nanos *= 10;
        } else if (text.charAt(19) != 'Z') {
            return Instant.parse(text);
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            // Leap seconds, impossible dates and years beyond four digits: the general parser decides (and refuses).
            return Instant.parse(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written in {@code text[from, to)}, or -1 when it is not all ASCII digits. */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
