package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.RedisScan;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import nl.omkijken.testing.fakes.FakeTelegram;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.ProviderMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each line hands a person to a human and back over a real channel adapter (Twilio's and Telegram's SDKs
 * against fake providers on 127.0.0.1): the Luisterlijn by SMS, the Helpdesk by WhatsApp, the
 * Telefooncirkel by Telegram. The worker's reply reaches the person's own channel; handed back, the bot
 * answers there again. Afterwards every key the console wrote is of a listed family.
 */
class HandoffOverChannelsTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "handoff-auth-token-0123456789";
    private static final String BOT = "7000000003:AAFakeTokenForHandoffTest_0123456789";
    private static final String LUISTER = "+3197010200300";
    private static final String HELP = "+3197010200400";
    private static final String ANNA = "+31612345678";
    private static final String ORG = "+31687654321";
    private static final long CHAT = 555009876L;
    private static final String PASSWORD = "paraplu theepot fiets 1955";

    private ProviderMessages messages;
    private Vertx vertx;
    private FakeTwilio twilio;
    private FakeTelegram telegram;
    private RunningService service;

    @AfterEach
    void stop() {
        if (service != null) service.close();
        if (twilio != null) twilio.close();
        if (telegram != null) telegram.close();
        if (vertx != null) Await.result(vertx.close());
    }

    @Test
    void everyLineHandsAPersonToAHumanAndBackOverItsChannel(@TempDir Path data) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        telegram = FakeTelegram.start(BOT);
        Map<String, String> env = twilio.serviceEnv();
        env.put("TWILIO_NUMBERS_LUISTERLIJN", LUISTER);
        env.put("TWILIO_NUMBERS_HELPDESK", "whatsapp:" + HELP);
        env.put("TELEGRAM_BOT_TOKEN", BOT);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
        env.put("TELEGRAM_MODE", "polling");
        env.put("TELEGRAM_DEFAULT_LINE", "telefooncirkel");
        service = RunningService.start(data, env);
        messages = new ProviderMessages(ACCOUNT, TOKEN, service.port());
        TestWorkers.add(service.redisUrl(), "Sam Medewerker", Role.STAFF, Set.of("luisterlijn", "helpdesk", "telefooncirkel"), PASSWORD);
        ConsoleClient sam = new ConsoleClient(service.base());
        assertEquals(200, sam.signIn("Sam Medewerker", PASSWORD).statusCode());

        // Luisterlijn by SMS.
        assertEquals(200, messages.twilio(ANNA, LUISTER, "hallo"));
        assertEquals(200, messages.twilio(ANNA, LUISTER, "ik wil graag een medewerker spreken"));
        String anna = waitingWith(sam, ANNA);
        roundTrip(sam, anna, "Dag, u spreekt met Sam van de Luisterlijn.",
                () -> bodiesTo(ANNA), "Wat wil je het liefst?");

        // Helpdesk by WhatsApp.
        assertEquals(200, messages.twilio("whatsapp:" + ORG, "whatsapp:" + HELP, "goedemiddag"));
        assertEquals(200, messages.twilio("whatsapp:" + ORG, "whatsapp:" + HELP, "ik wil een medewerker spreken"));
        String org = waitingWith(sam, ORG);
        roundTrip(sam, org, "Goedemiddag, met Sam van de Helpdesk. Waarmee kan ik helpen?",
                () -> bodiesTo("whatsapp:" + ORG), null);

        // Telefooncirkel by Telegram.
        telegram.queueUpdate(messages.telegramText(CHAT, "hallo"));
        Poll.until(() -> !telegram.sentTo(CHAT).isEmpty(), Duration.ofSeconds(20), "the Telegram welcome");
        telegram.queueUpdate(messages.telegramText(CHAT, "ik wil met een medewerker praten"));
        String chat = waitingWith(sam, String.valueOf(CHAT));
        roundTrip(sam, chat, "Goedemorgen, met Sam van de Telefooncirkel.",
                () -> telegram.sentTo(CHAT).stream().map(r -> r.param("text")).toList(), null);

        for (Map.Entry<String, Long> key : RedisScan.ttls(service.redisUrl()).entrySet()) {
            RedisKeys.Family family = RedisKeys.familyOf(key.getKey());
            assertNotNull(family, key.getKey() + " is of no family listed in RedisKeys");
            if (family.lifetime() == RedisKeys.Lifetime.TTL) {
                assertTrue(key.getValue() > 0, key.getKey() + " should expire (" + family.how() + ")");
            }
        }
    }

    /** Take over, reply (it arrives on the channel), hand back (the bot answers there again). */
    private void roundTrip(ConsoleClient sam, String id, String reply, java.util.function.Supplier<List<String>> sent,
                           String menuStarts) {
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/take", null).statusCode());
        outboxDrained();
        int before = sent.get().size();
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/reply", new JsonObject().put("text", reply)).statusCode());
        Poll.until(() -> sent.get().contains(reply), Duration.ofSeconds(20), "the worker's reply on the channel");
        assertEquals(before + 1, sent.get().size(), "only the worker's reply: " + sent.get());
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/hand-back", new JsonObject()).statusCode());
        Poll.until(() -> sent.get().size() > before + 1, Duration.ofSeconds(20), "the bot answers again");
        if (menuStarts != null) {
            List<String> all = sent.get();
            assertTrue(all.get(all.size() - 1).startsWith(menuStarts), all.toString());
        }
        JsonObject c = new JsonObject(sam.get("/console/api/conversations/" + id).body());
        assertEquals("RESOLVED", c.getString("state"));
        assertEquals("BOT", c.getString("ownership"));
    }

    /** Every reply so far has left (the bot's answers go out after their turn, asynchronously). */
    private void outboxDrained() {
        Poll.until(() -> RedisScan.all(service.redisUrl()).stream().noneMatch(p -> p.key().equals("omk:outbox")
                && p.part().equals("entry id")), Duration.ofSeconds(30), "the outbox is empty");
    }

    private static String waitingWith(ConsoleClient sam, String address) {
        String[] found = new String[1];
        Poll.until(() -> {
            JsonObject inbox = new JsonObject(sam.get("/console/api/inbox").body());
            for (Object o : inbox.getJsonArray("waiting")) {
                JsonObject item = (JsonObject) o;
                if (address.equals(item.getJsonObject("person").getString("address"))) {
                    found[0] = item.getString("id");
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(20), address + " waits in the console");
        return found[0];
    }

    private List<String> bodiesTo(String to) {
        return twilio.createdTo(to).stream().map(FakeTwilio.Received::body).toList();
    }

}
