package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.Engine;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Anyone can text the number: what they write, and their number, must never reach a log line. */
class LogCanaryTest {
    private static final String PHONE = "+31612345678";
    private static final String CANARY = "kanarie7319";

    @Test
    void noMessageTextOrPhoneNumberInAnyLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("nl.omkijken")).setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        RedisServer redis = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        try {
            RedisConnection conn = Await.result(RedisConnection.connect(vertx, redis.url()));
            TurnRunner runner = new TurnRunner(vertx, new Engine(DialogLoader.load(Path.of("dialogs")).dialogSet()),
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
            root.detachAppender(captured);
            root.setLevel(before);
        }
        assertFalse(captured.list.isEmpty(), "the turns did log (crisis, handoff, opt-out)");
        boolean sawCrisis = false;
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
            assertFalse(line.contains(CANARY), "message text in a log line: " + line);
            assertFalse(line.contains(PHONE) || line.contains("612345678"), "phone number in a log line: " + line);
            sawCrisis |= line.contains("crisis");
        }
        assertTrue(sawCrisis, "the crisis was logged (by pseudonym)");
    }
}
