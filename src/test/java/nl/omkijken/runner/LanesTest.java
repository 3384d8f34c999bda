package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;
import nl.omkijken.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        Await.result(vertx.close());
    }

    @Test
    void oneKeyAlwaysRunsOnOneEventLoopThreadAndKeysSpreadOverTheLanes() {
        Lanes lanes = Await.result(Lanes.deploy(vertx, 2));
        assertEquals(2, lanes.size());
        Set<String> threadsOfOneKey = new HashSet<>();
        Set<String> threadsOfAllKeys = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            threadsOfOneKey.add(Await.result(lanes.run("sms:+31600000001", () -> Future.succeededFuture(Thread.currentThread().getName()))));
            String key = "sms:+316000001" + i;
            threadsOfAllKeys.add(Await.result(lanes.run(key, () -> Future.succeededFuture(Thread.currentThread().getName()))));
        }
        assertEquals(1, threadsOfOneKey.size(), "one conversation stays on one thread: " + threadsOfOneKey);
        assertEquals(2, threadsOfAllKeys.size(), "conversations use both lanes: " + threadsOfAllKeys);
        assertTrue(threadsOfAllKeys.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread")), threadsOfAllKeys.toString());
    }

    @Test
    void workThatThrowsBecomesAFailedFuture() {
        Lanes lanes = Await.result(Lanes.deploy(vertx, 2));
        Throwable err = Await.failure(lanes.run("k", () -> {
            throw new IllegalStateException("boom");
        }));
        assertInstanceOf(IllegalStateException.class, err);
        assertInstanceOf(IllegalStateException.class, Await.failure(Lanes.inPlace().run("k", () -> {
            throw new IllegalStateException("boom");
        })));
    }

    @Test
    void aLaneCountBelowOneIsRefused() {
        assertInstanceOf(IllegalArgumentException.class, Await.failure(Lanes.deploy(vertx, 0)));
    }
}
