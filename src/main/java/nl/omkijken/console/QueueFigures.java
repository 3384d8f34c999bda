package nl.omkijken.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.Periodic;

/**
 * The staff queues as figures for /metrics, read from Redis every 15 seconds (the same on every
 * instance): {@code omk_queue_length{queue}} (who waits) and {@code omk_handoffs_open} (waiting or with
 * a worker). How long people wait for a first human reply is {@code omk_first_human_reply_seconds},
 * recorded by the runner; nobody taking over in time is {@code omk_handoffs_unanswered_total}.
 */
public final class QueueFigures implements Periodic {
    private final ConversationStore store;
    private final List<String> queues;
    private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
    private final AtomicLong open = new AtomicLong();

    public QueueFigures(ConversationStore store, List<String> queues, MeterRegistry metrics) {
        this.store = store;
        this.queues = List.copyOf(queues);
        for (String q : this.queues) {
            AtomicLong value = new AtomicLong();
            lengths.put(q, value);
            Gauge.builder("omk_queue_length", value, AtomicLong::get).tag("queue", q)
                    .description("conversations waiting for a worker").register(metrics);
        }
        Gauge.builder("omk_handoffs_open", open, AtomicLong::get)
                .description("handoffs waiting or with a worker").register(metrics);
    }

    @Override
    public String name() {
        return "queue figures";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Future<?> runOnce() {
        List<Future<Long>> reads = new ArrayList<>();
        for (String q : queues) reads.add(store.queueLength(q).onSuccess(n -> lengths.get(q).set(n)));
        reads.add(store.openHandoffCount().onSuccess(open::set));
        return Future.all(reads);
    }
}
