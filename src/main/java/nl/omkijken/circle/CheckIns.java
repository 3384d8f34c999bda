package nl.omkijken.circle;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.omkijken.runner.OnceMarks;

/**
 * A participant's day as the ladder's steps share it: its log, and whether they are settled for the day (a mark
 * set once: they answered a call or the text, someone said they are well, or a worker marked them safe). Every
 * step of the ladder asks first; the first to settle a day wins, on any instance.
 */
final class CheckIns {
    private final OnceMarks once;
    private final CheckInLog log;
    private final Clock clock;

    CheckIns(OnceMarks once, CheckInLog log, Clock clock) {
        this.once = once;
        this.log = log;
        this.clock = clock;
    }

    static String settledMark(String participantId, LocalDate day) {
        return "checkin-reached|" + participantId + "|" + day;
    }

    Future<Boolean> settled(String participantId, LocalDate day) {
        return once.isSet(settledMark(participantId, day));
    }

    /**
     * Settles the day and logs why; true when this settled it (false: it was already). Logged when it settled the
     * day, and a worker's mark always (what staff did is seen).
     */
    Future<Boolean> settle(String participantId, LocalDate day, CheckInLog.Step why, String detail) {
        return once.claim(settledMark(participantId, day)).compose(first -> first || why == CheckInLog.Step.MARKED_SAFE
                ? add(participantId, day, why, detail).map(v -> first) : Future.succeededFuture(first));
    }

    /** Logs a step; a log that cannot be written costs the console a line, never the ladder's next step. */
    Future<Void> add(String participantId, LocalDate day, CheckInLog.Step step, String detail) {
        return log.add(day, participantId, new CheckInLog.Entry(clock.instant(), step, detail)).otherwiseEmpty();
    }

    /**
     * Logs a step unless the day has it already (the same step with the same detail): a step run again after a
     * crash, or by a second path, is in the day once.
     */
    Future<Void> addOnce(String participantId, LocalDate day, CheckInLog.Step step, String detail) {
        return of(participantId, day).compose(entries -> entries.stream().anyMatch(e -> e.step() == step && e.detail().equals(detail))
                ? Future.succeededFuture() : add(participantId, day, step, detail));
    }

    /**
     * Opens the day again after a picked-up call was hung up before its answer, unless the day was settled by
     * something else since (a worker's mark, a contact's word): only an answered call is taken back.
     */
    Future<Void> unsettleAnswered(String participantId, LocalDate day) {
        return of(participantId, day).compose(entries -> {
            boolean otherwise = entries.stream().anyMatch(e -> e.step() == CheckInLog.Step.TEXT_ANSWERED
                    || e.step() == CheckInLog.Step.CONFIRMED || e.step() == CheckInLog.Step.SAFE_BY_CONTACT || e.step() == CheckInLog.Step.MARKED_SAFE);
            return otherwise ? Future.succeededFuture() : once.release(settledMark(participantId, day));
        });
    }

    Future<List<CheckInLog.Entry>> of(String participantId, LocalDate day) {
        return log.of(day, participantId).otherwise(List.of());
    }

    Future<Boolean> once(String mark) {
        return once.claim(mark);
    }

    Future<Void> release(String mark) {
        return once.release(mark);
    }
}
