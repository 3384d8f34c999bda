package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What coordinators read per line and day: how many asked for a person, how many a worker took and how
 * long they waited, how many left before anyone came, and what became of call-backs. Counts and
 * durations only: no person, no conversation. Implemented in store/redis.
 */
public interface DailyFigures {
    enum Count {
        /** A person started waiting for a human in the conversation. */
        ASKED,
        /** A worker took a waiting person over (with how long they waited). */
        TAKEN,
        /** The person stopped waiting before anyone came (stopped, started over, the wait went stale). */
        LEFT,
        CALLBACK_REACHED,
        CALLBACK_NOT_REACHED,
        CALLBACK_GAVE_UP;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One line's day: each count, every wait of those taken over (seconds), how long each call-back request took to
     * be done, reached or given up (seconds from the request), and per referral (dialogs/referrals.yaml: what we do
     * not do ourselves) how often someone was told who does.
     */
    record Day(LocalDate date, Map<Count, Long> counts, List<Long> waitSeconds, List<Long> callbackSeconds,
               Map<String, Long> referrals) {
        public Day {
            referrals = referrals == null ? Map.of() : Map.copyOf(referrals);
        }

        public Day(LocalDate date, Map<Count, Long> counts, List<Long> waitSeconds, List<Long> callbackSeconds) {
            this(date, counts, waitSeconds, callbackSeconds, Map.of());
        }

        public long count(Count c) {
            return counts.getOrDefault(c, 0L);
        }
    }

    /**
     * @param waited how long the person waited, for {@link Count#TAKEN}; since the request, for a call-back reached or
     *               given up; null otherwise
     */
    Future<Void> count(String line, LocalDate day, Count what, Duration waited);

    /** Someone on the line was told who helps with what we do not do (the referral's id). */
    Future<Void> referred(String line, LocalDate day, String referral);

    /** The days {@code from} .. {@code from + days - 1}, each (also those with nothing). */
    Future<List<Day>> days(String line, LocalDate from, int days);

    DailyFigures NONE = new DailyFigures() {
        @Override
        public Future<Void> count(String line, LocalDate day, Count what, Duration waited) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> referred(String line, LocalDate day, String referral) {
            return Future.succeededFuture();
        }

        @Override
        public Future<List<Day>> days(String line, LocalDate from, int days) {
            return Future.succeededFuture(List.of());
        }
    };
}
