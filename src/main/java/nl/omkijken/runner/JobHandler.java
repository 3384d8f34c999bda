package nl.omkijken.runner;

import io.vertx.core.Future;
import java.util.List;

/** Runs the due jobs of one kind. */
public interface JobHandler {
    /** The kind of job this handler runs. */
    String kind();

    /** Runs one claimed job; a failed future leaves the job to come due again after its lease. */
    Future<Result> run(ClaimedJob job);

    /** What came of a job. */
    sealed interface Result {
        /** The handler removed the job itself, in its own atomic write (a conversation turn does). */
        record Done() implements Result {}

        /** Done: the poller completes the job, appending these tasks in the same step. */
        record Complete(List<Task> tasks) implements Result {}

        /** What the job belongs to is gone: the job is dropped. */
        record Orphan() implements Result {}
    }
}
