package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long people waited in each queue before a worker took them over: what a waiting person is told
 * to expect ({@link WaitEstimate}). No person or conversation in it, only times. Implemented in
 * store/redis.
 */
public interface WaitHistory {
    /** One person's wait: when they asked, and how long until a worker had them. */
    record Wait(Instant requestedAt, Duration waited) {}

    Future<Void> record(String queue, Wait wait);

    /** The most recent waits of {@code queue}, newest first, at most {@code max}. */
    Future<List<Wait>> recent(String queue, int max);

    /** No history kept: no estimate is ever given. */
    WaitHistory NONE = new WaitHistory() {
        @Override
        public Future<Void> record(String queue, Wait wait) {
            return Future.succeededFuture();
        }

        @Override
        public Future<List<Wait>> recent(String queue, int max) {
            return Future.succeededFuture(List.of());
        }
    };
}
