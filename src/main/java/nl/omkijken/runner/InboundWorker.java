package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the turns of queued inbound messages. An instance holds leases on some partitions of the queue
 * (a fair share among the instances, renewed every {@code renewEvery}; a dead instance's partitions are
 * taken over when its leases run out) and reads each partition it holds in batches.
 *
 * <p>Order: a partition is read one batch at a time. Within a batch each conversation's messages run one
 * after another in stream order (different conversations run side by side); when one fails, the later
 * messages of that conversation are not attempted: they stay pending and come back, in order, in the
 * next read, which happens after a retry delay that doubles with each failing batch.
 *
 * <p>Exactly one turn per message: each turn's commit takes its entry off the queue
 * ({@link TurnRunner#handle(Inbound, InboundReceipt)}), so a crash before the commit redelivers the
 * message and a crash after it cannot.
 *
 * <p>Polling: a partition whose read came back empty, or with less than a full batch, is read again after
 * {@code pollEvery}, or at once when an offer on this instance accepted a message for it
 * ({@link InboundQueue#ACCEPTED_ADDRESS}); a full batch is followed by the next read at once.
 *
 * <p>All state is confined to the Vert.x context on which {@link #start()} ran.
 */
public final class InboundWorker {
    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);

    /**
     * Settings.
     *
     * @param batchSize     entries per read of one partition
     * @param lease         how long a partition lease (and membership) lasts without renewal
     * @param renewEvery    how often leases are renewed and free partitions taken; well below {@code lease}
     * @param pollEvery     how soon an empty partition is read again
     * @param claimIdle     how long an entry an earlier owner left must have been idle before it is taken over
     * @param maxDeliveries after this many deliveries an entry goes to the dead letters instead
     * @param retryDelay    pause before a partition whose batch had failures is read again; doubles per failing batch
     * @param maxRetryDelay the longest such pause
     */
    public record Options(int batchSize, Duration lease, Duration renewEvery, Duration pollEvery, Duration claimIdle,
                          int maxDeliveries, Duration retryDelay, Duration maxRetryDelay) {
        public Options {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("inbound batch size must be 1-1000, was " + batchSize);
            }
            requirePositive(lease, "lease");
            requirePositive(renewEvery, "lease renewal interval");
            requirePositive(pollEvery, "poll interval");
            requirePositive(claimIdle, "claim idle time");
            requirePositive(retryDelay, "retry delay");
            requirePositive(maxRetryDelay, "max retry delay");
            if (renewEvery.compareTo(lease.dividedBy(2)) > 0) {
                throw new IllegalArgumentException("inbound leases must be renewed at least twice per lease ("
                        + lease.toMillis() + " ms), renewal every " + renewEvery.toMillis() + " ms is too slow");
            }
            if (maxDeliveries < 1) {
                throw new IllegalArgumentException("inbound max deliveries must be at least 1, was " + maxDeliveries);
            }
        }

        /** Batches of 100, 10 s leases renewed every 3 s, 100 ms polls, 5 s claim idle, 5 deliveries, retries 1-30 s. */
        public static Options defaults() {
            return new Options(100, Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofMillis(100),
                    Duration.ofSeconds(5), 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
        }

        private static void requirePositive(Duration d, String what) {
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("inbound " + what + " must be at least 1 ms, was " + d);
            }
        }
    }

    /** What one read-and-run of a partition came to. */
    private enum Outcome { NOT_HELD, EMPTY, DONE, DONE_PARTIAL, FAILED }

    /** One partition this instance holds (or is letting go of). Context-confined. */
    private static final class Partition {
        final int id;
        boolean held = true;
        boolean releasing;
        boolean busy;
        boolean wakeRequested;
        boolean takeover = true;
        int failingBatches;
        long timer = -1;
        List<String> notAttempted = List.of();

        Partition(int id) {
            this.id = id;
        }
    }

    /** The outcome of one conversation's messages in a batch. */
    private record ChainResult(int failures, List<String> notAttempted) {}

    private final Vertx vertx;
    private final InboundSource source;
    private final TurnRunner runner;
    private final Options options;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;
    private final String owner;
    private final Lanes lanes;
    private final Map<Integer, Partition> partitions = new HashMap<>();
    private Context context;
    private MessageConsumer<Integer> wakeConsumer;
    private long leaseTimer = -1;
    private boolean stopped;
    private Promise<Void> drained;

    /**
     * @param owner this instance's token: lease value and consumer name; unique per running instance
     *              (a restarted instance takes a new one)
     */
    public InboundWorker(Vertx vertx, InboundSource source, TurnRunner runner, Options options, MeterRegistry metrics,
                         Pseudonym pseudonym, String owner) {
        this(vertx, source, runner, options, metrics, pseudonym, owner, Lanes.inPlace());
    }

    /** @param lanes where conversations' turns run (by conversation id); bookkeeping stays on this worker's context */
    public InboundWorker(Vertx vertx, InboundSource source, TurnRunner runner, Options options, MeterRegistry metrics,
                         Pseudonym pseudonym, String owner, Lanes lanes) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("inbound worker owner token must not be empty");
        }
        this.vertx = Objects.requireNonNull(vertx);
        this.source = Objects.requireNonNull(source);
        this.runner = Objects.requireNonNull(runner);
        this.options = Objects.requireNonNull(options);
        this.metrics = Objects.requireNonNull(metrics);
        this.pseudonym = Objects.requireNonNull(pseudonym);
        this.owner = owner;
        this.lanes = Objects.requireNonNull(lanes);
    }

    public String owner() {
        return owner;
    }

    /**
     * Takes a first share of the partitions and starts reading them. Fails (and stops again) when that
     * first lease round fails, e.g. Redis cannot be reached.
     */
    public Future<Void> start() {
        Promise<Void> started = Promise.promise();
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            if (stopped || leaseTimer >= 0) {
                started.fail(new IllegalStateException("inbound worker " + owner + " was started before"));
                return;
            }
            wakeConsumer = vertx.eventBus().localConsumer(InboundQueue.ACCEPTED_ADDRESS, m -> wake(m.body()));
            leaseTimer = vertx.setPeriodic(options.renewEvery().toMillis(), id -> leaseRound());
            leaseRound().onComplete(ar -> {
                if (ar.succeeded()) {
                    log.info("inbound worker {} started, holds partitions {}", owner, held());
                    started.complete();
                } else {
                    stop().onComplete(s -> started.fail(ar.cause()));
                }
            });
        });
        return started.future();
    }

    /**
     * Stops reading, lets running batches finish, then gives back every lease so the other instances take
     * the partitions over at their next lease round.
     */
    public Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!stopped) {
                stopped = true;
                drained = Promise.promise();
                if (leaseTimer >= 0) vertx.cancelTimer(leaseTimer);
                if (wakeConsumer != null) wakeConsumer.unregister();
                for (Partition p : partitions.values()) cancelTimer(p);
                checkDrained();
            }
            drained.future()
                    .compose(x -> source.leave(owner))
                    .onComplete(ar -> {
                        if (ar.failed()) log.warn("inbound worker {} could not give its leases back: {}", owner, ar.cause().toString());
                        else log.info("inbound worker {} stopped", owner);
                        done.complete();
                    });
        });
        return done.future();
    }

    /** The partitions this instance holds now (for tests and health). Safe from any thread only as a snapshot. */
    public Future<List<Integer>> heldPartitions() {
        if (context == null) return Future.succeededFuture(List.of());
        Promise<List<Integer>> out = Promise.promise();
        context.runOnContext(v -> out.complete(held()));
        return out.future();
    }

    private List<Integer> held() {
        List<Integer> ids = new ArrayList<>();
        for (Partition p : partitions.values()) if (p.held && !p.releasing) ids.add(p.id);
        ids.sort(null);
        return ids;
    }

    // ---- leases ------------------------------------------------------------------------------------

    private Future<Void> leaseRound() {
        if (stopped) return Future.succeededFuture();
        return onContext(source.keepLeases(owner, options.lease()))
                .map(leases -> {
                    apply(leases);
                    return (Void) null;
                })
                .onFailure(e -> log.warn("inbound lease round of {} failed: {}", owner, e.toString()));
    }

    private void apply(InboundSource.Leases leases) {
        if (stopped) return;
        for (Partition p : new ArrayList<>(partitions.values())) {
            if (!leases.held().contains(p.id) && p.held && !p.releasing) {
                log.warn("inbound worker {} lost the lease of partition {}", owner, p.id);
                p.held = false;
                cancelTimer(p);
                forgetIfIdle(p);
            }
        }
        for (int id : leases.held()) {
            Partition p = partitions.get(id);
            if (p != null && p.releasing) continue;
            if (p == null) {
                p = new Partition(id);
                partitions.put(id, p);
                log.debug("inbound worker {} took partition {}", owner, id);
            } else if (!p.held) {
                p.held = true;
                log.info("inbound worker {} took partition {} back", owner, id);
            }
            if (leases.acquired().contains(id)) p.takeover = true;
            if (p.timer < 0 && !p.busy) poll(p);
        }
        // Over the fair share (another instance joined): give back the highest partitions, each once its
        // running batch is done.
        TreeSet<Integer> mine = new TreeSet<>(held());
        int extra = mine.size() - leases.share();
        while (extra-- > 0) {
            Partition p = partitions.get(mine.pollLast());
            p.releasing = true;
            cancelTimer(p);
            if (!p.busy) release(p);
        }
    }

    private void release(Partition p) {
        p.busy = true;
        onContext(source.release(p.id, owner)).onComplete(ar -> {
            p.busy = false;
            p.held = false;
            if (ar.failed()) log.warn("inbound worker {} could not give partition {} back: {}", owner, p.id, ar.cause().toString());
            else log.info("inbound worker {} gave partition {} back", owner, p.id);
            partitions.remove(p.id, p);
            checkDrained();
        });
    }

    // ---- reading -----------------------------------------------------------------------------------

    private void wake(Integer partition) {
        Partition p = partition == null ? null : partitions.get(partition);
        if (p != null) poll(p);
    }

    private void poll(Partition p) {
        if (stopped || partitions.get(p.id) != p || !p.held || p.releasing) return;
        if (p.busy) {
            p.wakeRequested = true;
            return;
        }
        cancelTimer(p);
        p.busy = true;
        p.wakeRequested = false;
        onContext(source.read(p.id, owner, options.batchSize(), options.claimIdle(), options.maxDeliveries(),
                p.takeover, p.notAttempted))
                .compose(batch -> runBatch(p, batch))
                .onComplete(ar -> finished(p, ar));
    }

    private Future<Outcome> runBatch(Partition p, InboundSource.Batch batch) {
        if (!batch.leaseHeld()) return Future.succeededFuture(Outcome.NOT_HELD);
        p.takeover = false;
        p.notAttempted = List.of();
        if (batch.claimed() > 0) {
            log.info("inbound worker {} took over {} entries left in partition {}", owner, batch.claimed(), p.id);
        }
        if (!batch.deadLettered().isEmpty()) {
            metrics.counter("omk_inbound_dead_letters_total").increment(batch.deadLettered().size());
            log.error("inbound entries given up after {} deliveries, moved to the dead letters partition={} entries={}",
                    options.maxDeliveries(), p.id, batch.deadLettered());
        }
        if (batch.entries().isEmpty()) return Future.succeededFuture(Outcome.EMPTY);

        Map<String, List<InboundSource.Entry>> byConversation = new LinkedHashMap<>();
        int unreadable = 0;
        for (InboundSource.Entry e : batch.entries()) {
            if (e.message() == null) {
                unreadable++;
                metrics.counter("omk_inbound_failures_total", "reason", "unreadable").increment();
                continue;
            }
            byConversation.computeIfAbsent(e.message().conversationId(), k -> new ArrayList<>()).add(e);
        }
        List<Future<ChainResult>> chains = new ArrayList<>(byConversation.size());
        for (Map.Entry<String, List<InboundSource.Entry>> c : byConversation.entrySet()) {
            List<InboundSource.Entry> messages = c.getValue();
            chains.add(lanes.run(c.getKey(), () -> chain(messages, 0)));
        }
        int failedToRead = unreadable;
        return onContext(Future.all(chains)).map(all -> {
            int failures = failedToRead;
            List<String> skipped = new ArrayList<>();
            for (Future<ChainResult> f : chains) {
                failures += f.result().failures();
                skipped.addAll(f.result().notAttempted());
            }
            p.notAttempted = skipped;
            if (failures > 0) return Outcome.FAILED;
            return batch.entries().size() < options.batchSize() && batch.claimed() == 0 ? Outcome.DONE_PARTIAL : Outcome.DONE;
        });
    }

    /** One conversation's messages of a batch, one after another; stops at the first failure. Never fails. */
    private Future<ChainResult> chain(List<InboundSource.Entry> messages, int index) {
        if (index == messages.size()) return Future.succeededFuture(new ChainResult(0, List.of()));
        InboundSource.Entry e = messages.get(index);
        Future<TurnResult> turn;
        try {
            turn = runner.handle(e.message(), e.receipt());
        } catch (RuntimeException err) {
            turn = Future.failedFuture(err);
        }
        return turn.transform(ar -> {
            if (ar.succeeded()) return chain(messages, index + 1);
            // A conversation locked elsewhere (busy, or by an instance that died and whose lock's lease has
            // not run out) is not the message's fault: its delivery is given back like those not attempted,
            // so it is never dead-lettered for it. A kill -9 of an instance left such locks behind, and
            // messages were given up after five lock timeouts.
            boolean busy = ar.cause() instanceof ConversationStore.LockBusyException;
            metrics.counter("omk_inbound_failures_total", "reason", busy ? "locked" : "turn").increment();
            List<String> skipped = new ArrayList<>();
            if (busy) skipped.add(e.receipt().entryId());
            for (int i = index + 1; i < messages.size(); i++) skipped.add(messages.get(i).receipt().entryId());
            log.warn("inbound message not handled, will retry partition={} entry={} conversation={} later={} error={}",
                    e.receipt().partition(), e.receipt().entryId(), pseudonym.of(e.message().conversationId()),
                    skipped.size(), ar.cause().getClass().getSimpleName());
            return Future.succeededFuture(new ChainResult(1, skipped));
        });
    }

    private void finished(Partition p, AsyncResult<Outcome> ar) {
        p.busy = false;
        if (stopped || !p.held) {
            forgetIfIdle(p);
            checkDrained();
            return;
        }
        if (p.releasing) {
            release(p);
            return;
        }
        if (ar.failed()) {
            p.failingBatches++;
            log.warn("inbound read of partition {} failed: {}", p.id, ar.cause().toString());
            schedule(p, retryDelay(p));
            return;
        }
        switch (ar.result()) {
            case NOT_HELD:
                log.warn("inbound worker {} no longer holds partition {}", owner, p.id);
                p.held = false;
                forgetIfIdle(p);
                break;
            case EMPTY:
                p.failingBatches = 0;
                if (p.wakeRequested) context.runOnContext(v -> poll(p));
                else schedule(p, options.pollEvery().toMillis());
                break;
            case DONE:
                // A full batch: more may be waiting, read again at once.
                p.failingBatches = 0;
                context.runOnContext(v -> poll(p));
                break;
            case DONE_PARTIAL:
                // The read took all there was: read again when an offer here wakes the partition (one may
                // have come during the batch) or after the poll interval, not at once into an empty stream.
                p.failingBatches = 0;
                if (p.wakeRequested) context.runOnContext(v -> poll(p));
                else schedule(p, options.pollEvery().toMillis());
                break;
            default:
                p.failingBatches++;
                schedule(p, retryDelay(p));
        }
    }

    private long retryDelay(Partition p) {
        long base = options.retryDelay().toMillis();
        int doublings = Math.min(20, Math.max(0, p.failingBatches - 1));
        return Math.min(options.maxRetryDelay().toMillis(), base << doublings);
    }

    private void schedule(Partition p, long millis) {
        cancelTimer(p);
        p.timer = vertx.setTimer(Math.max(1, millis), id -> {
            p.timer = -1;
            poll(p);
        });
    }

    private void cancelTimer(Partition p) {
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
            p.timer = -1;
        }
    }

    private void forgetIfIdle(Partition p) {
        if (!p.busy && !p.held && !p.releasing) partitions.remove(p.id, p);
    }

    private void checkDrained() {
        if (!stopped || drained == null) return;
        for (Partition p : partitions.values()) if (p.busy) return;
        drained.tryComplete();
    }

    /** Continues on this worker's context, whichever thread completed {@code f}. */
    private <T> Future<T> onContext(Future<T> f) {
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> context.runOnContext(v -> p.handle(ar)));
        return p.future();
    }
}
