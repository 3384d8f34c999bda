package nl.omkijken.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow clients from holding the server, with the HTTP server's idle timeout. That timeout
 * (Vert.x counts decoded messages, not bytes) already closes a silent connection, a kept-alive one
 * waiting too long for its next request, and one whose headers come a byte at a time. What it does
 * not catch is a body trickling in small chunks, each of which counts as activity, and too many
 * connections at once:
 * <ul>
 *   <li><b>a body</b> must be complete within {@code bodyTimeout} of its headers; else 408 and the
 *       connection is closed;</li>
 *   <li>at most {@code maxConnections} connections are open over all server instances; one more is
 *       closed at once. Vert.x reports an HTTP/1 connection at its first request, so a connection that
 *       never sends one is not counted: the idle timeout closes it.</li>
 * </ul>
 * The deadline is checked by a sweep over the open connections a few times a second rather than by a
 * timer per request, and without hooks on the response (Vert.x Web's own handlers use those), so it
 * may be overrun by that much. One guard serves all server instances (one per core).
 */
final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    static final long SWEEP_MILLIS = 250;

    private final Vertx vertx;
    private final AppConfig.Http limits;
    private final MeterRegistry metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<HttpConnection, Watch> watches = new ConcurrentHashMap<>();
    private long sweeper = -1;

    /** One connection: its current request and when its headers were in (nanoTime). */
    private static final class Watch {
        final Context context;
        volatile HttpServerRequest request;
        volatile long since;

        Watch(Context context) {
            this.context = context;
        }
    }

    ConnectionGuard(Vertx vertx, AppConfig.Http limits, MeterRegistry metrics) {
        this.vertx = vertx;
        this.limits = limits;
        this.metrics = metrics;
        metrics.gauge("omk_http_connections_open", open);
    }

    void start() {
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    void stop() {
        if (sweeper >= 0) vertx.cancelTimer(sweeper);
        sweeper = -1;
    }

    /** The server's connection handler: counts, and refuses one over the limit. */
    void connected(HttpConnection conn) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            closed("over_limit");
            conn.close();
            return;
        }
        watches.put(conn, new Watch(vertx.getOrCreateContext()));
        conn.closeHandler(v -> {
            if (watches.remove(conn) != null) open.decrementAndGet();
        });
    }

    /** Called for each request once its headers are in. */
    void request(HttpServerRequest req) {
        Watch w = req.connection() == null ? null : watches.get(req.connection());
        if (w == null) return;
        w.since = System.nanoTime();
        w.request = req;
    }

    private void sweep() {
        long now = System.nanoTime();
        long bodyNanos = limits.bodyTimeout().toNanos();
        watches.forEach((conn, w) -> {
            HttpServerRequest req = w.request;
            if (req != null && !req.isEnded() && now - w.since > bodyNanos) bodyTooSlow(conn, w, req);
        });
    }

    private void bodyTooSlow(HttpConnection conn, Watch w, HttpServerRequest req) {
        if (!watches.remove(conn, w)) return;
        open.decrementAndGet();
        closed("body_timeout");
        log.info("http request body not complete in time, answering 408 path={}", routeOf(req));
        w.context.runOnContext(v -> {
            if (req.response().ended() || req.response().headWritten()) {
                conn.close();
                return;
            }
            req.response().setStatusCode(408).putHeader("Connection", "close")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("the request body did not arrive in time")
                    .onComplete(ar -> conn.close());
        });
    }

    private void closed(String reason) {
        metrics.counter("omk_http_connections_closed_total", "reason", reason).increment();
    }

    /**
     * The first two segments of a path, for logs, only when made of letters, '-' and '_' (a route such
     * as /webhooks/twilio); anything else is "-": a path may carry a number or a text.
     */
    static String routeOf(HttpServerRequest req) {
        String p = req.path();
        if (p == null || p.isEmpty() || p.charAt(0) != '/') return "-";
        int slashes = 0;
        int end = p.length();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '/' && ++slashes == 3) {
                end = i;
                break;
            }
            if (ch != '/' && ch != '-' && ch != '_' && !(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z')) return "-";
        }
        return end > 64 ? "-" : p.substring(0, end);
    }
}
