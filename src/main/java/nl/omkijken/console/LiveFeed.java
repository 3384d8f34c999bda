package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.omkijken.runner.LiveEvents;

/**
 * The console's live updates: Server-Sent Events from what happens on any instance (the cross-instance
 * event stream, followed once per instance by {@link LiveEvents}). Each event names the conversation that
 * changed; the page then reads what it shows again, so an event carries no message text or number, and a
 * missed one is made good by the next. A comment every 15 seconds (below the HTTP idle timeout) keeps proxies from closing the stream,
 * and marks the worker online ({@link Presence}); a feed whose session ended is closed.
 */
final class LiveFeed {
    static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final ConsoleSessions sessions;
    private final Presence presence;
    private final Clock clock;
    /** Open feeds by worker id: closed when the worker signs out. */
    private final Map<String, List<HttpServerResponse>> open = new ConcurrentHashMap<>();

    LiveFeed(Vertx vertx, ConsoleSessions sessions, Presence presence, Clock clock) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.presence = presence;
        this.clock = clock;
    }

    void open(RoutingContext ctx, ConsoleAuth.Signed signed) {
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        res.write("retry: 3000\n\n");
        String workerId = signed.worker().id();
        open.computeIfAbsent(workerId, k -> new CopyOnWriteArrayList<>()).add(res);
        presence.seen(workerId, clock.instant());
        MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(LiveEvents.ADDRESS, m -> {
            JsonObject e = m.body();
            String conversation = e.getString("conversation");
            String queue = e.getString("queue", e.getString("line"));
            // Only what the worker may see; a delivery report names no queue and is sent to all (it names an
            // outbound id only).
            if (queue != null && !signed.worker().serves(queue) && !signed.worker().role().supervises()) return;
            JsonObject out = new JsonObject().put("type", e.getString("type", "turn"));
            // The event log's entry id (Redis's time of the commit, in millis first): how late the feed is.
            if (e.getString("id") != null) out.put("id", e.getString("id"));
            if (conversation != null) out.put("conversation", conversation);
            if (e.getString("handoff") != null) out.put("handoff", e.getString("handoff"));
            if (e.getString("outbound") != null) out.put("outbound", e.getString("outbound")).put("status", e.getString("status"));
            if (!res.ended() && !res.writeQueueFull()) res.write("event: change\ndata: " + out.encode() + "\n\n");
        });
        long timer = vertx.setPeriodic(HEARTBEAT_MS, id -> sessions.peek(signed.sessionId()).onComplete(ar -> {
            if (res.ended()) return;
            if (ar.succeeded() && ar.result() == null) {
                // Signed out or timed out elsewhere: the page learns it at its next call.
                res.end();
                return;
            }
            presence.seen(workerId, clock.instant());
            res.write(": still here\n\n");
        }));
        res.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(timer);
            List<HttpServerResponse> mine = open.get(workerId);
            if (mine != null) mine.remove(res);
        });
    }

    /** Ends the worker's open feeds (sign-out). */
    Future<Void> closeAll(String workerId) {
        List<HttpServerResponse> mine = open.remove(workerId);
        if (mine != null) for (HttpServerResponse r : mine) if (!r.ended()) r.end();
        return presence.signedOut(workerId, clock.instant());
    }
}
