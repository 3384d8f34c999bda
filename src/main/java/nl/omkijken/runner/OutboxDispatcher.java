package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 100;
    /** Replies held and not waiting (sending or about to) at most: beyond it, claiming pauses. */
    static final int MAX_IN_FLIGHT = 400;
    /** Replies held at all (waiting for a retry or for an earlier reply included) at most. */
    static final int MAX_HELD = 10_000;
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

    /** A claimed reply held here until it is done. */
    private static final class Held {
        final OutboxStore.Claimed claimed;
        /** Completed when the reply was first done or first had to wait: what a drain's caller waits for. */
        final Promise<Void> settled = Promise.promise();
        /** The outcome to record when the send was done but recording it failed: record again, never resend. */
        String[] outcome;
        int failures;
        long keptAtNanos = System.nanoTime();
        /** The channel was asked whether an earlier instance sent it (once). */
        boolean priorChecked;

        Held(OutboxStore.Claimed claimed) {
            this.claimed = claimed;
        }

        Outbound reply() { return claimed.reply(); }

        String id() { return claimed.entryId(); }
    }

    /** One conversation's held replies, by entry id (commit order), and why they wait, if they do. */
    private static final class Line {
        final TreeMap<EntryId, Held> held = new TreeMap<>();
        String head = "";
        boolean sending;
        /** nanoTime before which nothing is sent (a retry's wait); 0: none. */
        long retryAt;
        /** Waiting for an earlier reply this instance does not hold. */
        boolean blocked;

        boolean waiting() { return retryAt != 0 || blocked; }
    }

    /** A stream entry id, "millis-seq", ordered as Redis orders them. */
    record EntryId(long millis, long seq) implements Comparable<EntryId> {
        static EntryId parse(String id) {
            int dash = id.indexOf('-');
            try {
                return dash < 0 ? new EntryId(Long.parseLong(id), 0)
                        : new EntryId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a stream entry id: " + id);
            }
        }

        @Override
        public int compareTo(EntryId o) {
            int c = Long.compare(millis, o.millis);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
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
    private final Map<String, Line> lines = new HashMap<>();
    private final Set<String> blocked = new LinkedHashSet<>();
    /** Conversations whose line waits for a retry. */
    private final Set<String> retrying = new LinkedHashSet<>();
    private int held;
    private int waitingHeld;
    private boolean claiming;
    private boolean again;
    private boolean askingHeads;

    private long periodicId = -1;
    private long tickId = -1;
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
        this.context = vertx.getOrCreateContext();
        metrics.gauge("omk_outbox_held", this, d -> d.held);
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

    public void stop() {
        if (periodicId >= 0) vertx.cancelTimer(periodicId);
        if (tickId >= 0) vertx.cancelTimer(tickId);
        periodicId = -1;
        tickId = -1;
        // A stopped dispatcher must not answer wake-ups (a later one on the same Vert.x would share them).
        if (wake != null) wake.unregister();
        wake = null;
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
        int room = Math.min(MAX_IN_FLIGHT - (held - waitingHeld), MAX_HELD - held);
        if (room <= 0) {
            result.complete(0);
            return;
        }
        claiming = true;
        again = false;
        int want = Math.min(BATCH, room);
        outbox.claimInOrder(consumer, want, idle).onComplete(ar -> onContext(() -> {
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
                Held h = hold(c);
                if (h == null) continue; // held already: the takeover gave back one of ours
                settled.add(h.settled.future());
                touched.add(c.reply().conversationId());
            }
            for (String conv : touched) pump(conv);
            if (again || batch.size() == want) vertx.runOnContext(v -> drain());
            Future.join(settled).onComplete(done -> result.complete(batch.size()));
        }));
    }

    private Held hold(OutboxStore.Claimed c) {
        String conv = c.reply().conversationId();
        Line line = lines.computeIfAbsent(conv, k -> new Line());
        EntryId id = EntryId.parse(c.entryId());
        if (line.held.containsKey(id)) return null;
        Held h = new Held(c);
        line.held.put(id, h);
        held++;
        if (line.waiting()) {
            waitingHeld++;
            h.settled.tryComplete();
        }
        // A claim's head is as fresh as any: Redis answered it just now.
        line.head = c.head();
        return h;
    }

    /** Sends the conversation's first held reply if nothing stands in its way. */
    private void pump(String conv) {
        Line line = lines.get(conv);
        if (line == null || line.sending) return;
        if (line.held.isEmpty()) {
            lines.remove(conv);
            blocked.remove(conv);
            retrying.remove(conv);
            return;
        }
        if (line.retryAt != 0) {
            if (System.nanoTime() - line.retryAt < 0) return;
            waiting(line, () -> line.retryAt = 0);
        }
        Held first = line.held.firstEntry().getValue();
        boolean mayGo = line.head.isEmpty() || line.head.equals(first.id());
        if (!mayGo) {
            if (!line.blocked) {
                waiting(line, () -> line.blocked = true);
                blocked.add(conv);
                log.debug("outbox holds back a reply until an earlier one is done conversation={}", pseudonym.of(conv));
            }
            return;
        }
        if (line.blocked) {
            waiting(line, () -> line.blocked = false);
            blocked.remove(conv);
        }
        line.sending = true;
        attempt(first).onComplete(ar -> onContext(() -> {
            line.sending = false;
            if (ar.failed()) {
                // Only recording can fail here (a send's failure is an outcome): try again shortly.
                log.warn("outbox could not record an outcome, will try again outbound={} error={}", first.reply().id(),
                        ar.cause().getClass().getSimpleName());
                waiting(line, () -> line.retryAt = System.nanoTime() + Duration.ofSeconds(1).toNanos());
                retrying.add(conv);
                first.settled.tryComplete();
                return;
            }
            Step step = ar.result();
            if (step.done) {
                line.held.remove(EntryId.parse(first.id()));
                held--;
                line.head = step.nextHead;
                first.settled.tryComplete();
                pump(conv);
                if (held - waitingHeld == MAX_IN_FLIGHT / 2) vertx.runOnContext(v -> drain());
            } else {
                waiting(line, () -> line.retryAt = System.nanoTime() + Math.max(1, step.retryWait.toNanos()));
                retrying.add(conv);
                first.settled.tryComplete();
            }
        }));
    }

    /**
     * Changes why a line waits and keeps {@link #waitingHeld} true: a line's replies count as waiting
     * while it has any reason to wait. Replies that start waiting are settled for their drain.
     */
    private void waiting(Line line, Runnable change) {
        boolean before = line.waiting();
        change.run();
        boolean after = line.waiting();
        if (!before && after) {
            waitingHeld += line.held.size();
            for (Held h : line.held.values()) h.settled.tryComplete();
        } else if (before && !after) {
            waitingHeld -= line.held.size();
        }
    }

    /** What came of one attempt: done (recorded, with the conversation's next head) or wait and retry. */
    private record Step(boolean done, String nextHead, Duration retryWait) {
        static Step done(String nextHead) { return new Step(true, nextHead == null ? "" : nextHead, null); }

        static Step retryIn(Duration wait) { return new Step(false, null, wait); }
    }

    private Future<Step> attempt(Held h) {
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

    private Future<Step> record(Held h, String status, String providerId) {
        h.outcome = new String[] {status, providerId};
        return outbox.complete(h.reply(), status, providerId).map(Step::done);
    }

    /** Sends one reply and records what came of it. */
    private Future<Step> sendOne(Held h) {
        Outbound m = h.reply();
        if (refusedEarlier(m)) {
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
        // Two stages of a reply's latency: from its commit to its send, and the send itself.
        if (m.createdAt() != null && h.failures == 0) {
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
        return sent.transform(ar -> ar.succeeded() ? sentOk(h, ar.result()) : failed(h, ar.cause()));
    }

    private Future<Step> sentOk(Held h, String providerId) {
        count(h.reply(), "sent");
        return record(h, "sent", providerId);
    }

    private Future<Step> failed(Held h, Throwable e) {
        Outbound m = h.reply();
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
     * Every tick: lines whose retry wait is over go again; blocked lines ask the store for their head;
     * held replies are kept from the takeover of idle entries.
     */
    private void tick() {
        retryDue();
        askHeads();
        keepHeld(System.nanoTime());
    }

    /** Sends again the lines whose retry wait is over. */
    private void retryDue() {
        if (retrying.isEmpty()) return;
        long now = System.nanoTime();
        List<String> due = new ArrayList<>();
        for (java.util.Iterator<String> it = retrying.iterator(); it.hasNext(); ) {
            String conv = it.next();
            Line line = lines.get(conv);
            if (line == null || line.retryAt == 0) {
                it.remove();
            } else if (!line.sending && now - line.retryAt >= 0) {
                it.remove();
                due.add(conv);
            }
        }
        for (String conv : due) pump(conv);
    }

    private void askHeads() {
        if (blocked.isEmpty() || askingHeads) return;
        List<String> ask = new ArrayList<>(Math.min(blocked.size(), HEADS_PER_TICK));
        for (String conv : blocked) {
            if (ask.size() >= HEADS_PER_TICK) break;
            ask.add(conv);
        }
        askingHeads = true;
        outbox.heads(ask).onComplete(ar -> onContext(() -> {
            askingHeads = false;
            if (ar.failed()) {
                log.warn("outbox could not look up heads: {}", ar.cause().toString());
                return;
            }
            for (Map.Entry<String, String> e : ar.result().entrySet()) {
                Line line = lines.get(e.getKey());
                if (line == null) continue;
                line.head = e.getValue();
                pump(e.getKey());
            }
        }));
    }

    private void keepHeld(long now) {
        if (held == 0) return;
        // Well inside the idle time, tick granularity and a slow round trip included.
        long keepEvery = idle.toNanos() / 4;
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            Line line = e.getValue();
            for (Held h : new ArrayList<>(line.held.values())) {
                if (now - h.keptAtNanos < keepEvery) continue;
                h.keptAtNanos = now;
                outbox.keep(consumer, h.reply()).onComplete(ar -> onContext(() -> {
                    if (ar.failed()) {
                        log.warn("outbox could not keep a held reply: {}", ar.cause().toString());
                    } else if (!ar.result()) {
                        let(e.getKey(), h);
                    }
                }));
            }
        }
    }

    /** A held reply is no longer ours (another instance took it over, or it was settled): let it go. */
    private void let(String conv, Held h) {
        Line line = lines.get(conv);
        if (line == null || line.sending && line.held.firstEntry().getValue() == h) return;
        if (line.held.remove(EntryId.parse(h.id())) != null) {
            held--;
            if (line.waiting()) waitingHeld--;
            h.settled.tryComplete();
            log.info("outbox let go of a reply another instance took over outbound={}", h.reply().id());
            pump(conv);
        }
    }

    private void onContext(Runnable r) {
        if (Vertx.currentContext() == context) r.run();
        else context.runOnContext(v -> r.run());
    }

    /**
     * Conversations whose provider said "opted out", with the creation time of the refused reply. The
     * replies of that turn and of earlier turns still in the outbox are not sent; replies of later
     * turns are (such as the answer to START). Remembered briefly: the outbox drains in seconds.
     */
    private record Refusal(long replyCreatedMillis, long rememberedNanos) {}

    private final Map<String, Refusal> refusals = new HashMap<>();
    private static final long REFUSAL_MEMORY_NANOS = Duration.ofMinutes(10).toNanos();

    private void rememberOptOut(Outbound m) {
        if (m.createdAt() == null) return;
        long now = System.nanoTime();
        synchronized (refusals) {
            if (refusals.size() > 10_000) refusals.values().removeIf(r -> now - r.rememberedNanos() > REFUSAL_MEMORY_NANOS);
            refusals.put(m.conversationId(), new Refusal(m.createdAt().toEpochMilli(), now));
        }
    }

    private boolean refusedEarlier(Outbound m) {
        synchronized (refusals) {
            Refusal r = refusals.get(m.conversationId());
            if (r == null || m.createdAt() == null) return false;
            if (System.nanoTime() - r.rememberedNanos() > REFUSAL_MEMORY_NANOS) {
                refusals.remove(m.conversationId(), r);
                return false;
            }
            return m.createdAt().toEpochMilli() <= r.replyCreatedMillis();
        }
    }

    private void count(Outbound m, String status) {
        metrics.counter("omk_outbox_sent_total", "channel", m.channel(), "status", status).increment();
    }

    /** Replies held here now (for tests). */
    int held() {
        return held;
    }
}
