package nl.omkijken.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Function;

/**
 * Walks every key that matches a pattern, a page at a time, handing each page to {@code each} before the next is read.
 *
 * <p>One promise for the whole walk, completed once at the end: a walk written as a future that composes the next page's
 * future nests one future per page, and completing the last completes them all in one call stack. A Redis with a few
 * million keys (other data, or a large population) is thousands of pages: that overflowed the stack, the service did not
 * start (its layout check walks the keys) and the staff queues' trim failed every minute.
 */
final class KeyScan {
    /** Keys asked for per SCAN: fewer round trips on a large Redis, each still short (Redis checks this many keys). */
    static final int PAGE = 1000;

    private KeyScan() {}

    /** @return the sum of what {@code each} returned for every page */
    static Future<Long> each(RedisConnection redis, String pattern, Function<List<String>, Future<Long>> each) {
        return each(redis, pattern, PAGE, each);
    }

    static Future<Long> each(RedisConnection redis, String pattern, int pageSize, Function<List<String>, Future<Long>> each) {
        Promise<Long> done = Promise.promise();
        page(redis, ScanCursor.INITIAL, ScanArgs.Builder.matches(pattern).limit(pageSize), each, 0, done);
        return done.future();
    }

    /** Every key that matches {@code pattern}. */
    static Future<List<String>> all(RedisConnection redis, String pattern) {
        return all(redis, pattern, PAGE);
    }

    static Future<List<String>> all(RedisConnection redis, String pattern, int pageSize) {
        List<String> found = new java.util.ArrayList<>();
        return each(redis, pattern, pageSize, keys -> {
            found.addAll(keys);
            return Future.succeededFuture((long) keys.size());
        }).map(n -> found);
    }

    private static void page(RedisConnection redis, ScanCursor cursor, ScanArgs args, Function<List<String>, Future<Long>> each,
                             long sum, Promise<Long> done) {
        redis.toFuture(redis.commands().scan(cursor, args)).onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            KeyScanCursor<String> page = ar.result();
            Future<Long> handled;
            try {
                handled = page.getKeys().isEmpty() ? Future.succeededFuture(0L) : each.apply(page.getKeys());
            } catch (RuntimeException | StackOverflowError e) {
                // Whatever a page's handler throws ends the walk with it, never leaves the walk waiting.
                handled = Future.failedFuture(e);
            }
            handled.onComplete(h -> {
                if (h.failed()) done.fail(h.cause());
                else if (page.isFinished()) done.complete(sum + h.result());
                // The next page from the Redis reply's callback: each page starts on a fresh stack.
                else page(redis, page, args, each, sum + h.result(), done);
            });
        });
    }
}
