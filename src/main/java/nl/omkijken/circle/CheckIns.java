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

    /** Settles the day and logs why; true when this settled it (false: it was already). The step is logged either way. */
    Future<Boolean> settle(String participantId, LocalDate day, CheckInLog.Step why, String detail) {
        return once.claim(settledMark(participantId, day))
                .compose(first -> add(participantId, day, why, detail).map(v -> first));
    }

    /** Logs a step; a log that cannot be written costs the console a line, never the ladder's next step. */
    Future<Void> add(String participantId, LocalDate day, CheckInLog.Step step, String detail) {
        return log.add(day, participantId, new CheckInLog.Entry(clock.instant(), step, detail)).otherwiseEmpty();
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
