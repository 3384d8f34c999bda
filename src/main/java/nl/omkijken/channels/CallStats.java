package nl.omkijken.channels;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import nl.omkijken.runner.CallFigures;
import nl.omkijken.runner.TurnRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what becomes of the calls that wait on the line, whatever carries them (Twilio, the simulator): in the
 * coordinators' figures per day and hour ({@link CallFigures}) and in /metrics ({@code omk_calls_offered_total},
 * {@code omk_calls_answered_total}, {@code omk_calls_abandoned_total}, {@code omk_call_wait_seconds},
 * {@code omk_call_talk_seconds}). A figure that cannot be written costs that figure, never the call.
 */
public final class CallStats {
    private static final Logger log = LoggerFactory.getLogger(CallStats.class);
    private final CallFigures figures;
    private final MeterRegistry metrics;

    public CallStats(TurnRunner runner) {
        this.figures = runner.callFigures();
        this.metrics = runner.metrics();
    }

    /** A caller started waiting on the line. */
    public void offered(String line, Instant at) {
        metrics.counter("omk_calls_offered_total", "line", line).increment();
        count(line, at, CallFigures.Kind.OFFERED, null);
    }

    /** The caller was put through to a worker after {@code waited}. */
    public void answered(String line, Instant at, Duration waited) {
        metrics.counter("omk_calls_answered_total", "line", line).increment();
        if (waited != null) wait(line, "answered").record(waited);
        count(line, at, CallFigures.Kind.ANSWERED, waited);
    }

    /** The caller hung up while waiting, after {@code waited}. */
    public void abandoned(String line, Instant at, Duration waited) {
        metrics.counter("omk_calls_abandoned_total", "line", line).increment();
        if (waited != null) wait(line, "abandoned").record(waited);
        count(line, at, CallFigures.Kind.ABANDONED, waited);
    }

    /** A talk between a caller and a worker ended after {@code lasted}. */
    public void talked(String line, Instant at, Duration lasted) {
        Timer.builder("omk_call_talk_seconds").tag("line", line).publishPercentiles(0.5, 0.95).register(metrics).record(lasted);
        count(line, at, CallFigures.Kind.TALK, lasted);
    }

    private Timer wait(String line, String outcome) {
        return Timer.builder("omk_call_wait_seconds").tag("line", line).tag("outcome", outcome).publishPercentiles(0.5, 0.95)
                .register(metrics);
    }

    private void count(String line, Instant at, CallFigures.Kind kind, Duration took) {
        figures.count(line, at, kind, took)
                .onFailure(e -> log.warn("call figure not counted line={} kind={} error={}", line, kind, e.getClass().getSimpleName()));
    }
}
