package nl.omkijken.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import nl.omkijken.channels.http.BoundedBody;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side of the service: health, metrics, a failure handler, and the channels' routes. */
final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Vertx vertx;
    private final Router router;
    private final AppConfig.Http limits;
    private final ConnectionGuard guard;
    private String deployment;

    WebServer(Vertx vertx, PrometheusMeterRegistry registry, AppConfig.Http limits, AllowList adminAllow,
              Supplier<Future<JsonObject>> health) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        this.limits = limits;
        this.guard = new ConnectionGuard(vertx, limits, registry);
        // The staff console and the metrics are for this organisation's own network only (ADMIN_ALLOW).
        io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> adminOnly = ctx -> {
            String remote = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
            if (adminAllow.allows(remote)) {
                ctx.next();
                return;
            }
            log.info("request refused route={} status=403 reason=not_on_admin_allow_list", ConnectionGuard.routeOf(ctx.request()));
            ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(new JsonObject().put("error", "the console and metrics are not reachable from this address "
                            + "(ADMIN_ALLOW)").encode());
        };
        router.route("/metrics").handler(adminOnly);
        router.route("/console").handler(adminOnly);
        router.route("/console/*").handler(adminOnly);
        router.get("/health").handler(ctx -> health.get().onComplete(ar -> {
            JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN");
            boolean up = "UP".equals(body.getString("status"));
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        router.get("/").handler(ctx -> ctx.redirect("/sandbox/"));
    }

    Router router() { return router; }

    /**
     * Listens with {@code instances} servers on the same port, each on its own event loop: Vert.x hands
     * each new connection to one of them in turn, so webhooks are parsed and verified on all cores.
     */
    Future<Void> listen(String host, int port, int instances) {
        // Refusals from body limits and unknown routes get a JSON reason, never a stack trace; the log
        // names the route and the status, never the raw path or query (they may carry a number or a text).
        router.route().last().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            String reason = ctx.failure() instanceof BoundedBody.Refused r ? r.getMessage() : switch (status) {
                case 413 -> "request body is too large";
                case 408 -> "the request did not arrive in time";
                case 400 -> "bad request";
                case 404 -> "not found";
                case 405 -> "method not allowed";
                default -> "internal error";
            };
            if (status >= 500) {
                log.error("request failed route={} status={} error={}", ConnectionGuard.routeOf(ctx.request()), status,
                        ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
            } else {
                log.info("request refused route={} status={}", ConnectionGuard.routeOf(ctx.request()), status);
            }
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("error", reason).encode());
            }
        });
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", "not found").encode()));
        return vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        // HTTP/1.1 only: Twilio and Telegram speak it, and a connection closed to stop a
                        // client must not be a multiplexed HTTP/2 one carrying other requests.
                        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                                .setIdleTimeout((int) limits.idleTimeout().toMillis())
                                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
                        return vertx.createHttpServer(options)
                                .connectionHandler(guard::connected)
                                .requestHandler(req -> {
                                    guard.request(req);
                                    if (RequestLine.wellFormed(req.uri())) {
                                        router.handle(req);
                                    } else {
                                        // The router would throw decoding the path and log it with a stack trace.
                                        log.info("request refused route={} status=400 reason=malformed_escape",
                                                ConnectionGuard.routeOf(req));
                                        req.response().setStatusCode(400).putHeader("Connection", "close")
                                                .putHeader("Content-Type", "application/json; charset=utf-8")
                                                .end(new JsonObject().put("error", "the URL has a malformed percent-escape").encode())
                                                .onComplete(ar -> req.connection().close());
                                    }
                                })
                                .listen(port, host);
                    }
                }, new DeploymentOptions().setInstances(Math.max(1, instances)))
                .onSuccess(id -> {
                    deployment = id;
                    guard.start();
                })
                .mapEmpty();
    }

    Future<Void> close() {
        guard.stop();
        return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
    }
}
