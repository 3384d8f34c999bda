package nl.omkijken.console;

import io.vertx.core.Future;
import java.util.function.Function;
import nl.omkijken.circle.CheckInLog;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;

/**
 * The Telefooncirkel in the console: its participants, their days (the escalation ladder, step by step), and
 * what the service does when a participant is saved or marked safe.
 *
 * @param absences absences staff set (calls pause, no alarm)
 * @param saved    told of every enrolment and change, and of an absence cleared (the daily calls plan today's call anew)
 * @param safe     marks a participant safe for today, which stops their ladder; null when no daily calls run
 * @param chains   the circles run as chains
 */
public record CirclePorts(Participants participants, CheckInLog days, nl.omkijken.circle.Absences absences,
                          Function<Participant, Future<Void>> saved, SafeMarker safe, nl.omkijken.circle.Chains chains) {
    public CirclePorts {
        java.util.Objects.requireNonNull(participants, "participants");
        java.util.Objects.requireNonNull(days, "days");
        java.util.Objects.requireNonNull(absences, "absences");
        if (saved == null) saved = p -> Future.succeededFuture();
        if (chains == null) chains = nl.omkijken.circle.Chains.NONE;
    }

    /** Without chains. */
    public CirclePorts(Participants participants, CheckInLog days, nl.omkijken.circle.Absences absences,
                       Function<Participant, Future<Void>> saved, SafeMarker safe) {
        this(participants, days, absences, saved, safe, null);
    }

    /** Marks a participant safe today; null when there is no such participant. */
    public interface SafeMarker {
        Future<Participant> markSafe(String participantId, String workerName, String note);
    }
}
