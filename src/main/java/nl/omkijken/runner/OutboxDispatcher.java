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
 * What happens after a failed send depends on its {@link SendFailure.Kind}: RETRY leaves the reply
 * in the stream, so it is claimed again after {@code idle} (at-least-once); PERMANENT and
 * AMBIGUOUS are recorded and never resent blindly; OPTED_OUT marks the contact.
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;

    /** Reacts to a provider's word that the person opted out; implemented by the runner. */
    public interface OptOuts {
        Future<Void> markOptedOut(String conversationId, String reason);
    }

    private final Vertx vertx;
    private final OutboxStore outbox;
    private final Map<String, Sender> senders;
    private final String consumer;
    private final Duration idle;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;
    private final OptOuts optOuts;
    private long periodicId = -1;
    private boolean draining;
    private boolean again;

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.senders = senders.stream().collect(java.util.stream.Collectors.toMap(Sender::channel, s -> s));
        this.consumer = consumer;
        this.idle = idle;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
        this.optOuts = optOuts;
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
                .compose(batch -> Future.join(byConversation(batch).stream().map(this::sendInOrder).toList())
                        .map(cf -> batch.size()))
                .onFailure(e -> log.warn("outbox drain failed: {}", e.toString()))
                .eventually(() -> {
                    draining = false;
                    if (again) vertx.runOnContext(v -> drain());
                    return Future.succeededFuture();
                });
    }

    /** The batch's replies per conversation, each list in outbox (commit) order. */
    private static java.util.Collection<List<Outbound>> byConversation(List<Outbound> batch) {
        Map<String, List<Outbound>> groups = new java.util.LinkedHashMap<>();
        for (Outbound m : batch) groups.computeIfAbsent(m.conversationId(), k -> new java.util.ArrayList<>()).add(m);
        return groups.values();
    }

    /**
     * One conversation's replies one after another, so a person gets a turn's messages in the order
     * the dialog wrote them (conversations still go out side by side). After a reply that is to be
     * retried, the later ones wait too: they stay pending and are claimed again after {@code idle},
     * behind it.
     */
    private Future<Void> sendInOrder(List<Outbound> replies) {
        Future<Boolean> chain = Future.succeededFuture(true);
        for (Outbound m : replies) {
            chain = chain.compose(goOn -> goOn ? sendOne(m) : Future.succeededFuture(false));
        }
        return chain.mapEmpty();
    }

    /** Sends one reply; false when it is left for a retry. */
    private Future<Boolean> sendOne(Outbound m) {
        Sender sender = senders.get(m.channel());
        if (sender == null) {
            count(m, "no_channel");
            log.error("no sender for channel={} conversation={}", m.channel(), pseudonym.of(m.conversationId()));
            return outbox.complete(m, "undeliverable", null).map(true);
        }
        Future<String> sent;
        try {
            sent = sender.send(m);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        return sent.compose(providerId -> {
            count(m, "sent");
            return outbox.complete(m, "sent", providerId).map(true);
        }).recover(e -> failed(m, e));
    }

    private Future<Boolean> failed(Outbound m, Throwable e) {
        SendFailure f = e instanceof SendFailure sf ? sf
                : new SendFailure(SendFailure.Kind.RETRY, null, null, e.getClass().getSimpleName());
        String conv = pseudonym.of(m.conversationId());
        switch (f.kind()) {
            case OPTED_OUT:
                count(m, "opted_out");
                log.info("send refused, person opted out channel={} conversation={} code={}", m.channel(), conv, f.code());
                return optOuts.markOptedOut(m.conversationId(), m.channel() + "_" + f.code())
                        .recover(x -> Future.succeededFuture())
                        .compose(v -> outbox.complete(m, "opted_out", null)).map(true);
            case PERMANENT:
                count(m, "failed");
                log.warn("send failed for good channel={} conversation={} outbound={} code={}", m.channel(), conv, m.id(), f.code());
                return outbox.complete(m, "failed:" + f.code(), null).map(true);
            case AMBIGUOUS:
                // The provider may have accepted it: a resend could reach the person twice.
                count(m, "ambiguous");
                log.warn("send outcome unknown, not resent channel={} conversation={} outbound={}", m.channel(), conv, m.id());
                return outbox.complete(m, "ambiguous", null).map(true);
            default:
                count(m, "retry");
                log.warn("send failed, will retry channel={} conversation={} outbound={} code={}", m.channel(), conv, m.id(), f.code());
                return Future.succeededFuture(false);
        }
    }

    private void count(Outbound m, String status) {
        metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", status).increment();
    }
}
