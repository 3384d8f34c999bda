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
 * in the stream, to be claimed again after {@code idle} and sent once its {@link RetryPolicy} wait
 * is over (at-least-once); PERMANENT and
 * AMBIGUOUS are recorded and never resent blindly; OPTED_OUT marks the contact.
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;

    /**
     * How often and how patiently a reply whose send failed with RETRY is tried again: the wait
     * doubles from {@code firstWait} up to {@code maxWait}, or is the provider's Retry-After when
     * that is longer; after {@code maxAttempts} failed sends the reply is recorded as failed. The
     * reply waits parked in this instance (see {@code parked}), so a short wait is honoured as such.
     */
    public record RetryPolicy(int maxAttempts, Duration firstWait, Duration maxWait) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(10));

        public RetryPolicy {
            if (maxAttempts < 1) throw new IllegalArgumentException("retry attempts must be at least 1");
            if (firstWait.isNegative() || maxWait.compareTo(firstWait) < 0) {
                throw new IllegalArgumentException("retry waits must be 0 <= first <= max");
            }
        }

        /** The wait after the {@code failures}-th failed send. */
        Duration waitAfter(int failures, Duration retryAfter) {
            Duration backoff = firstWait.multipliedBy(1L << Math.min(30, failures - 1));
            if (backoff.compareTo(maxWait) > 0 || backoff.isNegative()) backoff = maxWait;
            return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        }
    }

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
    private final RetryPolicy retry;
    /** Looked up once: it is recorded for every reply. */
    private final io.micrometer.core.instrument.Timer outboxWait;
    /** Failed sends per reply on this instance (a reply taken over by another instance starts again). */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    /** Replies claimed and not yet finished, over all conversations. */
    static final int MAX_IN_FLIGHT = 400;

    private final KeyedSerializer chains = new KeyedSerializer();
    private final java.util.concurrent.ConcurrentHashMap<String, Long> heldBackUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean claiming = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean again;
    private long periodicId = -1;
    private long parkTimerId = -1;

    /**
     * Replies this instance claimed but did not send yet: a reply whose send is to be retried, and the
     * later replies of its conversation, which wait behind it. Kept here, in claim order per
     * conversation, and sent again as soon as the wait is over ({@link #flushParked}), instead of
     * waiting until the stream hands them out again after the idle time. They stay pending in the
     * stream meanwhile, kept with this consumer ({@link OutboxStore#keep}); if this instance dies, the
     * takeover of idle entries gives them to another. Bounded: beyond {@link #MAX_PARKED} the older
     * behaviour applies (pending until the takeover).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.ArrayDeque<Parked>> parked =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> parkedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final int MAX_PARKED = 10_000;

    /** A parked reply and when it was last kept from the takeover. */
    private static final class Parked {
        final Outbound message;
        long keptAtNanos;

        Parked(Outbound message, long keptAtNanos) {
            this.message = message;
            this.keptAtNanos = keptAtNanos;
        }
    }
    private io.vertx.core.eventbus.MessageConsumer<Object> wake;

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts) {
        this(vertx, outbox, senders, consumer, idle, metrics, pseudonym, optOuts, RetryPolicy.DEFAULT);
    }

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts, RetryPolicy retry) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.senders = senders.stream().collect(java.util.stream.Collectors.toMap(Sender::channel, s -> s));
        this.consumer = consumer;
        this.idle = idle;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
        this.optOuts = optOuts;
        this.retry = retry;
        this.outboxWait = metrics.timer("omk_outbox_wait_seconds");
    }

    public void start(Duration interval) {
        wake = vertx.eventBus().localConsumer(TurnRunner.OUTBOX_WAKE, m -> drain());
        periodicId = vertx.setPeriodic(interval.toMillis(), id -> drain());
        // Parked replies are retried when their wait is over and kept from the takeover meanwhile:
        // this tick is shorter than the idle time, so a parked reply never looks abandoned.
        long tick = Math.max(1, Math.min(500, idle.toMillis() / 8));
        parkTimerId = vertx.setPeriodic(tick, id -> flushParked());
    }

    public void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
        if (parkTimerId >= 0) vertx.cancelTimer(parkTimerId);
        parkTimerId = -1;
        // A stopped dispatcher must not answer wake-ups (a later one on the same Vert.x would share them).
        if (wake != null) wake.unregister();
        wake = null;
    }

    /**
     * Claims what is claimable and hands each reply to its conversation's send chain, without
     * waiting for the sends: claiming goes on while fewer than {@link #MAX_IN_FLIGHT} replies are
     * on their way, so sending is not held to one batch at a time. A wake-up during a claim
     * triggers one more round; so does a full batch and every send that frees room.
     */
    public Future<Integer> drain() {
        flushParked();
        if (!claiming.compareAndSet(false, true)) {
            again = true;
            return Future.succeededFuture(0);
        }
        again = false;
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            claiming.set(false);
            return Future.succeededFuture(0);
        }
        int want = Math.min(BATCH, room);
        Future<List<Outbound>> claimed = outbox.claim(consumer, want, idle);
        // The next claim may start as soon as this one returned; it does not wait for the sends.
        claimed.onComplete(ar -> {
            claiming.set(false);
            if (ar.failed()) log.warn("outbox drain failed: {}", ar.cause().toString());
            if (again || (ar.succeeded() && ar.result().size() == want)) vertx.runOnContext(v -> drain());
        });
        // The returned future completes when this batch's sends are done (tests and shutdown wait on it).
        return claimed.compose(batch -> {
            List<Future<Boolean>> sends = new java.util.ArrayList<>(batch.size());
            for (Outbound m : batch) {
                // Taken over while parked here (the keeping missed the idle time): the parked copy is sent.
                if (parkedIds.contains(m.id())) continue;
                inFlight.incrementAndGet();
                Future<Boolean> f = chains.submit(m.conversationId(), () -> sendUnlessHeldBack(m));
                f.onComplete(done -> {
                    // Room again: keep the pipe full while there is work.
                    if (inFlight.decrementAndGet() == MAX_IN_FLIGHT / 2) vertx.runOnContext(v -> drain());
                });
                sends.add(f);
            }
            return Future.join(sends).map(batch.size());
        });
    }

    /**
     * One conversation's replies go out one after another, in outbox (commit) order, through its
     * chain. After a reply that is to be retried, the conversation is held back for the retry's wait:
     * its later replies are parked behind the failed one and go out after it, in order.
     */
    private Future<Boolean> sendUnlessHeldBack(Outbound m) {
        String conv = m.conversationId();
        Long until = heldBackUntil.get(conv);
        boolean held = until != null && System.nanoTime() - until < 0;
        if (held || hasParked(conv)) {
            park(m, false);
            return Future.succeededFuture(false);
        }
        if (until != null) heldBackUntil.remove(conv, until);
        return sendOne(m);
    }

    /**
     * Parks a reply: the one whose send failed goes in front of its conversation's parked ones (they
     * came after it), any other behind them. Beyond the bound it is left to the takeover.
     */
    private void park(Outbound m, boolean failed) {
        synchronized (parked) {
            if (parkedIds.size() >= MAX_PARKED || !parkedIds.add(m.id())) return;
            java.util.ArrayDeque<Parked> q = parked.computeIfAbsent(m.conversationId(), k -> new java.util.ArrayDeque<>());
            Parked p = new Parked(m, System.nanoTime());
            if (failed) q.addFirst(p);
            else q.addLast(p);
        }
    }

    private boolean hasParked(String conversationId) {
        synchronized (parked) {
            return parked.containsKey(conversationId);
        }
    }

    /**
     * Sends again, in order, the parked replies of every conversation whose wait is over, and keeps
     * the others from the takeover of idle entries. Runs on the dispatcher's tick and before each drain.
     */
    void flushParked() {
        // Runs before every drain: nearly always there is nothing parked, and that costs no lock.
        if (parkedIds.isEmpty()) return;
        long now = System.nanoTime();
        // Well inside the idle time, tick granularity and a slow round trip included.
        long keepEvery = idle.toNanos() / 4;
        Map<String, List<Outbound>> due = new java.util.LinkedHashMap<>();
        List<Parked> toKeep = new java.util.ArrayList<>();
        synchronized (parked) {
            for (var it = parked.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, java.util.ArrayDeque<Parked>> e = it.next();
                Long until = heldBackUntil.get(e.getKey());
                if (until == null || now - until >= 0) {
                    it.remove();
                    if (until != null) heldBackUntil.remove(e.getKey(), until);
                    List<Outbound> messages = new java.util.ArrayList<>(e.getValue().size());
                    for (Parked p : e.getValue()) {
                        parkedIds.remove(p.message.id());
                        messages.add(p.message);
                    }
                    due.put(e.getKey(), messages);
                } else {
                    for (Parked p : e.getValue()) {
                        if (now - p.keptAtNanos < keepEvery) continue;
                        p.keptAtNanos = now;
                        toKeep.add(p);
                    }
                }
            }
        }
        due.forEach((conv, messages) -> {
            for (Outbound m : messages) {
                inFlight.incrementAndGet();
                chains.submit(conv, () -> sendUnlessHeldBack(m)).onComplete(done -> inFlight.decrementAndGet());
            }
        });
        for (Parked p : toKeep) {
            outbox.keep(consumer, p.message).onComplete(ar -> {
                if (ar.succeeded() && !ar.result()) forgetParked(p);
                if (ar.failed()) log.warn("outbox could not keep a parked reply: {}", ar.cause().toString());
            });
        }
    }

    /** The reply is no longer ours (taken over, or settled): another sender has it now. */
    private void forgetParked(Parked p) {
        synchronized (parked) {
            java.util.ArrayDeque<Parked> q = parked.get(p.message.conversationId());
            if (q != null && q.remove(p)) {
                parkedIds.remove(p.message.id());
                if (q.isEmpty()) parked.remove(p.message.conversationId(), q);
            }
        }
    }

    /** Sends one reply; false when it is left for a retry. */
    private Future<Boolean> sendOne(Outbound m) {
        if (refusedEarlier(m)) {
            // The provider refused an earlier reply of this turn or before: the person opted out. The
            // replies already committed behind it are not tried (each would only be refused again).
            count(m, "opted_out");
            return outbox.complete(m, "opted_out", null).map(true);
        }
        Sender sender = senders.get(m.channel());
        if (sender == null) {
            count(m, "no_channel");
            log.error("no sender for channel={} conversation={}", m.channel(), pseudonym.of(m.conversationId()));
            return outbox.complete(m, "undeliverable", null).map(true);
        }
        // Two stages of a reply's latency: from its commit to its send, and the send itself.
        if (m.createdAt() != null) {
            long waited = Math.max(0, System.currentTimeMillis() - m.createdAt().toEpochMilli());
            outboxWait.record(waited, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        io.micrometer.core.instrument.Timer.Sample sending = io.micrometer.core.instrument.Timer.start(metrics);
        Future<String> sent;
        try {
            sent = sender.send(m);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(ar -> sending.stop(metrics.timer("omk_send_seconds", "channel", m.channel())));
        return sent.compose(providerId -> {
            failures.remove(m.id());
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
                rememberOptOut(m);
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
                int failed = failures.merge(m.id(), 1, Integer::sum);
                if (failed >= retry.maxAttempts()) {
                    failures.remove(m.id());
                    count(m, "failed");
                    log.error("send failed {} times, given up channel={} conversation={} outbound={} code={}", failed,
                            m.channel(), conv, m.id(), f.code());
                    return outbox.complete(m, "failed:retries_exhausted" + (f.code() == null ? "" : ":" + f.code()), null)
                            .map(true);
                }
                Duration wait = retry.waitAfter(failed, f.retryAfter());
                // The reply is parked first of its conversation; its later replies wait behind it.
                heldBackUntil.put(m.conversationId(), System.nanoTime() + wait.toNanos());
                park(m, true);
                count(m, "retry");
                log.warn("send failed, will retry in {} ms channel={} conversation={} outbound={} code={}", wait.toMillis(),
                        m.channel(), conv, m.id(), f.code());
                return Future.succeededFuture(false);
        }
    }

    /**
     * Conversations whose provider said "opted out", with the creation time of the refused reply. The
     * replies of that turn and of earlier turns still in the outbox are not sent; replies of later
     * turns are (such as the answer to START). Remembered briefly: the outbox drains in seconds.
     */
    private record Refusal(long replyCreatedMillis, long rememberedNanos) {}

    private final java.util.concurrent.ConcurrentHashMap<String, Refusal> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long REFUSAL_MEMORY_NANOS = Duration.ofMinutes(10).toNanos();

    private void rememberOptOut(Outbound m) {
        if (m.createdAt() == null) return;
        long now = System.nanoTime();
        if (refusals.size() > 10_000) refusals.values().removeIf(r -> now - r.rememberedNanos() > REFUSAL_MEMORY_NANOS);
        refusals.put(m.conversationId(), new Refusal(m.createdAt().toEpochMilli(), now));
    }

    private boolean refusedEarlier(Outbound m) {
        Refusal r = refusals.get(m.conversationId());
        if (r == null || m.createdAt() == null) return false;
        if (System.nanoTime() - r.rememberedNanos() > REFUSAL_MEMORY_NANOS) {
            refusals.remove(m.conversationId(), r);
            return false;
        }
        return m.createdAt().toEpochMilli() <= r.replyCreatedMillis();
    }

    private void count(Outbound m, String status) {
        metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", status).increment();
    }
}
