package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.fakes.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real SDK client against the fake Bot API: what goes out, and what each failure means for the outbox. */
class TelegramSenderTest {
    static final String TOKEN = "7000000001:AAFakeTokenForTestsOnly_0123456789";
    private static final long CHAT = 5550001L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private Vertx vertx;
    private FakeTelegram fake;
    private TelegramApi api;
    private TelegramSender sender;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        fake = FakeTelegram.start(TOKEN);
        sender = senderFor(fake.baseUrl(), Duration.ofSeconds(2));
    }

    private TelegramSender senderFor(String base, Duration timeout) {
        TelegramSettings s = new TelegramSettings(TOKEN, null, base, TelegramSettings.Mode.POLLING, "luisterlijn", null, timeout);
        api = new TelegramApi(vertx, s);
        return new TelegramSender(api, clock, new Pseudonym("test-key-0123456789abcdef".getBytes()));
    }

    @AfterEach
    void stop() {
        api.close();
        fake.close();
        Await.result(vertx.close());
    }

    private static Outbound reply(String id, String text, List<String> buttons) {
        return new Outbound(id, "telegram:" + CHAT, "telegram", String.valueOf(CHAT), text, buttons, Instant.now());
    }

    private SendFailure failure(Outbound m) {
        return assertInstanceOf(SendFailure.class, Await.failure(sender.send(m)));
    }

    @Test
    void aReplyGoesOutAsSendMessageAndGivesTelegramsMessageId() {
        String id = Await.result(sender.send(reply("o1", "Hallo, fijn dat je schrijft.", List.of())));
        var sent = fake.sentTo(CHAT);
        assertEquals(1, sent.size());
        assertEquals("Hallo, fijn dat je schrijft.", sent.get(0).param("text"));
        assertNull(sent.get(0).params().getValue("reply_markup"));
        assertTrue(id.matches("[0-9]+"), id);
    }

    @Test
    void buttonsBecomeAnInlineKeyboardTwoShortLabelsToARow() {
        Await.result(sender.send(reply("o2", "Waarover gaat uw vraag?",
                List.of("Subsidie en fondsen", "Projectplan", "Communicatie", "Samenwerking", "Afspraak maken"))));
        JsonArray rows = keyboard(fake.sentTo(CHAT).get(0));
        // "Subsidie en fondsen" is longer than 16 characters, so every button gets its own row.
        assertEquals(5, rows.size());

        Await.result(sender.send(reply("o3", "Hoe gaat het?", List.of("Goed", "Niet zo goed", "Bel me terug"))));
        rows = keyboard(fake.sentTo(CHAT).get(1));
        assertEquals(2, rows.size());
        assertEquals(2, rows.getJsonArray(0).size());
        assertEquals(1, rows.getJsonArray(1).size());
        JsonObject first = rows.getJsonArray(0).getJsonObject(0);
        assertEquals("Goed", first.getString("text"));
        assertEquals("Goed", first.getString("callback_data"));

        Await.result(sender.send(reply("o4", "Ja of nee?", List.of("Ja", "Nee"))));
        assertEquals(2, keyboard(fake.sentTo(CHAT).get(2)).size(), "two buttons: one per row");
    }

    @Test
    void callbackDataIsCutToSixtyFourBytesWithoutBreakingACharacter() {
        String longLabel = "Ik wil graag een afspraak maken met de accounthouder van mijn stadsdeel 😊";
        Await.result(sender.send(reply("o5", "Kies", List.of(longLabel))));
        JsonObject button = keyboard(fake.sentTo(CHAT).get(0)).getJsonArray(0).getJsonObject(0);
        assertEquals(longLabel, button.getString("text"));
        String data = button.getString("callback_data");
        assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= 64);
        assertTrue(longLabel.startsWith(data));
        String emojis = "😊".repeat(20); // 4 bytes each: 16 fit, and no half of one
        assertEquals("😊".repeat(16), InlineKeyboards.callbackData(emojis));
        assertEquals("é".repeat(32), InlineKeyboards.callbackData("é".repeat(40)));
    }

    @Test
    void aLongReplyIsSplitCleanlyAndTheButtonsGoWithTheLastPart() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 9000; i++) sb.append("Zin nummer ").append(i).append(" van een lang antwoord. ");
        String text = sb.toString().strip();
        String ids = Await.result(sender.send(reply("o6", text, List.of("Ja", "Nee"))));
        var sent = fake.sentTo(CHAT);
        assertEquals(3, sent.size());
        assertEquals(3, ids.split(",").length);
        StringBuilder joined = new StringBuilder();
        for (var r : sent) {
            String part = r.param("text");
            assertTrue(part.length() <= 4096);
            assertTrue(part.endsWith("."), "cut at a sentence end: ..." + part.substring(part.length() - 20));
            joined.append(joined.length() == 0 ? "" : " ").append(part);
        }
        assertEquals(text, joined.toString());
        assertNull(sent.get(0).params().getValue("reply_markup"));
        assertEquals(2, keyboard(sent.get(2)).size());
    }

    @Test
    void aSplitReplyRetriedAfterAFailureDoesNotRepeatThePartsAlreadyDelivered() {
        String text = "Eerste alinea. ".repeat(200).strip() + "\n\n" + "Tweede alinea. ".repeat(200).strip();
        fake.failNext(new FakeTelegram.Pass());
        fake.failNext(new FakeTelegram.ServerError());
        // The first part goes through, the second meets a 500.
        SendFailure f = failure(reply("o7", text, List.of()));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals(2, fake.sentTo(CHAT).size());
        Await.result(sender.send(reply("o7", text, List.of())));
        var sent = fake.sentTo(CHAT);
        assertEquals(3, sent.size());
        assertTrue(sent.get(0).param("text").startsWith("Eerste"));
        assertTrue(sent.get(2).param("text").startsWith("Tweede"));
    }

    @Test
    void blockedByTheUserIsAnOptOut() {
        fake.block(CHAT);
        SendFailure f = failure(reply("o8", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.OPTED_OUT, f.kind());
        assertEquals("403", f.code());
    }

    @Test
    void tooManyRequestsIsRetriedNotBeforeRetryAfter() {
        fake.failNext(new FakeTelegram.TooManyRequests(3));
        SendFailure f = failure(reply("o9", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals("429", f.code());
        assertEquals(Duration.ofSeconds(3), f.retryAfter());
        assertEquals(1, fake.sentTo(CHAT).size());

        // Within the window nothing is sent: the attempt fails at once with the time still to wait.
        clock.advance(Duration.ofSeconds(1));
        SendFailure early = failure(reply("o9", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.RETRY, early.kind());
        assertEquals(Duration.ofSeconds(2), early.retryAfter());
        assertEquals(1, fake.sentTo(CHAT).size());

        clock.advance(Duration.ofSeconds(2));
        Await.result(sender.send(reply("o9", "Hallo", List.of())));
        assertEquals(2, fake.sentTo(CHAT).size());
    }

    @Test
    void serverErrorsAreRetriedAndOtherRefusalsArePermanent() {
        fake.failNext(new FakeTelegram.ServerError());
        assertEquals(SendFailure.Kind.RETRY, failure(reply("o10", "Hallo", List.of())).kind());
        fake.failNext(new FakeTelegram.Refuse(400, "Bad Request: chat not found"));
        SendFailure notFound = failure(reply("o11", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.PERMANENT, notFound.kind());
        assertEquals("400", notFound.code());
        assertEquals(SendFailure.Kind.PERMANENT, failure(new Outbound("o12", "telegram:1", "telegram", "not-a-chat", "Hallo",
                List.of(), Instant.now())).kind());
        assertEquals(2, fake.sentTo(CHAT).size(), "a reply without a chat id is not sent at all");
    }

    @Test
    void aTimeoutAfterSendingIsAmbiguousAndARefusedConnectionIsRetried() throws Exception {
        api.close();
        sender = senderFor(fake.baseUrl(), Duration.ofMillis(500));
        fake.failNext(new FakeTelegram.Stall(Duration.ofSeconds(3)));
        SendFailure f = failure(reply("o13", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.AMBIGUOUS, f.kind());
        assertEquals(1, fake.sentTo(CHAT).size(), "the request did reach Telegram");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        api.close();
        sender = senderFor("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2));
        SendFailure refused = failure(reply("o14", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.RETRY, refused.kind());
        assertEquals("connect", refused.code());
    }

    @Test
    void anUnreadableSuccessIsAmbiguousButAnUnreadableErrorPageIsRetried() {
        fake.failNext(new FakeTelegram.Unreadable(200));
        SendFailure success = failure(reply("o15", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.AMBIGUOUS, success.kind(), "Telegram may have delivered it: not resent blindly");
        assertEquals("unreadable_success", success.code());

        fake.failNext(new FakeTelegram.Unreadable(502));
        SendFailure proxyPage = failure(reply("o16", "Hallo", List.of()));
        assertEquals(SendFailure.Kind.RETRY, proxyPage.kind(), "a 502 page: nothing was sent");
        assertEquals(2, fake.sentTo(CHAT).size());

        // The client is fine afterwards.
        Await.result(sender.send(reply("o17", "Hallo", List.of())));
    }

    private static JsonArray keyboard(FakeTelegram.Request r) {
        Object markup = r.params().getValue("reply_markup");
        JsonObject m = markup instanceof JsonObject o ? o : new JsonObject(String.valueOf(markup));
        return m.getJsonArray("inline_keyboard");
    }
}
