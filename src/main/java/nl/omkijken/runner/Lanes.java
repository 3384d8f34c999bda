package nl.omkijken.runner;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Event-loop contexts to spread the work of many conversations over the machine's cores. Work for one
 * key (a conversation id) always runs on the same lane, so its callbacks stay on one thread; different
 * keys run side by side. Without lanes, every turn ran on the one context that read the inbound queue,
 * and a burst of messages queued on one thread while the other core idled.
 */
public final class Lanes {
    private final List<Context> contexts;
    private final String deploymentId;

    private Lanes(List<Context> contexts, String deploymentId) {
        this.contexts = contexts;
        this.deploymentId = deploymentId;
    }

    /** No lanes: work runs on the caller's context (tests, and a single-core machine). */
    public static Lanes inPlace() {
        return new Lanes(List.of(), null);
    }

    /** {@code count} lanes, each on its own event-loop context (Vert.x spreads them over its event loops). */
    public static Future<Lanes> deploy(Vertx vertx, int count) {
        if (count < 1) return Future.failedFuture(new IllegalArgumentException("lanes must be at least 1, was " + count));
        List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        contexts.add(context);
                        return Future.succeededFuture();
                    }
                }, new DeploymentOptions().setInstances(count))
                .map(id -> new Lanes(List.copyOf(contexts), id));
    }

    /** Runs {@code work} on the lane of {@code key}; the returned future completes there too. */
    public <T> Future<T> run(String key, Supplier<Future<T>> work) {
        if (contexts.isEmpty()) return call(work);
        Context lane = contexts.get(Math.floorMod(key.hashCode(), contexts.size()));
        if (Vertx.currentContext() == lane) return call(work);
        Promise<T> done = Promise.promise();
        lane.runOnContext(v -> call(work).onComplete(done));
        return done.future();
    }

    public int size() {
        return Math.max(1, contexts.size());
    }

    /** Undeploys the lanes' contexts (after the work on them stopped). */
    public Future<Void> close(Vertx vertx) {
        return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    }

    private static <T> Future<T> call(Supplier<Future<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
