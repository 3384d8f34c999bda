package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.routing.Routing;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisPeople;
import nl.omkijken.store.redis.RedisPersonMemory;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is kept on the person, not the dialog: the language they write in carries over to their next
 * conversation (also on another address of theirs), and a planned absence is kept as a date. Real
 * dialogs, language model and redis-server.
 */
class PersonMemoryTest {
    private RedisServer redis;
    private Vertx vertx;
    private RedisConnection conn;
    private RedisPeople people;
    private RedisPersonMemory memory;
    private TurnRunner runner;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        people = TestPeople.of(conn);
        memory = new RedisPersonMemory(conn);
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(conn), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"),
                new SimpleMeterRegistry(), new Pseudonym("memory-test-key-0123456789".getBytes()),
                new LineServices(nl.omkijken.runner.LineHours.NONE, WaitHistory.NONE, Routing.none(), Staffing.ASSUMED), memory);
    }

    @AfterEach
    void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    private TurnResult say(People.Known k, String line, String text) {
        return Await.result(runner.handle(new Inbound(k.conversationId(), "sms", k.addressKey(), line, null, text, null, Instant.now())));
    }

    @Test
    void theLanguageSomeoneWritesInIsTheirsInTheNextConversation() {
        People.Known sms = Await.result(people.resolve(Address.of("sms", "+31611122233")));
        say(sms, "luisterlijn", "hallo");
        TurnResult english = say(sms, "luisterlijn", "sorry, I would rather write in English, I feel very lonely");
        assertEquals("en", english.session().language());
        assertEquals("en", Await.result(memory.recall(sms.addressKey())).get("language"));

        // The same person on WhatsApp: a new conversation, in English from its first reply.
        People.Known whatsapp = Await.result(people.resolve(Address.of("whatsapp", "+31611122233")));
        assertTrue(!whatsapp.conversationId().equals(sms.conversationId()), "another conversation");
        TurnResult first = say(whatsapp, "helpdesk", "hallo");
        assertEquals("en", first.session().language());
        assertTrue(first.replies().get(0).text().startsWith("Welcome to the PEP Helpdesk"), first.replies().toString());
    }

    @Test
    void aPlannedAbsenceIsKeptAsADateOnThePerson() {
        People.Known k = Await.result(people.resolve(Address.of("sms", "+31644455566")));
        Await.result(runner.begin(k.conversationId(), "sms", k.addressKey(), "telefooncirkel", "nl", Map.of("first_name", "Riet"),
                "telefooncirkel_checkin"));
        TurnResult absent = say(k, "telefooncirkel", "ik ben er tot vrijdag niet, ik ga logeren bij mijn dochter");
        assertEquals("checkin_absent", absent.session().outcome());
        String until = Await.result(memory.recall(k.addressKey())).get("absent_until");
        LocalDate date = LocalDate.parse(until);
        assertEquals(java.time.DayOfWeek.FRIDAY, date.getDayOfWeek());
        assertTrue(absent.replies().get(0).text().contains("vrijdag " + date.getDayOfMonth()), absent.replies().toString());
    }

    @Test
    void aCallBackAskedForByTextIsFoundWhenAskedAfterOnAnotherChannel() {
        People.Known sms = Await.result(people.resolve(Address.of("sms", "+31677788899")));
        for (String t : List.of("hoi", "2", "Joke", "06-7778 8899", "maakt niet uit")) say(sms, "luisterlijn", t);
        assertEquals(nl.omkijken.handoff.Handoff.Kind.CALLBACK, Await.result(runner.store().load(sms.conversationId())).handoff().kind());

        // The same person on WhatsApp, a conversation of its own without a request: the text's request is the answer.
        People.Known whatsapp = Await.result(people.resolve(Address.of("whatsapp", "+31677788899")));
        TurnResult asked = say(whatsapp, "luisterlijn", "wanneer word ik gebeld?");
        assertEquals(1, asked.replies().size(), asked.replies().toString());
        assertTrue(asked.replies().get(0).text().startsWith("Het verzoek van vandaag om ")
                && asked.replies().get(0).text().contains("staat nog in de wachtrij"), asked.replies().toString());
        assertEquals(null, Await.result(runner.store().load(whatsapp.conversationId())).handoff(), "no second request made");

        // Somebody else asking the same: no request of theirs anywhere, so the welcome, as ever.
        People.Known other = Await.result(people.resolve(Address.of("whatsapp", "+31600011122")));
        assertTrue(say(other, "luisterlijn", "wanneer word ik gebeld?").replies().get(0).text().startsWith("Hoi"));
    }

    @Test
    void aCrisisIsNeverToldElsewhereNorARequestToAPhoneCall() {
        People.Known sms = Await.result(people.resolve(Address.of("sms", "+31655566677")));
        say(sms, "luisterlijn", "ik wil niet meer leven");
        assertTrue(Await.result(runner.store().load(sms.conversationId())).handoff().urgent());
        // Whoever holds the phone on WhatsApp is not told that a crisis request exists.
        People.Known whatsapp = Await.result(people.resolve(Address.of("whatsapp", "+31655566677")));
        TurnResult asked = say(whatsapp, "luisterlijn", "wanneer word ik gebeld?");
        assertFalse(asked.replies().stream().anyMatch(r -> r.text().contains("verzoek")), asked.replies().toString());

        // An ordinary call-back asked for by text is not told to a call (a caller id can be faked).
        People.Known text = Await.result(people.resolve(Address.of("sms", "+31644433322")));
        for (String t : List.of("hoi", "2", "Joke", "06-4443 3322", "maakt niet uit")) say(text, "luisterlijn", t);
        People.Known call = Await.result(people.resolve(Address.of("voice", "+31644433322")));
        TurnResult byPhone = Await.result(runner.handle(new Inbound(call.conversationId(), "voice", call.addressKey(), "luisterlijn", null,
                "wanneer word ik gebeld?", null, Instant.now())));
        assertFalse(byPhone.replies().stream().anyMatch(r -> r.text().contains("verzoek")), byPhone.replies().toString());
    }

    @Test
    void aPersonWhoIsGoneIsNotMadeAgain() {
        Await.result(memory.remember("no-such-address-key", Map.of("language", "en")));
        assertEquals(Map.of(), Await.result(memory.recall("no-such-address-key")));
        io.lettuce.core.RedisClient raw = io.lettuce.core.RedisClient.create(redis.url());
        try (var c = raw.connect()) {
            assertEquals(List.of(), c.sync().keys("omk:person:*"), "no record made for nobody");
        } finally {
            raw.shutdown();
        }
    }
}
