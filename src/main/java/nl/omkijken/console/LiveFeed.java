package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.omkijken.runner.LiveEvents;

/**
 * The console's live updates: Server-Sent Events from what happens on any instance (the cross-instance
 * event stream, followed once per instance by {@link LiveEvents}). Each event names the conversation that
 * changed (and the event log entry's id); the page then reads what it shows again, so an event carries no
 * message text or number, and a missed one is made good by the next. A comment every heartbeat (below
 * the HTTP idle timeout) keeps proxies from closing the stream and marks the worker present
 * ({@link Presence}); a feed whose session ended is closed. Every way a feed ends (the browser goes, the
 * session ends, the worker signs out) runs the same clean-up once: its timer and its listener go.
 */
final class LiveFeed {
    private final Vertx vertx;
    private final ConsoleSessions sessions;
    private final Workers workers;
    private final Presence presence;
    private final Clock clock;
    private final Duration heartbeat;
    /** Open feeds by worker id, each with its clean-up: ended when the worker signs out. */
    private final Map<String, Set<Feed>> open = new ConcurrentHashMap<>();

    /** One open feed and how to end it. */
    private final class Feed {
        final String workerId;
        final HttpServerResponse res;
        MessageConsumer<JsonObject> consumer;
        long timer = -1;
        final AtomicBoolean closed = new AtomicBoolean();

        Feed(String workerId, HttpServerResponse res) {
            this.workerId = workerId;
            this.res = res;
        }

        /** Idempotent: from the response's close, end or failure, the heartbeat, or a sign-out. */
        void close() {
            if (!closed.compareAndSet(false, true)) return;
            if (consumer != null) consumer.unregister();
            if (timer >= 0) vertx.cancelTimer(timer);
            open.computeIfPresent(workerId, (k, feeds) -> {
                feeds.remove(this);
                return feeds.isEmpty() ? null : feeds;
            });
            if (!res.ended() && !res.closed()) res.end();
        }
    }

    LiveFeed(Vertx vertx, ConsoleSessions sessions, Workers workers, Presence presence, Clock clock, Duration heartbeat) {
        this.vertx = vertx;
        this.workers = workers;
        this.sessions = sessions;
        this.presence = presence;
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    void open(RoutingContext ctx, ConsoleAuth.Signed signed) {
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        res.write("retry: 3000\n\n");
        Worker worker = signed.worker();
        Feed feed = new Feed(worker.id(), res);
        open.computeIfAbsent(worker.id(), k -> ConcurrentHashMap.newKeySet()).add(feed);
        res.closeHandler(v -> feed.close());
        res.endHandler(v -> feed.close());
        res.exceptionHandler(e -> feed.close());
        presence.seen(worker.id(), clock.instant());
        feed.consumer = vertx.eventBus().localConsumer(LiveEvents.ADDRESS, m -> {
            if (feed.closed.get()) return;
            JsonObject e = m.body();
            String conversation = e.getString("conversation");
            String queue = e.getString("queue", e.getString("line"));
            // Only what the worker may see; a delivery report names no queue and goes to all (it names an
            // outbound id only, which the page looks up in what it shows).
            if (queue != null && !worker.serves(queue)) return;
            JsonObject out = new JsonObject().put("type", e.getString("type", "turn"));
            // The event log's entry id (Redis's time of the commit, in millis first): how late the feed is.
            if (e.getString("id") != null) out.put("id", e.getString("id"));
            if (conversation != null) out.put("conversation", conversation);
            if (e.getString("handoff") != null) out.put("handoff", e.getString("handoff"));
            if (e.getValue("reminder") != null) out.put("reminder", e.getValue("reminder"));
            if (e.getString("outbound") != null) out.put("outbound", e.getString("outbound")).put("status", e.getString("status"));
            if (!res.ended() && !res.writeQueueFull()) res.write("event: change\ndata: " + out.encode() + "\n\n");
        });
        feed.timer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
            if (feed.closed.get() || res.ended() || res.closed()) {
                feed.close();
                return;
            }
            sessions.peek(signed.sessionId()).compose(s -> s == null ? Future.succeededFuture(false)
                    : workers.byId(worker.id()).map(w -> w != null && w.active())).onComplete(ar -> {
                if (ar.succeeded() && !ar.result()) {
                    // Signed out or timed out elsewhere, or switched off by a coordinator: not online any
                    // more; the page learns it at its next call.
                    feed.close();
                    presence.signedOut(worker.id(), clock.instant());
                    return;
                }
                if (feed.closed.get()) return;
                presence.seen(worker.id(), clock.instant());
                res.write(": still here\n\n");
            });
        });
    }

    /** Ends the worker's open feeds (sign-out); their conversations wait the grace time as for any leaving worker. */
    Future<Void> closeAll(String workerId) {
        Set<Feed> feeds = open.get(workerId);
        if (feeds != null) for (Feed f : Set.copyOf(feeds)) f.close();
        return presence.signedOut(workerId, clock.instant());
    }

    /** Open feeds on this instance (tests: none is left behind). */
    int openFeeds() {
        return open.values().stream().mapToInt(Set::size).sum();
    }
}
