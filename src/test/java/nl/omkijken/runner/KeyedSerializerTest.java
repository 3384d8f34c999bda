package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedSerializerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void tasksOfOneKeyRunOneAtATimeInOrder() throws Exception {
        KeyedSerializer s = new KeyedSerializer();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            all.add(s.submit("conv-1", () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                Promise<Integer> p = Promise.promise();
                // Later tasks finish faster: without serialisation they would overtake.
                vertx.setTimer(1 + (50 - n) / 10, t -> {
                    order.add(n);
                    running.decrementAndGet();
                    p.complete(n);
                });
                return p.future();
            }));
        }
        Future.all(all).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) expected.add(i);
        assertEquals(expected, order);
        assertEquals(1, maxRunning.get());
        assertEquals(0, s.activeKeys());
    }

    @Test
    void aFailingTaskDoesNotBlockTheNext() throws Exception {
        KeyedSerializer s = new KeyedSerializer();
        Future<Integer> bad = s.submit("k", () -> {
            throw new IllegalStateException("boom");
        });
        Future<Integer> good = s.submit("k", () -> Future.succeededFuture(7));
        assertEquals(7, good.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(bad.failed());
    }

    @Test
    void differentKeysRunSideBySide() throws Exception {
        KeyedSerializer s = new KeyedSerializer();
        Promise<Void> gate = Promise.promise();
        Future<Void> a = s.submit("a", () -> gate.future());
        CompletableFuture<Integer> b = s.submit("b", () -> Future.succeededFuture(1)).toCompletionStage().toCompletableFuture();
        assertEquals(1, b.get(5, TimeUnit.SECONDS));
        gate.complete();
        a.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
