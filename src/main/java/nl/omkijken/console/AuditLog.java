package nl.omkijken.console;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Who did what in the console: opened a transcript, took over, replied, handed back, closed, changed
 * a worker. Ids only, never message text or a number. Implemented in store/redis (a capped stream kept
 * as long as conversations are).
 */
public interface AuditLog {
    /**
     * @param target what it was done to: a conversation id, a worker id, or "" for none
     */
    record Entry(Instant at, String workerId, String action, String target) {}

    Future<Void> record(Entry entry);

    /**
     * Records an action that was done already: a log that cannot be written costs its line (said in the service's
     * log), never the action, which stands (a worker who saw an error would do it again).
     */
    default Future<Void> recordDone(Entry entry) {
        return record(entry).recover(e -> {
            org.slf4j.LoggerFactory.getLogger(AuditLog.class).error("audit log entry not written action={} error={}", entry.action(),
                    e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    /**
     * Records the entry unless the same worker did the same to the same target within {@code window}: a
     * console that reads an open transcript again after every change is one view, not hundreds.
     */
    Future<Void> recordOnce(Entry entry, java.time.Duration window);

    /** The latest entries, newest first. */
    Future<List<Entry>> latest(int max);
}
