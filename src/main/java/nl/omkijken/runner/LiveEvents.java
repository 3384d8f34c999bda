package nl.omkijken.runner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link EventLog} on this instance and hands each entry to local listeners (the console's
 * live updates) on the event bus at {@link #ADDRESS}, as JSON with "id" and the entry's fields. One
 * follower per instance, however many consoles: the log is read by polling (a blocking read would hold
 * the shared Redis connection), every {@code interval}, and at once again after a full page. The log's
 * old entries are trimmed by a {@link Sweep} (it names conversations, so it is kept only briefly).
 */
public final class LiveEvents implements Periodic {
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    public static final String ADDRESS = "omk.live";
    static final int PAGE = 500;

    private final Vertx vertx;
    private final EventLog events;
    private final Duration interval;
    private String last;
    private boolean reading;

    public LiveEvents(Vertx vertx, EventLog events, Duration interval) {
        this.vertx = vertx;
        this.events = events;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "live-events";
    }

    @Override
    public Duration every() {
        return interval;
    }

    /** Follows from the newest entry: what happens from now on. */
    @Override
    public Future<Void> begin() {
        return events.latestId().map(id -> {
            last = id;
            return null;
        });
    }

    @Override
    public Future<?> runOnce() {
        return poll();
    }

    /** Reads what is new and publishes it; the future holds how many entries went out. */
    public Future<Integer> poll() {
        if (reading || last == null) return Future.succeededFuture(0);
        reading = true;
        return events.after(last, PAGE).map(entries -> {
            publish(entries);
            if (entries.size() == PAGE) vertx.runOnContext(v -> poll());
            return entries.size();
        }).onFailure(e -> log.warn("could not read the event log: {}", e.getClass().getSimpleName()))
                .eventually(() -> {
                    reading = false;
                    return Future.succeededFuture();
                });
    }

    private void publish(List<EventLog.Entry> entries) {
        for (EventLog.Entry e : entries) {
            JsonObject json = new JsonObject().put("id", e.id());
            e.fields().forEach(json::put);
            vertx.eventBus().publish(ADDRESS, json);
            last = e.id();
        }
    }
}
