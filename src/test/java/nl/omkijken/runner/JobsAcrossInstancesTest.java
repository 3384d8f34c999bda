package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.omkijken.engine.Engine;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.store.redis.RedisTaskSource;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances poll the same jobs and work the same task stream: each due job runs exactly once
 * (1,000 jobs, none twice, none missed), its task is written once, and each task is carried out once.
 * Time is a clock the test moves, not a wait.
 */
class JobsAcrossInstancesTest {
    private static final int JOBS = 1_000;
    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    private RedisServer redis;
    private final MutableClock clock = new MutableClock(T0);
    private final List<Instance> instances = new ArrayList<>();
    /** Job key -> how often a handler ran it, over both instances. */
    private final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
    /** Task id -> how often a handler carried it out, over both instances. */
    private final Map<String, AtomicInteger> carriedOut = new ConcurrentHashMap<>();

    /** One instance: its own Vert.x, connection, job poller and task worker. */
    private final class Instance {
        final Vertx vertx = Vertx.vertx();
        final RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final JobPoller poller;
        final TaskWorker worker;

        Instance(String name) {
            TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(conn),
                    Nlu.shared(), clock, new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(5), "nl"), metrics,
                    new Pseudonym("jobs-test-key-0123456789".getBytes()));
            poller = new JobPoller(new RedisJobStore(conn), runner, List.of(new Reminders()), clock,
                    Duration.ofHours(1), Duration.ofSeconds(60), metrics);
            worker = new TaskWorker(new RedisTaskSource(conn), List.of(new Notices()), name, Duration.ofHours(1),
                    Duration.ofMinutes(5), 3, metrics);
        }

        void close() {
            Await.result(conn.close());
            Await.result(vertx.close());
        }
    }

    /** A job kind for the test: running it leaves one task. */
    private final class Reminders implements JobHandler {
        @Override
        public String kind() {
            return "reminder";
        }

        @Override
        public Future<Result> run(ClaimedJob job) {
            ran.computeIfAbsent(job.job().key(), k -> new AtomicInteger()).incrementAndGet();
            return Future.succeededFuture(new Result.Complete(List.of(new Task("notice-" + job.job().key(), "notice",
                    job.job().payload()))));
        }
    }

    /** A task kind for the test. */
    private final class Notices implements TaskHandler {
        @Override
        public String kind() {
            return "notice";
        }

        @Override
        public Future<Void> run(Task task) {
            carriedOut.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
            return Future.succeededFuture();
        }
    }

    @BeforeEach
    void start() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() {
        instances.forEach(Instance::close);
        redis.stop();
    }

    private Instance instance(String name) {
        Instance i = new Instance(name);
        instances.add(i);
        return i;
    }

    @Test
    void twoInstancesRunEachDueJobOnceAndEachTaskOnce() {
        Instance a = instance("a");
        Instance b = instance("b");
        RedisJobStore store = new RedisJobStore(a.conn);
        List<Future<Void>> scheduled = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // Due over ten minutes, a few each second.
            scheduled.add(store.schedule(new Job("reminder", "r-" + i, T0.plusMillis(600L * i), "{\"n\":" + i + "}")));
        }
        Await.result(Future.all(scheduled));

        // The clock moves a second at a time; both instances poll at every step, at the same moment.
        for (int step = 0; step <= 600; step++) {
            if (step > 0) clock.advance(Duration.ofSeconds(1));
            Await.result(Future.all(a.poller.pollOnce(), b.poller.pollOnce()));
            if (step % 60 == 0) Await.result(Future.all(a.worker.workOnce(), b.worker.workOnce()));
        }
        while (Await.result(a.poller.pollOnce()) + Await.result(b.poller.pollOnce()) > 0) {
            // what is left of the last step
        }
        while (Await.result(a.worker.workOnce()) + Await.result(b.worker.workOnce()) > 0) {
            // the tasks of the last jobs
        }

        assertEquals(JOBS, ran.size(), "every job ran");
        assertTrue(ran.values().stream().allMatch(n -> n.get() == 1), "none ran twice");
        assertEquals(JOBS, carriedOut.size(), "every task was carried out");
        assertTrue(carriedOut.values().stream().allMatch(n -> n.get() == 1), "none twice");
        double byA = a.metrics.counter("omk_jobs_total", "kind", "reminder", "outcome", "done").count();
        double byB = b.metrics.counter("omk_jobs_total", "kind", "reminder", "outcome", "done").count();
        assertEquals(JOBS, byA + byB);
        assertTrue(byA > 0 && byB > 0, "both instances ran jobs: " + byA + " / " + byB);
        for (String[] empty : List.of(new String[] {"ZCARD", RedisKeys.JOBS_DUE}, new String[] {"ZCARD", RedisKeys.JOBS_LEASED},
                new String[] {"HLEN", RedisKeys.JOBS_DATA}, new String[] {"HLEN", RedisKeys.JOBS_FENCE},
                new String[] {"XLEN", RedisKeys.TASKS})) {
            assertEquals(":0", redisCall(empty), String.join(" ", empty));
        }
    }

    @Test
    void aTaskThatKeepsFailingAndOneNobodyKnowsGoToTheDeadLetters() {
        Instance a = instance("a");
        RedisJobStore store = new RedisJobStore(a.conn);
        Await.result(store.schedule(new Job("reminder", "fails", T0, "")));
        Await.result(a.poller.pollOnce());
        // Written by a newer release, say: no handler here knows the kind.
        redisCall("XADD", RedisKeys.TASKS, "*", "id", "odd-1", "kind", "from-the-future", "payload", "");
        TaskWorker failing = new TaskWorker(new RedisTaskSource(a.conn), List.of(new TaskHandler() {
            @Override
            public String kind() {
                return "notice";
            }

            @Override
            public Future<Void> run(Task task) {
                return Future.failedFuture(new IllegalStateException("provider down"));
            }
        }), "failing", Duration.ofHours(1), Duration.ofMillis(1), 3, a.metrics);
        for (int i = 0; i < 6; i++) {
            Await.result(failing.workOnce());
            sleepMillis(5); // Redis's own clock measures the idle time of a pending task
        }
        assertEquals(":2", redisCall("XLEN", RedisKeys.TASKS_DEAD), "the failing task and the unknown one");
        assertEquals(":0", redisCall("XLEN", RedisKeys.TASKS));
    }

    private static void sleepMillis(long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    private String redisCall(String... command) {
        try {
            return nl.omkijken.store.redis.RedisWire.call(redis.port(), Duration.ofSeconds(5), command);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
