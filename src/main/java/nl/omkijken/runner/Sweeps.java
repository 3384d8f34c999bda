package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link Sweep} every {@code interval} on the injected clock (every instance does: a sweep is
 * an idempotent trim, so two at once do no harm). A failing sweep is logged and tried at the next round.
 */
public final class Sweeps implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

    private final List<Sweep> sweeps;
    private final Clock clock;
    private final Duration interval;

    public Sweeps(List<Sweep> sweeps, Clock clock, Duration interval) {
        this.sweeps = List.copyOf(sweeps);
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "sweeps";
    }

    @Override
    public Duration every() {
        return interval;
    }

    /** One round of every sweep; the future holds how many entries went in all. */
    @Override
    public Future<Long> runOnce() {
        List<Future<Long>> runs = sweeps.stream().map(s -> s.run(clock.instant())
                .onSuccess(n -> {
                    if (n > 0) log.info("sweep {} removed {}", s.name(), n);
                })
                .recover(e -> {
                    log.warn("sweep {} failed: {}", s.name(), e.getClass().getSimpleName());
                    return Future.succeededFuture(0L);
                })).toList();
        return Future.join(runs).map(done -> runs.stream().mapToLong(Future::result).sum());
    }
}
