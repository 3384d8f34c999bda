package nl.omkijken.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.UUID;

/**
 * The durable path between verified webhooks and the runner, as one thing to start and stop: the
 * {@link InboundQueue} the channel adapters offer to (an adapter answers 200 only after the offer
 * succeeded), and the {@link InboundWorker} that runs the queued messages' turns.
 *
 * <pre>{@code
 * InboundPartitions parts = new InboundPartitions(16);           // the same on every instance
 * InboundPipeline inbound = new InboundPipeline(vertx,
 *         new RedisInboundQueue(redis, parts, RedisInboundQueue.DEFAULT_DEDUPE_TTL),
 *         new RedisInboundSource(redis, parts),
 *         runner, InboundWorker.Options.defaults(), metrics, pseudonym);
 * inbound.start();              // Future<Void>
 * ... new TwilioChannel(..., inbound.queue(), ...)
 * inbound.stop();               // at shutdown, before the Redis connection closes
 * }</pre>
 */
public final class InboundPipeline implements Runner {
    private final InboundQueue queue;
    private final InboundWorker worker;

    /** With a fresh owner token for this instance (a random UUID). */
    public InboundPipeline(Vertx vertx, InboundQueue queue, InboundSource source, TurnRunner runner,
                           InboundWorker.Options options, MeterRegistry metrics, Pseudonym pseudonym) {
        this(vertx, queue, source, runner, options, metrics, pseudonym, "runner-" + UUID.randomUUID());
    }

    public InboundPipeline(Vertx vertx, InboundQueue queue, InboundSource source, TurnRunner runner,
                           InboundWorker.Options options, MeterRegistry metrics, Pseudonym pseudonym, String owner) {
        this(vertx, queue, source, runner, options, metrics, pseudonym, owner, Lanes.inPlace());
    }

    /** With turns spread over {@code lanes} by conversation. */
    public InboundPipeline(Vertx vertx, InboundQueue queue, InboundSource source, TurnRunner runner,
                           InboundWorker.Options options, MeterRegistry metrics, Pseudonym pseudonym, String owner,
                           Lanes lanes) {
        this.queue = Objects.requireNonNull(queue, "inbound queue must be given");
        this.worker = new InboundWorker(vertx, source, runner, options, metrics, pseudonym, owner, lanes);
    }

    /** Where channel adapters offer verified messages. */
    public InboundQueue queue() {
        return queue;
    }

    public InboundWorker worker() {
        return worker;
    }

    @Override
    public String name() {
        return "inbound worker";
    }

    /** Starts consuming; fails when the first lease round fails (Redis unreachable). */
    @Override
    public Future<Void> start() {
        return worker.start();
    }

    /** Stops consuming after the running batches, and gives the partitions back to the other instances. */
    @Override
    public Future<Void> stop() {
        return worker.stop();
    }
}
