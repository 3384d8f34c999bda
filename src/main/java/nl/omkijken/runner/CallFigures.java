package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What coordinators read of the calls that wait on the line (the Luisterlijn by phone), per line, day and hour (Dutch
 * time): calls offered to the queue, answered (put through to a worker), abandoned (the caller hung up before anyone
 * came), how long the answered waited, and how long the talks lasted. Counts and durations only: no caller, no
 * conversation. Implemented in store/redis.
 */
public interface CallFigures {
    enum Kind {
        /** A caller started waiting on the line. */
        OFFERED,
        /** A worker took the caller and the call was put through (with how long the caller waited). */
        ANSWERED,
        /** The caller hung up while waiting (with how long they waited). */
        ABANDONED,
        /** A talk ended (with how long it lasted); not a call of its own. */
        TALK;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One line's day: per kind the count in each hour (0..23, Dutch time), the waits of the answered and the lengths of
     * the talks, in seconds.
     */
    record Day(LocalDate date, Map<Kind, long[]> byHour, List<Long> waitSeconds, List<Long> talkSeconds) {
        public long count(Kind k) {
            long[] hours = byHour.get(k);
            long n = 0;
            if (hours != null) for (long h : hours) n += h;
            return n;
        }

        public long count(Kind k, int hour) {
            long[] hours = byHour.get(k);
            return hours == null ? 0 : hours[hour];
        }
    }

    /** @param took the wait (ANSWERED, ABANDONED) or the talk (TALK); null when not known */
    Future<Void> count(String line, Instant at, Kind kind, Duration took);

    /** The days {@code from} .. {@code from + days - 1}, each (also those without calls). */
    Future<List<Day>> days(String line, LocalDate from, int days);

    CallFigures NONE = new CallFigures() {
        @Override
        public Future<Void> count(String line, Instant at, Kind kind, Duration took) {
            return Future.succeededFuture();
        }

        @Override
        public Future<List<Day>> days(String line, LocalDate from, int days) {
            return Future.succeededFuture(List.of());
        }
    };
}
