package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: claims committed replies and hands each to its channel's {@link Sender}.
 *
 * <p><b>Order.</b> Each conversation's claimed replies are held here in commit order (a {@link Line}),
 * and only its first is ever in flight. A reply is sent only when the store says it is its
 * conversation's head ({@link OutboxStore.Claimed#head}): an earlier reply that another instance holds,
 * or that waits idle for the takeover after an instance died, blocks the later ones here until it is
 * done, whatever path it took (parked for a retry, taken over, a restart). Blocked conversations ask the
 * store for their head again every tick.
 *
 * <p><b>Failures</b> depend on the {@link SendFailure.Kind}: RETRY keeps the reply first of its
 * conversation and waits ({@link RetryPolicy}); PERMANENT and AMBIGUOUS are recorded and never resent
 * blindly; OPTED_OUT marks the contact, and the replies of that turn and before are not tried.
 *
 * <p><b>At most once where the provider can tell.</b> A reply another instance had claimed
 * ({@link OutboxStore.Claimed#deliveredBefore}) may have been sent just before that instance died; the
 * channel is asked first ({@link Sender#sentBefore}) and the reply is sent only when the channel does
 * not show it. Held replies are kept from the takeover of idle entries while this instance lives.
 *
 * <p>All state lives on the dispatcher's own context (one thread); sends complete wherever their
 * channel completes them and come back to it.
 */
public final class OutboxDispatcher implements Runner {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;
    /** Replies held and not waiting (sending or about to) at most: beyond it, claiming pauses. */
    static final int MAX_IN_FLIGHT = 400;
    /** Replies held at all (waiting for a retry or for an earlier reply included) at most. */
    static final int MAX_HELD = 10_000;
    /** While full and blocked: this many a claim, at most this often (see claimRound). */
    private static final int FORCED_CLAIM = 10;
    private static final Duration FORCED_CLAIM_EVERY = Duration.ofSeconds(1);
    /** When recording a send's outcome failed, it is recorded again after this. */
    private static final Duration RECORD_AGAIN_AFTER = Duration.ofSeconds(1);
    /** Blocked conversations whose head is asked for in one tick at most. */
    private static final int HEADS_PER_TICK = 500;

    /**
     * How often and how patiently a reply whose send failed with RETRY is tried again: the wait
     * doubles from {@code firstWait} up to {@code maxWait}, or is the provider's Retry-After when
     * that is longer; after {@code maxAttempts} failed sends the reply is recorded as failed.
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
    private final io.micrometer.core.instrument.Timer outboxWait;
    private Context context;

    // State, touched on `context` only.
    private final HeldReplies replies;
    private final OptOutRefusals refusals;
    private boolean claiming;
    private boolean again;
    private boolean askingHeads;
    private final Timing timing;
    private long lastForcedClaim;

    private long periodicId = -1;
    private long tickId = -1;
    private io.vertx.core.eventbus.MessageConsumer<Object> wake;

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts) {
        this(vertx, outbox, senders, consumer, idle, metrics, pseudonym, optOuts, RetryPolicy.DEFAULT);
    }

    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts, RetryPolicy retry) {
        this(vertx, outbox, senders, consumer, idle, metrics, pseudonym, optOuts, retry, Timing.system());
    }

    /** @param timing where waits and ages are measured (a test's clock in tests) */
    public OutboxDispatcher(Vertx vertx, OutboxStore outbox, List<Sender> senders, String consumer, Duration idle,
                            MeterRegistry metrics, Pseudonym pseudonym, OptOuts optOuts, RetryPolicy retry, Timing timing) {
        this.vertx = vertx;
        this.timing = timing;
        this.lastForcedClaim = timing.nanoTime() - Duration.ofHours(1).toNanos();
        this.outbox = outbox;
        this.senders = senders.stream().collect(java.util.stream.Collectors.toMap(Sender::channel, s -> s));
        this.consumer = consumer;
        this.idle = idle;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
        this.optOuts = optOuts;
        this.retry = retry;
        this.outboxWait = metrics.timer("omk_outbox_wait_seconds");
        this.context = vertx.getOrCreateContext();
        this.replies = new HeldReplies(timing.nanos());
        this.refusals = new OptOutRefusals(timing.nanos());
        metrics.gauge("omk_outbox_held", this, d -> d.replies.held());
    }

    @Override
    public String name() {
        return "outbox dispatcher";
    }

    /** Starts draining on the caller's context: on wake-ups, every second, and every tick. */
    @Override
    public Future<Void> start() {
        start(Duration.ofSeconds(1));
        return Future.succeededFuture();
    }

    /** Starts draining on the caller's context: on wake-ups, every {@code interval}, and every tick. */
    public void start(Duration interval) {
        Context current = Vertx.currentContext();
        if (current != null) context = current;
        wake = vertx.eventBus().localConsumer(TurnRunner.OUTBOX_WAKE, m -> drain());
        periodicId = vertx.setPeriodic(interval.toMillis(), id -> drain());
        // Shorter than the idle time, so a held reply never looks abandoned; short enough that a retry's
        // wait and a blocked conversation's head are looked at promptly.
        long tick = Math.max(1, Math.min(250, idle.toMillis() / 8));
        tickId = vertx.setPeriodic(tick, id -> onContext(this::tick));
    }

    /** Stops claiming; a send in flight finishes (its outcome is recorded as usual). */
    @Override
    public Future<Void> stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
        if (tickId >= 0) vertx.cancelTimer(tickId);
        periodicId = -1;
        tickId = -1;
        // A stopped dispatcher must not answer wake-ups (a later one on the same Vert.x would share them).
        if (wake != null) wake.unregister();
        wake = null;
        return Future.succeededFuture();
    }

    /**
     * Claims what is claimable, holds each reply in its conversation's line and starts every line that
     * may send. The future completes when each reply of this claim was done or had to wait (tests and
     * shutdown wait on it). A wake-up during a claim triggers one more round; so does a full batch.
     */
    public Future<Integer> drain() {
        Promise<Integer> result = Promise.promise();
        onContext(() -> claimRound(result));
        return result.future();
    }

    private void claimRound(Promise<Integer> result) {
        retryDue();
        askHeads();
        if (claiming) {
            again = true;
            result.complete(0);
            return;
        }
        int room = Math.min(MAX_IN_FLIGHT - replies.busy(), MAX_HELD - replies.held());
        int want = Math.min(BATCH, room);
        if (room <= 0) {
            // Full. But when what is held waits for replies that only a takeover can bring (their
            // instance died), claiming must go on a little, or nothing would ever move again.
            long now = timing.nanoTime();
            if (replies.blocked(1).isEmpty() || now - lastForcedClaim < FORCED_CLAIM_EVERY.toNanos()) {
                result.complete(0);
                return;
            }
            lastForcedClaim = now;
            want = FORCED_CLAIM;
        }
        claiming = true;
        again = false;
        int asked = want;
        outbox.claimInOrder(consumer, asked, idle).onComplete(ar -> onContext(() -> {
            claiming = false;
            if (ar.failed()) {
                log.warn("outbox drain failed: {}", ar.cause().toString());
                result.complete(0);
                return;
            }
            List<OutboxStore.Claimed> batch = ar.result();
            List<Future<Void>> settled = new ArrayList<>(batch.size());
            Set<String> touched = new LinkedHashSet<>();
            for (OutboxStore.Claimed c : batch) {
                HeldReplies.Held h = replies.hold(c);
                if (h == null) continue; // held already: the takeover gave back one of ours
                settled.add(h.settled.future());
                touched.add(c.reply().conversationId());
            }
            for (String conv : touched) pump(conv);
            if (again || (batch.size() == asked && room > 0)) vertx.runOnContext(v -> drain());
            Future.join(settled).onComplete(done -> result.complete(batch.size()));
        }));
    }

    /** Sends the conversation's next reply if nothing stands in its way, and so on while replies are done. */
    private void pump(String conv) {
        HeldReplies.Held next = replies.next(conv);
        if (next == null) return;
        attempt(next).onComplete(ar -> onContext(() -> {
            if (ar.failed()) {
                // Only recording can fail here (a send's failure is an outcome): record again shortly.
                log.warn("outbox could not record an outcome, will try again outbound={} error={}", next.reply().id(),
                        ar.cause().getClass().getSimpleName());
                replies.retryIn(next, RECORD_AGAIN_AFTER.toNanos());
                return;
            }
            Step step = ar.result();
            if (step.done) {
                replies.done(next, step.nextHead);
                pump(conv);
                if (replies.busy() == MAX_IN_FLIGHT / 2) vertx.runOnContext(v -> drain());
            } else {
                replies.retryIn(next, step.retryWait.toNanos());
            }
        }));
    }

    /** What came of one attempt: done (recorded, with the conversation's next head) or wait and retry. */
    private record Step(boolean done, String nextHead, Duration retryWait) {
        static Step done(String nextHead) { return new Step(true, nextHead == null ? "" : nextHead, null); }

        static Step retryIn(Duration wait) { return new Step(false, null, wait); }
    }

    private Future<Step> attempt(HeldReplies.Held h) {
        Outbound m = h.reply();
        if (h.outcome != null) return record(h, h.outcome[0], h.outcome[1]);
        if (h.claimed.deliveredBefore() && !h.priorChecked) {
            Sender sender = senders.get(m.channel());
            if (sender != null) {
                Future<String> prior;
                try {
                    prior = sender.sentBefore(m);
                } catch (RuntimeException e) {
                    prior = Future.failedFuture(e);
                }
                return prior.recover(e -> {
                    log.warn("could not find out whether a taken-over reply was sent; sending it channel={} outbound={} error={}",
                            m.channel(), m.id(), e.getClass().getSimpleName());
                    return Future.succeededFuture(null);
                }).compose(providerId -> {
                    h.priorChecked = true;
                    if (providerId != null) {
                        count(m, "sent_before");
                        log.info("taken-over reply had been sent already, not sent again channel={} conversation={} outbound={}",
                                m.channel(), pseudonym.of(m.conversationId()), m.id());
                        return record(h, "sent", providerId);
                    }
                    return sendOne(h);
                });
            }
        }
        return sendOne(h);
    }

    private Future<Step> record(HeldReplies.Held h, String status, String providerId) {
        h.outcome = new String[] {status, providerId};
        return outbox.complete(h.reply(), status, providerId).map(Step::done);
    }

    /** Sends one reply and records what came of it. */
    private Future<Step> sendOne(HeldReplies.Held h) {
        Outbound m = h.reply();
        if (refusals.refusedEarlier(m)) {
            // The provider refused an earlier reply of this turn or before: the person opted out. The
            // replies already committed behind it are not tried (each would only be refused again).
            count(m, "opted_out");
            return record(h, "opted_out", null);
        }
        Sender sender = senders.get(m.channel());
        if (sender == null) {
            count(m, "no_channel");
            log.error("no sender for channel={} conversation={}", m.channel(), pseudonym.of(m.conversationId()));
            return record(h, "undeliverable", null);
        }
        if (m.address() == null) {
            // The person's record is gone (erased, or expired with the conversation): nowhere to send it.
            count(m, "no_address");
            log.warn("reply has no address, its person is gone channel={} conversation={} outbound={}", m.channel(),
                    pseudonym.of(m.conversationId()), m.id());
            return record(h, "undeliverable", null);
        }
        // Two stages of a reply's latency: from its commit to its send, and the send itself.
        if (m.createdAt() != null && h.failures == 0) {
            long waited = Math.max(0, timing.clock().millis() - m.createdAt().toEpochMilli());
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
        return sent.transform(ar -> ar.succeeded() ? sentOk(h, ar.result()) : failed(h, ar.cause()));
    }

    private Future<Step> sentOk(HeldReplies.Held h, String providerId) {
        count(h.reply(), "sent");
        return record(h, "sent", providerId);
    }

    private Future<Step> failed(HeldReplies.Held h, Throwable e) {
        Outbound m = h.reply();
        SendFailure f = e instanceof SendFailure sf ? sf
                : new SendFailure(SendFailure.Kind.RETRY, null, null, e.getClass().getSimpleName());
        String conv = pseudonym.of(m.conversationId());
        switch (f.kind()) {
            case OPTED_OUT:
                refusals.remember(m);
                count(m, "opted_out");
                log.info("send refused, person opted out channel={} conversation={} code={}", m.channel(), conv, f.code());
                return optOuts.markOptedOut(m.conversationId(), m.channel() + "_" + f.code())
                        .recover(x -> Future.succeededFuture())
                        .compose(v -> record(h, "opted_out", null));
            case PERMANENT:
                count(m, "failed");
                log.warn("send failed for good channel={} conversation={} outbound={} code={}", m.channel(), conv, m.id(), f.code());
                return record(h, "failed:" + f.code(), null);
            case AMBIGUOUS:
                // The provider may have accepted it: a resend could reach the person twice.
                count(m, "ambiguous");
                log.warn("send outcome unknown, not resent channel={} conversation={} outbound={} code={}", m.channel(), conv,
                        m.id(), f.code());
                return record(h, "ambiguous", null);
            default:
                int failures = ++h.failures;
                if (failures >= retry.maxAttempts()) {
                    count(m, "failed");
                    log.error("send failed {} times, given up channel={} conversation={} outbound={} code={}", failures,
                            m.channel(), conv, m.id(), f.code());
                    return record(h, "failed:retries_exhausted" + (f.code() == null ? "" : ":" + f.code()), null);
                }
                Duration wait = retry.waitAfter(failures, f.retryAfter());
                count(m, "retry");
                log.warn("send failed, will retry in {} ms channel={} conversation={} outbound={} code={}", wait.toMillis(),
                        m.channel(), conv, m.id(), f.code());
                return Future.succeededFuture(Step.retryIn(wait));
        }
    }

    /**
     * Every tick: conversations whose retry wait is over go again; blocked ones ask the store for their
     * head; held replies are kept from the takeover of idle entries.
     */
    private void tick() {
        retryDue();
        askHeads();
        keepHeld();
    }

    private void retryDue() {
        for (String conv : replies.dueForRetry()) pump(conv);
    }

    private void askHeads() {
        if (askingHeads) return;
        List<String> ask = replies.blocked(HEADS_PER_TICK);
        if (ask.isEmpty()) return;
        askingHeads = true;
        outbox.heads(ask).onComplete(ar -> onContext(() -> {
            askingHeads = false;
            if (ar.failed()) {
                log.warn("outbox could not look up heads: {}", ar.cause().toString());
                return;
            }
            for (Map.Entry<String, String> e : ar.result().entrySet()) {
                replies.head(e.getKey(), e.getValue());
                pump(e.getKey());
            }
        }));
    }

    /** Resets the idle time of held replies every quarter of it: well inside, round trips included. */
    private void keepHeld() {
        for (HeldReplies.Held h : replies.toKeep(idle.toNanos() / 4)) {
            outbox.keep(consumer, h.reply()).onComplete(ar -> onContext(() -> {
                if (ar.failed()) {
                    log.warn("outbox could not keep a held reply: {}", ar.cause().toString());
                } else if (!ar.result() && replies.let(h)) {
                    log.info("outbox let go of a reply another instance took over outbound={}", h.reply().id());
                    pump(h.conversation());
                }
            }));
        }
    }

    private void onContext(Runnable r) {
        if (Vertx.currentContext() == context) r.run();
        else context.runOnContext(v -> r.run());
    }

    private void count(Outbound m, String status) {
        metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", status).increment();
    }
}
