package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** The task stream as its workers read it. */
public interface TaskSource {
    /**
     * New tasks for {@code consumer}, after those other consumers left unacknowledged for longer than
     * {@code idle} (their worker died).
     */
    Future<List<Claimed>> claim(String consumer, int max, Duration idle);

    /** The task is carried out: acknowledged and removed. */
    Future<Void> done(Claimed task);

    /** No handler knows the task, or it failed too often: moved to the task dead letters. */
    Future<Void> giveUp(Claimed task, String reason);

    /** A task handed out, with its stream entry and how often it was handed out before. */
    record Claimed(Task task, String entryId, long deliveries) {}
}
