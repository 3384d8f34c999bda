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
 * Counts how long the talks of calls put through lasted, whatever carries them (Twilio, the simulator): in the
 * coordinators' figures per day and hour ({@link CallFigures}) and in /metrics ({@code omk_call_talk_seconds}). Offered,
 * answered and abandoned are counted by the turns that make them so (TurnRunner). A figure that cannot be written costs
 * that figure, never the call.
 */
public final class CallStats {
    private static final Logger log = LoggerFactory.getLogger(CallStats.class);
    private final CallFigures figures;
    private final MeterRegistry metrics;

    public CallStats(TurnRunner runner) {
        this.figures = runner.callFigures();
        this.metrics = runner.metrics();
    }

    /** A talk between a caller and a worker ended after {@code lasted}. */
    public void talked(String line, Instant at, Duration lasted) {
        Timer.builder("omk_call_talk_seconds").tag("line", line).publishPercentiles(0.5, 0.95).register(metrics).record(lasted);
        count(line, at, CallFigures.Kind.TALK, lasted);
    }

    private void count(String line, Instant at, CallFigures.Kind kind, Duration took) {
        figures.count(line, at, kind, took)
                .onFailure(e -> log.warn("call figure not counted line={} kind={} error={}", line, kind, e.getClass().getSimpleName()));
    }
}
