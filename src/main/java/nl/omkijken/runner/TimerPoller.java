package nl.omkijken.runner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the stored timers and runs a turn for each one that came due. Claims are leased, and the
 * turn's commit removes the timer, so a timer is handled once even with several instances.
 */
public final class TimerPoller {
    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);
    private static final int BATCH = 50;

    private final Vertx vertx;
    private final TimerStore timers;
    private final TurnRunner runner;
    private final Clock clock;
    private final Duration interval;
    private final Duration lease;
    private long periodicId = -1;
    private boolean polling;

    public TimerPoller(Vertx vertx, TimerStore timers, TurnRunner runner, Clock clock, Duration interval, Duration lease) {
        this.vertx = vertx;
        this.timers = timers;
        this.runner = runner;
        this.clock = clock;
        this.interval = interval;
        this.lease = lease;
    }

    public void start() {
        periodicId = vertx.setPeriodic(interval.toMillis(), id -> pollOnce());
    }

    public void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
    }

    /**
     * Runs the timer's turn; a timer whose conversation is gone ({@link TurnRunner#fire} answers
     * null) is dropped. A failed turn leaves it claimed: it comes due again after its lease.
     */
    private Future<Void> fire(DueTimer t) {
        return runner.fire(t).compose(result -> {
            if (result != null) return Future.<Void>succeededFuture();
            return timers.drop(t).map(dropped -> {
                if (dropped) log.info("timer of a conversation that is gone dropped timer={}", t.timer());
                return (Void) null;
            });
        }).recover(e -> Future.succeededFuture());
    }

    /** Claims and runs what is due now; skips a tick while the previous one still runs. */
    public Future<Integer> pollOnce() {
        if (polling) return Future.succeededFuture(0);
        polling = true;
        return timers.claimDue(clock.instant(), BATCH, lease)
                .compose(due -> Future.join(due.stream().map(this::fire).toList()).map(cf -> due.size()))
                .onFailure(e -> log.warn("timer poll failed: {}", e.toString()))
                .eventually(() -> {
                    polling = false;
                    return Future.succeededFuture();
                });
    }
}
