package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walking the keys of a large Redis: tens of thousands of SCAN pages end in one completion, not in a stack of one future
 * per page (a Redis with millions of other keys overflowed the stack: the service did not start and the staff queues'
 * trim failed every minute).
 */
class KeyScanTest {
    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    @Test
    void twentyThousandPagesFindExactlyTheMatchingKeys() {
        // 200,000 other keys, written by one script (quick), and three staff queues among them.
        Await.result(conn.toFuture(conn.commands().eval("for i = 1, 200000 do redis.call('SET', 'other:' .. i, '1') end return 1",
                io.lettuce.core.ScriptOutputType.INTEGER)));
        for (String q : List.of("luisterlijn", "helpdesk", "helpdesk:laak")) {
            Await.result(conn.toFuture(conn.commands().zadd(RedisKeys.queue(q), 1.0, "c-1")));
        }
        // Ten keys a page: some 20,000 pages.
        List<String> found = Await.result(KeyScan.all(conn, RedisKeys.queue("*"), 10));
        assertEquals(Set.of(RedisKeys.queue("luisterlijn"), RedisKeys.queue("helpdesk"), RedisKeys.queue("helpdesk:laak")),
                new TreeSet<>(found));
        long others = Await.result(KeyScan.each(conn, "other:*", 10, keys -> io.vertx.core.Future.succeededFuture((long) keys.size())));
        assertEquals(200_000L, others);
    }
}
