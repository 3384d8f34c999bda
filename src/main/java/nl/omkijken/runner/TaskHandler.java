package nl.omkijken.runner;

import io.vertx.core.Future;

/** Carries out the tasks of one kind; see {@link Task} for why each must act once per task id. */
public interface TaskHandler {
    String kind();

    /** A failed future leaves the task pending: it is tried again (by this or another instance). */
    Future<Void> run(Task task);
}
