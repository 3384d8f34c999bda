package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.omkijken.store.redis.RedisKeys;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisScan;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.fakes.FakeTelegram;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.ProviderMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After conversations over every channel (SMS, WhatsApp, Telegram, the sandbox), with a handoff in the
 * staff queue and replies sent, nothing in Redis names a person's phone number or chat id: no key name,
 * hash field, list item, set member or stream entry. The one place each address is stored is the
 * person's record, once; the same number on SMS and WhatsApp is one person with two conversations. And
 * every key is of a family listed in RedisKeys, each that should expire with a time to live.
 */
class PrivacyScanTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "privacy-auth-token-0123456789";
    private static final String BOT = "7000000002:AAFakeTokenForPrivacyScan_0123456789";
    private static final String US = "+3197010200300";
    private static final String ANNA = "+31612345678";
    private static final String BERT = "+31687654321";
    private static final long CHAT = 555001234L;
    private static final String SANDBOX_NAME = "gesprek-8842";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
    void noKeyMemberOrStreamEntryNamesAPhoneNumberOrChatId(@TempDir Path data) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        telegram = FakeTelegram.start(BOT);
        Map<String, String> env = twilio.serviceEnv();
        env.put("TWILIO_NUMBERS_LUISTERLIJN", US + ",whatsapp:" + US);
        env.put("TELEGRAM_BOT_TOKEN", BOT);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
        env.put("TELEGRAM_MODE", "polling");
        env.put("SANDBOX", "true");
        service = RunningService.start(data, env);
        messages = new ProviderMessages(ACCOUNT, TOKEN, service.port());

        // Anna texts and asks for a person (she waits in the staff queue), then writes on WhatsApp too;
        // Bert writes on WhatsApp; a Telegram chat asks for a person; the sandbox chats.
        assertEquals(200, messages.twilio(ANNA, US, "hallo"));
        assertEquals(200, messages.twilio(ANNA, US, "ik wil graag een medewerker spreken"));
        assertEquals(200, messages.twilio("whatsapp:" + ANNA, "whatsapp:" + US, "hoi, ik schrijf nu via whatsapp"));
        assertEquals(200, messages.twilio("whatsapp:" + BERT, "whatsapp:" + US, "goedemiddag"));
        telegram.queueUpdate(messages.telegramText(CHAT, "hallo"));
        Poll.until(() -> !telegram.sentTo(CHAT).isEmpty(), Duration.ofSeconds(20), "the Telegram welcome");
        telegram.queueUpdate(messages.telegramText(CHAT, "ik wil met iemand praten"));
        assertEquals(200, sandbox("hallo").statusCode());
        assertEquals(200, sandbox("ik wil graag een medewerker spreken").statusCode());

        Poll.until(() -> twilio.createdTo(ANNA).size() >= 3 && twilio.createdTo("whatsapp:" + ANNA).size() >= 1
                        && twilio.createdTo("whatsapp:" + BERT).size() >= 1 && telegram.sentTo(CHAT).size() >= 3,
                Duration.ofSeconds(30), "replies reached every channel");
        Poll.until(() -> RedisScan.all(service.redisUrl()).stream().noneMatch(p -> p.key().equals("omk:outbox")
                && p.part().equals("entry id")), Duration.ofSeconds(30), "the outbox is empty");

        List<RedisScan.Piece> all = RedisScan.all(service.redisUrl());
        assertTrue(all.stream().anyMatch(p -> p.key().startsWith("omk:queue:") && p.part().equals("member")),
                "someone waits in a staff queue");
        for (String needle : List.of(ANNA.substring(1), BERT.substring(1), String.valueOf(CHAT), SANDBOX_NAME)) {
            List<RedisScan.Piece> found = RedisScan.containing(all, needle);
            List<RedisScan.Piece> elsewhere = found.stream().filter(p -> !inPersonRecord(p)).toList();
            assertEquals(List.of(), elsewhere, needle + " is stored outside the person's record");
            assertTrue(!found.isEmpty(), needle + " is kept where replies need it");
            assertEquals(1, found.stream().map(RedisScan.Piece::key).distinct().count(), needle + " is in one person's record");
        }
        // Anna: one person, two addresses (SMS and WhatsApp), two conversations.
        Map<String, List<RedisScan.Piece>> annas = RedisScan.containing(all, ANNA.substring(1)).stream()
                .collect(Collectors.groupingBy(RedisScan.Piece::key));
        List<RedisScan.Piece> record = all.stream().filter(p -> p.key().equals(annas.keySet().iterator().next())).toList();
        assertEquals(2, annas.values().iterator().next().size(), "her SMS and WhatsApp addresses");
        assertEquals(2, record.stream().filter(p -> p.part().equals("field") && p.text().startsWith("c:")).count(),
                "her two conversations");

        // Every key the service wrote is of a listed family, and each of those that live by a TTL has one.
        for (Map.Entry<String, Long> key : RedisScan.ttls(service.redisUrl()).entrySet()) {
            RedisKeys.Family family = RedisKeys.familyOf(key.getKey());
            assertNotNull(family, key.getKey() + " is of no family listed in RedisKeys");
            if (family.lifetime() == RedisKeys.Lifetime.TTL) {
                assertTrue(key.getValue() > 0, key.getKey() + " should expire (" + family.how() + ")");
            }
        }
    }

    private static boolean inPersonRecord(RedisScan.Piece p) {
        return p.key().startsWith("omk:person:{") && p.part().startsWith("value of a:");
    }

    private HttpResponse<String> sandbox(String text) throws Exception {
        JsonObject body = new JsonObject().put("text", text).put("line", "luisterlijn");
        return http.send(HttpRequest.newBuilder(URI.create(service.base() + "/sandbox/api/conversations/" + SANDBOX_NAME
                        + "/messages")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

}
