package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.omkijken.people.AddressKeys;
import nl.omkijken.people.IdSource;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisAuditLog;
import nl.omkijken.store.redis.RedisCannedReplies;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConsoleSessions;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisPeople;
import nl.omkijken.store.redis.RedisPresence;
import nl.omkijken.store.redis.RedisWorkers;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A console session ends when unused for the idle time, and at the absolute time however busy. */
class SessionTimeoutTest {
    private static final String PASSWORD = "lange avond wandeling 88";
    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private HttpServer server;
    private MutableClock clock;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        clock = new MutableClock(Instant.now());
        TurnRunner runner = TestRunners.of(vertx, conn);
        RedisPeople people = new RedisPeople(conn, new AddressKeys("session-test-address-key-0123456789abcdef".getBytes()),
                IdSource.random(), Clock.systemUTC(), Duration.ofDays(30));
        ConsolePorts ports = new ConsolePorts(people, new RedisWorkers(conn), new RedisConsoleSessions(conn), new RedisAuditLog(conn),
                new RedisPresence(conn), new RedisCannedReplies(conn),
                new RedisOutboxStore(conn), new RedisDeliveryStatusStore(conn), null, new nl.omkijken.store.redis.RedisShifts(conn),
                new nl.omkijken.store.redis.RedisDailyFigures(conn), new nl.omkijken.store.redis.RedisOffers(conn));
        Router router = Router.router(vertx);
        new ConsoleApi(vertx, runner, ports, clock, new ConsoleSettings(Duration.ofSeconds(1), Duration.ofHours(12), 5,
                Duration.ofMinutes(15), true), List.of("luisterlijn"), java.util.Map.of()).mount(router);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        TestWorkers.add(redis.url(), "Tess Tijd", Role.STAFF, Set.of("luisterlijn"), PASSWORD);
    }

    @AfterEach
    void stop() {
        Await.result(server.close());
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private ConsoleClient signedIn() {
        ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + server.actualPort());
        assertEquals(200, c.signIn("Tess Tijd", PASSWORD).statusCode());
        return c;
    }

    @Test
    void unusedForTheIdleTimeTheSessionIsOver() throws Exception {
        ConsoleClient c = signedIn();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(400);
            assertEquals(200, c.get("/console/api/me").statusCode(), "in use, the idle time starts again");
        }
        Thread.sleep(1_500);
        assertEquals(401, c.get("/console/api/me").statusCode());
    }

    @Test
    void atTheAbsoluteTimeTheSessionIsOverHoweverBusy() {
        ConsoleClient c = signedIn();
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertEquals(200, c.get("/console/api/me").statusCode());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(401, c.get("/console/api/me").statusCode());
        assertEquals(401, c.get("/console/api/me").statusCode(), "and stays over");
    }

    /** One machine guessing many names waits too, after four times the per-name limit. */
    @Test
    void anAddressThatKeepsFailingWaitsToo() {
        ConsoleClient c = new ConsoleClient("http://127.0.0.1:" + server.actualPort());
        for (int i = 0; i < 20; i++) {
            assertEquals(401, c.signIn("Iemand " + (i % 5), "fout wachtwoord nummer " + i).statusCode());
        }
        var refused = c.signIn("Tess Tijd", PASSWORD);
        assertEquals(429, refused.statusCode());
        assertEquals(true, refused.body().contains("vanaf dit adres"), refused.body());
    }
}
