package nl.omkijken.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side of the service: health, metrics, a failure handler, and the channels' routes. */
final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Vertx vertx;
    private final Router router;
    private String deployment;

    WebServer(Vertx vertx, PrometheusMeterRegistry registry, Supplier<Future<JsonObject>> health) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.get("/health").handler(ctx -> health.get().onComplete(ar -> {
            JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN");
            boolean up = "UP".equals(body.getString("status"));
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        router.get("/").handler(ctx -> ctx.redirect("/sandbox/"));
        // Refusals from body limits and unknown routes get a JSON reason, never a stack trace.
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            String reason = switch (status) {
                case 413 -> "request body is too large";
                case 400 -> "bad request";
                case 404 -> "not found";
                case 405 -> "method not allowed";
                default -> "internal error";
            };
            if (status >= 500) log.error("request failed path={} error={}", ctx.normalizedPath(),
                    ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("error", reason).encode());
            }
        });
    }

    Router router() { return router; }

    /**
     * Listens with {@code instances} servers on the same port, each on its own event loop: Vert.x hands
     * each new connection to one of them in turn, so webhooks are parsed and verified on all cores.
     */
    Future<Void> listen(String host, int port, int instances) {
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", "not found").encode()));
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return vertx.createHttpServer().requestHandler(router).listen(port, host);
                    }
                }, new DeploymentOptions().setInstances(Math.max(1, instances)))
                .onSuccess(id -> deployment = id)
                .mapEmpty();
    }

    Future<Void> close() {
        return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
    }
}
