package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.omkijken.engine.Event;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisWaitHistory;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.Test;

/** What a waiting person is told to expect: from recorded waits at that time of day, or nothing at all. */
class WaitEstimateTest {
    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(WaitEstimate.ZONE).toInstant();
    }

    private static WaitHistory.Wait wait(String askedAt, int minutes) {
        return new WaitHistory.Wait(local(askedAt), Duration.ofMinutes(minutes));
    }

    @Test
    void theMedianOfWaitsAtThatTimeOfDayOrNothing() {
        List<WaitHistory.Wait> evenings = new ArrayList<>();
        for (int i = 0; i < 5; i++) evenings.add(wait("2026-12-0" + (i + 1) + "T20:" + (10 + i), 20 + i * 5));
        List<WaitHistory.Wait> mornings = new ArrayList<>();
        for (int i = 0; i < 5; i++) mornings.add(wait("2026-12-0" + (i + 1) + "T09:00", 3));
        List<WaitHistory.Wait> both = new ArrayList<>(evenings);
        both.addAll(mornings);
        assertEquals(Optional.of(Duration.ofMinutes(30)), WaitEstimate.of(both, local("2026-12-07T21:00")), "the evenings count");
        assertEquals(Optional.of(Duration.ofMinutes(3)), WaitEstimate.of(both, local("2026-12-07T10:30")), "the mornings count");
        assertEquals(Optional.empty(), WaitEstimate.of(evenings.subList(0, 4), local("2026-12-07T21:00")), "too few: no promise");
        assertEquals("ongeveer 30 minuten", WaitEstimate.say(Duration.ofMinutes(31), "nl"));
        assertEquals("a few minutes", WaitEstimate.say(Duration.ofMinutes(3), "en"));
        assertEquals("meer dan een uur", WaitEstimate.say(Duration.ofMinutes(75), "nl"));
    }

    @Test
    void aWaitingPersonHearsTheEstimateOnceThereIsHistory() {
        RedisServer redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
            RedisWaitHistory waits = new RedisWaitHistory(conn);
            Instant now = Instant.now();
            for (int i = 1; i <= 6; i++) {
                Await.result(waits.record("luisterlijn", new WaitHistory.Wait(now.minus(Duration.ofDays(i)), Duration.ofMinutes(10 + i % 2))));
            }
            assertEquals(6, Await.result(waits.recent("luisterlijn", 500)).size());
            TurnRunner runner = TestRunners.of(vertx, conn, Clock.systemUTC(), LineHours.NONE, waits);
            for (String text : List.of("hoi", "1")) {
                Await.result(runner.handle(new Inbound("sandbox:w", "sandbox", "w", "luisterlijn", "nl", text, null, Instant.now())));
            }
            TurnResult r = Await.result(runner.handle(new Inbound("sandbox:w", "sandbox", "w", "luisterlijn", "nl", "hallo?", null,
                    Instant.now())));
            String said = r.replies().stream().map(Event.Reply::text).reduce("", String::concat);
            assertTrue(said.contains("plaats 1 (verwachte wachttijd: ongeveer 10 minuten)"), said);

            // Taken over: the wait is recorded for the next ones.
            Await.result(runner.act("sandbox:w", new StaffAction.TakeOver(new StaffAction.Staff("w1", "Wim", false))));
            nl.omkijken.testing.fakes.Poll.until(() -> Await.result(waits.recent("luisterlijn", 500)).size() == 7,
                    Duration.ofSeconds(5), "the wait recorded");
            Await.result(conn.close());
        } finally {
            Await.result(vertx.close());
            redis.stop();
        }
    }
}
