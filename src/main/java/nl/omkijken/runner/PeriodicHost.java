package nl.omkijken.runner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verticle that runs the service's {@link Periodic} work, each on its own interval, on one event
 * loop of its own: a round that is still running when its next is due is skipped (never two at once), a
 * failing round is logged and the next one comes as usual. Undeploying it stops all of them.
 */
public final class PeriodicHost extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(PeriodicHost.class);

    private final List<Periodic> work;
    private final List<Long> timers = new ArrayList<>();
    /** The work whose round runs now (by identity: two pieces of work may share a name). */
    private final Set<Periodic> running = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public PeriodicHost(List<Periodic> work) {
        this.work = List.copyOf(work);
    }

    /** Deploys a host for {@code work}; the future holds its deployment id. */
    public static Future<String> deploy(Vertx vertx, List<Periodic> work) {
        return vertx.deployVerticle(new PeriodicHost(work));
    }

    @Override
    public Future<?> start() {
        Future<Void> begun = Future.succeededFuture();
        for (Periodic p : work) begun = begun.compose(v -> p.begin());
        return begun.onSuccess(v -> {
            for (Periodic p : work) timers.add(vertx.setPeriodic(p.every().toMillis(), id -> round(p)));
        });
    }

    private void round(Periodic p) {
        if (!running.add(p)) return;
        Future<?> done;
        try {
            done = p.runOnce();
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onComplete(ar -> {
            running.remove(p);
            if (ar.failed()) log.warn("{} round failed: {}", p.name(), ar.cause().getClass().getSimpleName());
        });
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        return Future.succeededFuture();
    }
}
