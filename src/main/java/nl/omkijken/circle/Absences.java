package nl.omkijken.circle;

import io.vertx.core.Future;
import java.util.Map;

/** Absences staff set, one a participant at most (a new one replaces it); gone with the participant. */
public interface Absences {
    /** Null when none is set. */
    Future<Absence> of(String participantId);

    /** Every participant's absence that is set. */
    Future<Map<String, Absence>> all();

    Future<Void> set(String participantId, Absence absence);

    /** True when there was one. */
    Future<Boolean> clear(String participantId);
}
