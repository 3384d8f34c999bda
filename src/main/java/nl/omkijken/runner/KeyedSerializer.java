package nl.omkijken.runner;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs tasks one after another per key, in submission order, within this process. The Redis lock
 * keeps instances apart; this keeps one instance's messages of a conversation in arrival order
 * (a lock alone would let them race for it).
 */
public final class KeyedSerializer {
    private final ConcurrentHashMap<String, Future<?>> tails = new ConcurrentHashMap<>();

    public <T> Future<T> submit(String key, Supplier<Future<T>> task) {
        Promise<T> result = Promise.promise();
        AtomicReference<AsyncResult<T>> outcome = new AtomicReference<>();
        Future<?> myTail = tails.compute(key, (k, prev) -> {
            Future<?> before = prev == null ? Future.succeededFuture() : prev;
            return before.transform(ignored -> {
                Future<T> f;
                try {
                    f = task.get();
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                return f.transform(ar -> {
                    outcome.set(ar);
                    return Future.succeededFuture();
                });
            });
        });
        // Forget the key first, then answer: a caller that sees its result sees no stale tail.
        myTail.onComplete(done -> {
            tails.remove(key, myTail);
            result.handle(outcome.get());
        });
        return result.future();
    }

    /** Keys with work queued or running (for tests and metrics). */
    public int activeKeys() { return tails.size(); }
}
