package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.engine.Engine;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.LogCapture;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.Test;

/** Anyone can text the number: what they write, and their number, must never reach a log line. */
class LogCanaryTest {
    private static final String PHONE = "+31612345678";
    private static final String CANARY = "kanarie7319";

    @Test
    void noMessageTextOrPhoneNumberInAnyLogLine() {
        RedisServer redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try (LogCapture logs = LogCapture.start()) {
            try {
                RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
                TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()),
                        new RedisConversationStore(conn), Nlu.shared(), Clock.systemUTC(),
                        new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), new SimpleMeterRegistry(),
                        new Pseudonym("canary-key-0123456789".getBytes()));
                String conv = "sms:" + PHONE;
                for (String text : List.of("hallo " + CANARY, "1", "ik wil niet meer leven " + CANARY, "STOP")) {
                    Await.result(runner.handle(new Inbound(conv, "sms", PHONE, "luisterlijn", "nl", text, "SM" + CANARY,
                            java.time.Instant.now())));
                }
                Await.result(conn.close());
            } finally {
                Await.result(vertx.close());
                redis.stop();
            }
            logs.assertNoneContains(List.of(CANARY, PHONE, "612345678"));
            assertTrue(logs.events().stream().anyMatch(e -> e.getFormattedMessage().contains("crisis")),
                    "the crisis was logged (by pseudonym)");
        }
    }
}
