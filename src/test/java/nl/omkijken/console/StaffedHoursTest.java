package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.runner.LineHours;
import nl.omkijken.shifts.Shift;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisPresence;
import nl.omkijken.store.redis.RedisShifts;
import nl.omkijken.store.redis.RedisWorkers;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A line that plans shifts is open, within its hours, only while someone is there; the person hears when
 * the next shift starts. Against a real redis-server, on a fixed clock (Saturday 5 December 2026, 15:00
 * in Amsterdam).
 */
class StaffedHoursTest {
    private static final Instant NOW = Instant.parse("2026-12-05T14:00:00Z");
    private static final Map<String, String> OPEN = Map.of("line_open", "true");

    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private RedisWorkers workers;
    private RedisPresence presence;
    private RedisShifts shifts;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        workers = new RedisWorkers(conn);
        presence = new RedisPresence(conn);
        shifts = new RedisShifts(conn);
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private StaffedHours read(LineHours hours) {
        StaffedHours s = new StaffedHours(hours, workers, presence, shifts, List.of("luisterlijn", "helpdesk"),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10));
        Await.result(s.runOnce());
        return s;
    }

    private Worker worker(String id, Set<String> lines) {
        Worker w = new Worker(id, "Naam " + id, Role.VOLUNTEER, lines, "hash", NOW);
        Await.result(workers.add(w));
        return w;
    }

    @Test
    void aLineWithoutShiftsKeepsItsHours() {
        assertEquals(OPEN, read((line, at, lang) -> OPEN).facts("luisterlijn", NOW, "nl"));
    }

    @Test
    void nobodyOnDutyIsClosedUntilTheNextShiftAndSomeoneOnlineOrOnShiftIsOpen() {
        Worker sara = worker("w-sara", Set.of("luisterlijn"));
        Await.result(shifts.add(new Shift("s1", sara.id(), "luisterlijn", Instant.parse("2026-12-05T17:00:00Z"),
                Instant.parse("2026-12-05T21:00:00Z"))));
        StaffedHours staffed = read((line, at, lang) -> OPEN);
        assertEquals(Map.of("line_open", "false", "opens_at", "vandaag om 18:00"), staffed.facts("luisterlijn", NOW, "nl"));
        assertEquals(Map.of("line_open", "false", "opens_at", "today at 18:00"), staffed.facts("luisterlijn", NOW, "en"));
        // During the shift (worked out at the turn's own time): open, even before the volunteer's console is.
        assertEquals(OPEN, staffed.facts("luisterlijn", Instant.parse("2026-12-05T17:30:00Z"), "nl"));
        // After the last planned shift: nobody is planned.
        assertEquals("op een moment dat nog niet bekend is", staffed.facts("luisterlijn", Instant.parse("2026-12-05T22:00:00Z"), "nl")
                .get("opens_at"));
        // Another line's shifts say nothing of this one; closed hours stay closed hours.
        assertEquals(OPEN, staffed.facts("helpdesk", NOW, "nl"));
        Map<String, String> shut = Map.of("line_open", "false", "opens_at", "maandag om 09:00");
        assertEquals(shut, read((line, at, lang) -> shut).facts("luisterlijn", NOW, "nl"));

        // A volunteer of the line with the console open: someone is there.
        Await.result(presence.seen(sara.id(), NOW.minusSeconds(5)));
        assertEquals(OPEN, read((line, at, lang) -> OPEN).facts("luisterlijn", NOW, "nl"));
        // One away, or of another line, is not.
        Await.result(presence.away(sara.id(), true, NOW.minusSeconds(4)));
        Worker hugo = worker("w-hugo", Set.of("helpdesk:escamp"));
        Await.result(presence.seen(hugo.id(), NOW.minusSeconds(3)));
        assertEquals("false", read((line, at, lang) -> OPEN).facts("luisterlijn", NOW, "nl").get("line_open"));
    }
}
