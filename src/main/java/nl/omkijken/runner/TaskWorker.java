package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the task stream: claims tasks every {@code interval}, runs each with the handler of its
 * kind, and acknowledges it when done. A task whose handler fails stays pending and is tried again after
 * {@code idle} (by any instance); after {@code maxDeliveries} it goes to the task dead letters, as does a
 * task that no instance's handlers know (it is left to the others until then).
 */
public final class TaskWorker implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);
    private static final int BATCH = 50;

    private final TaskSource tasks;
    private final Map<String, TaskHandler> handlers = new HashMap<>();
    private final String consumer;
    private final Duration interval;
    private final Duration idle;
    private final int maxDeliveries;
    private final MeterRegistry metrics;

    public TaskWorker(TaskSource tasks, List<TaskHandler> handlers, String consumer, Duration interval,
                      Duration idle, int maxDeliveries, MeterRegistry metrics) {
        this.tasks = tasks;
        this.consumer = consumer;
        this.interval = interval;
        this.idle = idle;
        this.maxDeliveries = maxDeliveries;
        this.metrics = metrics;
        for (TaskHandler h : handlers) {
            if (this.handlers.put(h.kind(), h) != null) throw new IllegalArgumentException("two handlers for tasks of kind " + h.kind());
        }
    }

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public Duration every() {
        return interval;
    }

    @Override
    public Future<?> runOnce() {
        return workOnce();
    }

    /**
     * One round: claims and carries out what is there; how many tasks were handed out. The
     * {@link PeriodicHost} starts no round while one runs, and logs a failed one.
     */
    public Future<Integer> workOnce() {
        return tasks.claim(consumer, BATCH, idle)
                .compose(claimed -> Future.join(claimed.stream().map(this::run).toList()).map(cf -> claimed.size()));
    }

    private Future<Void> run(TaskSource.Claimed c) {
        String kind = c.task().kind();
        TaskHandler handler = handlers.get(kind);
        if (c.deliveries() > maxDeliveries) {
            return giveUp(c, handler == null ? "no handler for kind " + kind : "failed " + maxDeliveries + " times");
        }
        if (handler == null) {
            // Written by a newer release during a rolling upgrade, say: left for an instance that knows it,
            // and dead-lettered only when none took it after its deliveries.
            metrics.counter("omk_tasks_total", "kind", kind, "outcome", "no_handler").increment();
            log.warn("no handler here for tasks of kind {}; left for another instance", kind);
            return Future.succeededFuture();
        }
        Future<Void> done;
        try {
            done = handler.run(c.task());
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.compose(v -> tasks.done(c)).map(v -> {
            metrics.counter("omk_tasks_total", "kind", kind, "outcome", "done").increment();
            return (Void) null;
        }).recover(e -> {
            metrics.counter("omk_tasks_total", "kind", kind, "outcome", "failed").increment();
            log.warn("task failed, tried again later kind={} error={}", kind, e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    private Future<Void> giveUp(TaskSource.Claimed c, String reason) {
        metrics.counter("omk_tasks_total", "kind", c.task().kind(), "outcome", "dead").increment();
        log.error("task moved to the dead letters kind={} reason={}", c.task().kind(), reason);
        return tasks.giveUp(c, reason).recover(e -> Future.succeededFuture());
    }
}
