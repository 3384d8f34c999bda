package nl.omkijken.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.LineHours;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.runner.WaitHistory;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;

/** A turn runner as the service builds one: the project's dialogs and model, Redis, Dutch by default. */
public final class TestRunners {
    private TestRunners() {}

    public static TurnRunner of(Vertx vertx, RedisConnection conn) {
        return of(vertx, conn, Clock.systemUTC(), LineHours.NONE, WaitHistory.NONE);
    }

    public static TurnRunner of(Vertx vertx, RedisConnection conn, Clock clock, LineHours hours, WaitHistory waits) {
        return new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(conn), Nlu.shared(), clock,
                new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), new SimpleMeterRegistry(),
                new Pseudonym("test-runner-key-0123456789".getBytes()), hours, waits);
    }
}
