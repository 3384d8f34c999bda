package nl.omkijken.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import nl.omkijken.engine.Event;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.TurnResult;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.TestRunners;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person who writes while the line is closed hears the truth, in their language: nobody is there now,
 * when someone will be, and who to call meanwhile; a crisis still gets the helplines at once. The
 * project's own dialogs and hours (dialogs/hours.yaml), a real redis-server, a clock set to the hour.
 */
class OutOfHoursTest {
    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private MutableClock clock;
    private TurnRunner runner;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        // Christmas Eve, after the Luisterlijn closed at 16:00; it opens again on Sunday the 27th at 10:00.
        clock = new MutableClock(LocalDateTime.parse("2026-12-24T23:00").atZone(OpeningHours.ZONE).toInstant());
        OpeningHours hours = OpeningHoursReader.read(Path.of("dialogs"), List.of("luisterlijn", "helpdesk", "telefooncirkel"));
        runner = TestRunners.of(vertx, conn, clock, hours, nl.omkijken.runner.WaitHistory.NONE);
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private List<String> say(String person, String language, String text) {
        TurnResult r = Await.result(runner.handle(new Inbound("sandbox:" + person, "sandbox", person, "luisterlijn", language,
                text, null, clock.instant())));
        return r.replies().stream().map(Event.Reply::text).toList();
    }

    @Test
    void askingForAPersonAtNightTellsWhenSomeoneIsThereAndOffersAWayForward() {
        say("anna", "nl", "hoi");
        String all = String.join("\n", say("anna", "nl", "1"));
        assertTrue(all.contains("De Luisterlijn is nu gesloten; we zijn er weer zondag 27 december om 10:00."), all);
        assertTrue(all.contains("0800-0113") && all.contains("113"), "who to call now: " + all);
        assertTrue(all.contains("1 = een vrijwilliger belt me als de Luisterlijn open is, 2 = ik laat hier een bericht achter"), all);
        assertTrue(!all.contains("zodra er iemand vrij is"), "no promise that someone is there: " + all);
        String message = String.join("\n", say("anna", "nl", "2"));
        assertTrue(message.contains("Een vrijwilliger leest het zondag 27 december om 10:00"), message);
        String later = String.join("\n", say("anna", "nl", "is er iemand?"));
        assertTrue(later.contains("een vrijwilliger leest dit zondag 27 december om 10:00"), later);
    }

    @Test
    void orACallBackWhenTheLineIsOpen() {
        say("bram", "nl", "hoi");
        say("bram", "nl", "1");
        String asked = String.join("\n", say("bram", "nl", "bel me"));
        assertTrue(asked.contains("Hoe mag de vrijwilliger je noemen?"), "the call-back path: " + asked);
    }

    @Test
    void inEnglishToo() {
        say("ben", "en", "hello");
        String all = String.join("\n", say("ben", "en", "1"));
        assertTrue(all.contains("The Luisterlijn is closed right now; we are back on Sunday 27 December at 10:00."), all);
    }

    @Test
    void aCrisisIsNeverOutOfHours() {
        say("cor", "nl", "hoi");
        List<String> replies = say("cor", "nl", "ik wil er een einde aan maken");
        assertEquals(2, replies.size(), replies.toString());
        assertTrue(replies.get(0).contains("Bel nu gratis 0800-0113 of 113") && replies.get(0).contains("112"), replies.get(0));
        assertTrue(replies.get(1).contains("Er is nu niemand van ons aan het werk") && replies.get(1).contains("113"), replies.get(1));
    }

    @Test
    void inOpeningHoursTheUsualWords() {
        clock.advance(Duration.ofDays(3).plusHours(12)); // Monday 28 December, 11:00: the winter line is open
        say("dirk", "nl", "hoi");
        String all = String.join("\n", say("dirk", "nl", "1"));
        assertTrue(all.contains("zodra er iemand vrij is"), all);
    }
}
