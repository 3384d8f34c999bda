package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs every {@code interval} (run by a {@link PeriodicHost}; due on the injected clock) and runs each with the handler of its
 * kind: a conversation's follow-up ({@link Job#TURN}) is a turn of that conversation; other kinds are
 * registered. Every instance polls; the claim's lease and fence make each job run once: a poller that
 * dies mid-job leaves it to come due again after the lease, and a late poller's completion is refused.
 */
public final class JobPoller implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(JobPoller.class);
    private static final int BATCH = 50;

    private final JobStore jobs;
    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final Clock clock;
    private final Duration interval;
    private final Duration lease;
    private final MeterRegistry metrics;

    /** @param handlers the handlers of the kinds besides {@link Job#TURN}, which is the runner's */
    public JobPoller(JobStore jobs, TurnRunner runner, List<JobHandler> handlers, Clock clock,
                     Duration interval, Duration lease, MeterRegistry metrics) {
        this.jobs = jobs;
        this.clock = clock;
        this.interval = interval;
        this.lease = lease;
        this.metrics = metrics;
        this.handlers.put(Job.TURN, new FollowUps(runner));
        for (JobHandler h : handlers) {
            if (this.handlers.put(h.kind(), h) != null) {
                throw new IllegalArgumentException("two handlers for jobs of kind " + h.kind());
            }
        }
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public Duration every() {
        return interval;
    }

    @Override
    public Future<?> runOnce() {
        return pollOnce();
    }

    /**
     * Claims and runs what is due now; how many ran. The {@link PeriodicHost} starts no round while one
     * runs, and logs a failed one.
     */
    public Future<Integer> pollOnce() {
        return jobs.claimDue(clock.instant(), BATCH, lease)
                .compose(due -> Future.join(due.stream().map(this::run).toList()).map(cf -> due.size()));
    }

    /** Runs one job; a failure leaves it claimed, so it comes due again after its lease. */
    private Future<Void> run(ClaimedJob job) {
        String kind = job.job().kind();
        JobHandler handler = handlers.get(kind);
        if (handler == null) {
            // Written by a newer release, or a kind whose handler was removed: kept for one that knows it.
            metrics.counter("omk_jobs_total", "kind", kind, "outcome", "no_handler").increment();
            log.error("no handler for jobs of kind {}; it comes due again after its lease", kind);
            return Future.succeededFuture();
        }
        Future<JobHandler.Result> result;
        try {
            result = handler.run(job);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.compose(r -> settle(job, r)).recover(e -> {
            metrics.counter("omk_jobs_total", "kind", kind, "outcome", "failed").increment();
            log.warn("job failed, due again after its lease kind={} error={}", kind, e.getClass().getSimpleName());
            return Future.succeededFuture();
        });
    }

    private Future<Void> settle(ClaimedJob job, JobHandler.Result r) {
        String kind = job.job().kind();
        if (r instanceof JobHandler.Result.Done) {
            metrics.counter("omk_jobs_total", "kind", kind, "outcome", "done").increment();
            return Future.succeededFuture();
        }
        if (r instanceof JobHandler.Result.Complete c) {
            return jobs.complete(job, c.tasks()).map(completed -> {
                metrics.counter("omk_jobs_total", "kind", kind, "outcome", completed ? "done" : "stale").increment();
                return null;
            });
        }
        return jobs.drop(job).map(dropped -> {
            metrics.counter("omk_jobs_total", "kind", kind, "outcome", dropped ? "orphan" : "stale").increment();
            if (dropped) log.info("job dropped, what it belongs to is gone kind={}", kind);
            return null;
        });
    }

    /** A conversation's follow-up: the turn removes it in its commit; no conversation, no job. */
    private record FollowUps(TurnRunner runner) implements JobHandler {
        @Override
        public String kind() {
            return Job.TURN;
        }

        @Override
        public Future<Result> run(ClaimedJob job) {
            return runner.fire(job).map(turn -> turn != null ? new Result.Done() : new Result.Orphan());
        }
    }
}
