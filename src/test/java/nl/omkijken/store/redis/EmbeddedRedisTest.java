package nl.omkijken.store.redis;

import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.testing.TestPeople;
import static nl.omkijken.store.redis.Turns.T0;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore.Lock;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.TurnCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class EmbeddedRedisTest {
    private static final String ID = "sms:+31612345678";
    private static final Duration START = EmbeddedRedis.DEFAULT_START_TIMEOUT;

    @TempDir
    Path dataDir;
    private EmbeddedRedis running;

    @AfterEach
    void stopServer() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void installedServerKeepsItsDataAcrossARestart(Vertx vertx) throws IOException {
        keepsDataAcrossRestart(vertx, RedisBinary.system());
        assertFalse(running.program().bundled());
    }

    @Test
    void bundledServerFromTheJarKeepsItsDataAcrossARestart(Vertx vertx) throws IOException {
        keepsDataAcrossRestart(vertx, RedisBinary.bundled());
        assertTrue(running.program().bundled());
        assertEquals(6, running.program().major());
        assertTrue(running.program().command().startsWith(dataDir.resolve("bin").toString()),
                "binary extracted into the data dir: " + running.program().command());
    }

    private void keepsDataAcrossRestart(Vertx vertx, RedisBinary binary) throws IOException {
        running = EmbeddedRedis.start(dataDir, 0, binary, START);
        int port = running.port();
        assertEquals("redis://127.0.0.1:" + port, running.url());
        TurnCommit turn = Turns.plain(ID, 4, "hoi", "hallo");
        RedisConnection redis = result(RedisConnection.connect(vertx, running.url()));
        RedisConversationStore store = new RedisConversationStore(redis);
        Lock lock = result(store.lock(ID, Duration.ofSeconds(10), Duration.ofSeconds(5)));
        result(store.commit(lock, turn));
        result(redis.close());
        running.stop();
        assertFalse(running.isRunning());

        running = EmbeddedRedis.start(dataDir, port, binary, START);
        redis = result(RedisConnection.connect(vertx, running.url()));
        store = new RedisConversationStore(redis);
        Conversation back = result(store.load(ID));
        assertEquals(turn.session(), back.session());
        assertEquals(turn.transcript(), result(store.transcript(ID)));
        result(redis.close());
    }

    @Test
    void theStoresWorkOnTheBundledRedis62(Vertx vertx) throws IOException {
        running = EmbeddedRedis.start(dataDir, 0, RedisBinary.bundled(), START);
        RedisConnection redis = result(RedisConnection.connect(vertx, running.url()));
        try {
            RedisConversationStore store = new RedisConversationStore(redis);
            RedisJobStore jobs = new RedisJobStore(redis);
            RedisOutboxStore outbox = new RedisOutboxStore(redis);
            result(outbox.start());

            // The person and their conversation, as a first message makes them (lib_people.lua on Redis 6.2).
            People.Known known = TestPeople.resolve(redis, new Address("sms", "+31612345678", "+31612345678|+3197010200300"));
            String conv = known.conversationId();
            Outbound reply = new Outbound("out-1", conv, "sms", known.addressKey(), "hallo", List.of(), T0);
            Outbound sent = reply.to("+31612345678|+3197010200300");
            Lock lock = result(store.lock(conv, Duration.ofSeconds(10), Duration.ofSeconds(5)));
            result(store.commit(lock, Turns.builder(conv, 1).address(known.addressKey())
                    .timers(Turns.schedule(conv, "bel", T0))
                    .outbound(reply)
                    .handoff(Turns.request(conv, null, "luisterlijn", false, T0)).build()));
            result(store.commit(lock, Turns.builder(conv, 2).address(known.addressKey())
                    .handoff(Turns.request(conv, result(store.load(conv)).handoff(), "luisterlijn", true, T0.plusSeconds(5))).build()));
            assertEquals(1L, result(store.queuePosition("luisterlijn", conv)));

            List<nl.omkijken.runner.ClaimedJob> due = result(jobs.claimDue(T0, 5, Duration.ofSeconds(30)));
            assertEquals(1, due.size());
            assertEquals(List.of(sent), result(outbox.claim("dead", 5, Duration.ofMinutes(1))));
            Promise<Void> idle = Promise.promise();
            vertx.setTimer(50, t -> idle.complete());
            List<Outbound> takenOver = result(idle.future().compose(v -> outbox.claim("alive", 5, Duration.ofMillis(20))));
            assertEquals(List.of(sent), takenOver);
            result(outbox.complete(takenOver.get(0), "sent", "SM1"));
            assertEquals("sent", result(outbox.status("out-1")));
        } finally {
            result(redis.close());
        }
    }

    @Test
    void aTakenPortIsReportedAsSuch() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException e = assertThrows(IOException.class,
                    () -> EmbeddedRedis.start(dataDir, taken.getLocalPort(), RedisBinary.preferSystem(), START));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
                    e.getMessage());
        }
    }

    @Test
    void aServerThatExitsAtOnceIsReportedWithItsExitCode() {
        RedisBinary broken = new RedisBinary() {
            @Override
            public Program locate(Path dir) {
                return new Program("/bin/false", 7, 0, "7.0.0", false);
            }
        };
        IOException e = assertThrows(IOException.class, () -> EmbeddedRedis.start(dataDir, 0, broken, START));
        assertTrue(e.getMessage().contains("could not start: exited with code 1"), e.getMessage());
    }

    @Test
    void aProgramThatCannotRunIsReported() {
        RedisBinary missing = new RedisBinary() {
            @Override
            public Program locate(Path dir) {
                return new Program(dataDir.resolve("no-such-redis-server").toString(), 7, 0, "7.0.0", false);
            }
        };
        IOException e = assertThrows(IOException.class, () -> EmbeddedRedis.start(dataDir, 0, missing, START));
        assertTrue(e.getMessage().contains("cannot run redis-server"), e.getMessage());
    }

    @Test
    void theBundled62RefusesDataWrittenByRedis7() throws IOException {
        running = EmbeddedRedis.start(dataDir, 0, RedisBinary.system(), START);
        assumeTrue(running.program().atLeast(7, 0), "installed redis-server is older than 7");
        running.stop();
        running = null;
        assertTrue(Files.isDirectory(dataDir.resolve("appendonlydir")));
        IOException e = assertThrows(IOException.class,
                () -> EmbeddedRedis.start(dataDir, 0, RedisBinary.bundled(), START));
        assertTrue(e.getMessage().contains("written by Redis 7"), e.getMessage());
    }
}
