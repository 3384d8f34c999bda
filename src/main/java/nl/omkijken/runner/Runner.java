package nl.omkijken.runner;

import io.vertx.core.Future;

/**
 * A long-running part of the service (the inbound worker, the outbox dispatcher) that a
 * {@link RunnerHost} starts and stops on a verticle's event loop of its own.
 */
public interface Runner {
    /** For logs and failed-start messages. */
    String name();

    /** Starts on the caller's context; fails when the runner cannot begin (Redis unreachable). */
    Future<Void> start();

    /** Stops after the work in progress; the runner is not restarted. */
    Future<Void> stop();
}
