package nl.omkijken.runner;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link EventLog} on this instance and hands each entry to local listeners (the console's
 * live updates) on the event bus at {@link #ADDRESS}, as JSON with "id" and the entry's fields. One
 * follower per instance, however many consoles: the log is read by polling (a blocking read would hold
 * the shared Redis connection), every {@code interval}, and at once again after a full page. Entries
 * older than {@code keep} are trimmed now and then, so the log holds no conversation ids for long.
 */
public final class LiveEvents {
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    public static final String ADDRESS = "omk.live";
    static final int PAGE = 500;
    private static final Duration TRIM_EVERY = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final EventLog events;
    private final Clock clock;
    private final Duration interval;
    private final Duration keep;
    private String last;
    private boolean reading;
    private long periodicId = -1;
    private long trimId = -1;

    public LiveEvents(Vertx vertx, EventLog events, Clock clock, Duration interval, Duration keep) {
        this.vertx = vertx;
        this.events = events;
        this.clock = clock;
        this.interval = interval;
        this.keep = keep;
    }

    /** Starts following from the newest entry: what happens from now on. */
    public Future<Void> start() {
        return events.latestId().map(id -> {
            last = id;
            periodicId = vertx.setPeriodic(interval.toMillis(), t -> poll());
            trimId = vertx.setPeriodic(TRIM_EVERY.toMillis(), t -> trim());
            return null;
        });
    }

    public void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
        if (trimId >= 0) vertx.cancelTimer(trimId);
        periodicId = -1;
        trimId = -1;
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

    private void trim() {
        events.trimBefore(clock.instant().minus(keep))
                .onFailure(e -> log.warn("could not trim the event log: {}", e.getClass().getSimpleName()));
    }
}
