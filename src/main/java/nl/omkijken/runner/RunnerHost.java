package nl.omkijken.runner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

/**
 * The verticle that hosts one {@link Runner}: the runner starts on the verticle's own event-loop
 * context (so its timers and callbacks stay on one thread, apart from the web server's), and stops when
 * the verticle is undeployed, in the order the service undeploys its hosts.
 */
public final class RunnerHost extends VerticleBase {
    private final Runner runner;

    private RunnerHost(Runner runner) {
        this.runner = runner;
    }

    /** Deploys a host for {@code runner}; the future holds the deployment id (to undeploy it). */
    public static Future<String> deploy(Vertx vertx, Runner runner) {
        return vertx.deployVerticle(new RunnerHost(runner));
    }

    @Override
    public Future<?> start() {
        return runner.start();
    }

    @Override
    public Future<?> stop() {
        return runner.stop();
    }
}
