package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: claims committed replies and hands each to its channel's {@link Sender}.
 * A reply whose send fails stays in the stream and is claimed again after {@code idle}
 * (at-least-once); a reply for a channel that is off is recorded as undeliverable.
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;

    private final Vertx vertx;
    private final OutboxStore outbox;
    private final Map<String, Sender> senders;
    private final String consumer;
    private final Duration idle;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;
    private long periodicId = -1;
    private boolean draining;
    private boolean again;

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.senders = senders.stream().collect(java.util.stream.Collectors.toMap(Sender::channel, s -> s));
        this.consumer = consumer;
        this.idle = idle;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
    }

    public void start(Duration interval) {
        vertx.eventBus().localConsumer(TurnRunner.OUTBOX_WAKE, m -> drain());
        periodicId = vertx.setPeriodic(interval.toMillis(), id -> drain());
    }

    public void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
    }

    /** Sends everything claimable now; a wake-up during a drain triggers one more round. */
    public Future<Integer> drain() {
        if (draining) {
            again = true;
            return Future.succeededFuture(0);
        }
        draining = true;
        again = false;
        return outbox.claim(consumer, BATCH, idle)
                .compose(batch -> Future.join(batch.stream().map(this::sendOne).toList()).map(cf -> batch.size()))
                .onFailure(e -> log.warn("outbox drain failed: {}", e.toString()))
                .eventually(() -> {
                    draining = false;
                    if (again) vertx.runOnContext(v -> drain());
                    return Future.succeededFuture();
                });
    }

    private Future<Void> sendOne(Outbound m) {
        Sender sender = senders.get(m.channel());
        if (sender == null) {
            metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", "no_channel").increment();
            log.error("no sender for channel={} conversation={}", m.channel(), pseudonym.of(m.conversationId()));
            return outbox.complete(m, "undeliverable", null);
        }
        return sender.send(m)
                .compose(providerId -> {
                    metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", "sent").increment();
                    return outbox.complete(m, "sent", providerId);
                })
                .recover(e -> {
                    metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", "retry").increment();
                    log.warn("send failed, will retry channel={} conversation={} outbound={} error={}", m.channel(),
                            pseudonym.of(m.conversationId()), m.id(), e.getClass().getSimpleName());
                    return Future.succeededFuture();
                });
    }
}
