package nl.omkijken.channels.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request's body into memory, at most {@code maxBytes}, and nothing else: unlike Vert.x Web's BodyHandler it never decodes the query string or a form, so a
 * malformed percent-escape cannot throw inside the server (that hung the request and wrote the raw
 * URI to the log). The route that reads the body parses it itself, strictly, and answers a 4xx.
 *
 * <p>Refusals, each through {@link RoutingContext#fail(int, Throwable)} with a {@link Refused} that
 * carries the reason, so the route's failure handler answers in its own format:
 * <ul>
 *   <li>413 when {@code Content-Length} says more than the limit (before a byte is kept), or a body
 *       without one (chunked) grows past it; the rest is read and dropped, up to a bound beyond which
 *       the connection is closed;</li>
 *   <li>400 when {@code Content-Length} is not a number.</li>
 * </ul>
 * A body that does not arrive in time is the HTTP server's business, for every route alike (the
 * app's connection guard answers 408). The routes read their body with {@link #of(RoutingContext)}.
 */
public final class BoundedBody implements Handler<RoutingContext> {
    private static final String KEY = BoundedBody.class.getName();
    /** How much of a refused body is read and dropped before the connection is closed instead. */
    static final int DISCARD_LIMIT = 1 << 20;

    /** Why a body was not read, with the status to answer and a reason safe to show the client. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        public int status() { return status; }
    }

    private final int maxBytes;

    public BoundedBody(int maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("body limit must be at least 1 byte");
        this.maxBytes = maxBytes;
    }

    /** The body read for this request (empty when it had none). */
    public static Buffer of(RoutingContext ctx) {
        Buffer b = ctx.get(KEY);
        return b == null ? Buffer.buffer() : b;
    }

    /** A short description of the limit for refusal texts, e.g. "64 KiB". */
    public String limitText() {
        return maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes";
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (ctx.get(KEY) != null) { // read already (a second route on the same path)
            ctx.next();
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(ctx, 400, "Content-Length is not a number");
                return;
            }
            if (declared > maxBytes) {
                refuse(ctx, 413, "request body is too large (over " + limitText() + ")");
                return;
            }
        }
        if (req.isEnded()) {
            ctx.put(KEY, Buffer.buffer());
            ctx.next();
            return;
        }
        Reading reading = new Reading(ctx);
        req.handler(reading::chunk);
        req.endHandler(v -> reading.end());
        // A broken connection: nothing to answer, nothing to keep.
        req.exceptionHandler(e -> reading.abandon());
        req.resume();
    }

    /** The state of one body being read; all its callbacks run on the request's event loop. */
    private final class Reading {
        final RoutingContext ctx;
        final Buffer body = Buffer.buffer();
        boolean done;

        Reading(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void chunk(Buffer chunk) {
            if (done) return;
            if ((long) body.length() + chunk.length() > maxBytes) {
                refuse(413, "request body is too large (over " + limitText() + ")");
                return;
            }
            body.appendBuffer(chunk);
        }

        void end() {
            if (finish()) {
                ctx.put(KEY, body);
                ctx.next();
            }
        }

        void refuse(int status, String reason) {
            if (finish()) BoundedBody.refuse(ctx, status, reason);
        }

        void abandon() {
            finish();
        }

        private boolean finish() {
            if (done) return false;
            done = true;
            return true;
        }
    }

    /**
     * Answers now; the rest of the body is read and dropped so the client can read the answer (a client
     * still writing into a closed connection sees a broken pipe, not our 413), up to {@link #DISCARD_LIMIT},
     * beyond which the connection is closed: nobody may make us read 10 MB to refuse them.
     */
    private static void refuse(RoutingContext ctx, int status, String reason) {
        HttpServerRequest req = ctx.request();
        if (!req.isEnded()) {
            long[] dropped = {0};
            req.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > DISCARD_LIMIT) {
                    req.handler(null);
                    req.connection().close();
                }
            });
            req.endHandler(null);
            req.resume();
        }
        ctx.fail(status, new Refused(status, reason));
    }
}
