package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nl.omkijken.runner.Inbound;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven: every recorded Telegram update (src/test/resources/webhooks/telegram/) is sent to the
 * real webhook with a valid, forged and missing secret, twice, cut short, and blown up past 64 KiB;
 * each row states the status and what must (or must not) have happened in Redis. A last row checks
 * that no bot token, webhook secret, chat id or message text reached any log line.
 */
class TelegramWebhookHarnessTest {
    private static final Path PAYLOADS = Path.of("src/test/resources/webhooks/telegram");
    /** In the texts of the recorded updates: must never reach a log line. */
    private static final String CANARY = "kanarie4242";
    private static final List<String> CHAT_IDS = List.of("5550001", "5550002", "5550003");

    private static RedisServer redis;
    private static TelegramRig rig;
    private static LogCapture logs;

    /** How a recorded update is sent. */
    enum Variant { VALID, FORGED_SECRET, MISSING_SECRET, DUPLICATE, MALFORMED, OVERSIZE, OVERSIZE_FORGED }

    /** What a valid delivery of a recorded update must do. */
    record Expect(int status, Consumer<JsonObject> queued, String ignoredKind, String optedOut, boolean answersButton) {
        static Expect queued(Consumer<JsonObject> check) { return new Expect(200, check, null, null, false); }
        static Expect button(Consumer<JsonObject> check) { return new Expect(200, check, null, null, true); }
        static Expect ignored(String kind) { return new Expect(200, null, kind, null, false); }
        static Expect optsOut(String conversationId) { return new Expect(200, null, null, conversationId, false); }
        static Expect refused(int status) { return new Expect(status, null, null, null, false); }
    }

    record Payload(String file, Expect expect) {}

    private static final List<Payload> PAYLOAD_TABLE = List.of(
            new Payload("text.json", Expect.queued(in -> {
                assertEquals("telegram:5550001", in.getString("conversationId"));
                assertEquals("telegram", in.getString("channel"));
                assertEquals("5550001", in.getString("address"));
                assertEquals("luisterlijn", in.getString("line"));
                assertEquals("nl", in.getString("language"));
                assertEquals("Hallo, ik voel me wat alleen kanarie4242", in.getString("text"));
                assertEquals("713100001", in.getString("providerId"));
                assertEquals(new JsonArray(), in.getJsonArray("media"));
            })),
            new Payload("start_helpdesk.json", Expect.queued(in -> {
                assertEquals("telegram:5550002", in.getString("conversationId"));
                assertEquals("helpdesk", in.getString("line"));
                assertEquals("/start", in.getString("text"));
            })),
            new Payload("start_unknown_line.json", Expect.queued(in -> {
                assertEquals("luisterlijn", in.getString("line"), "an unknown deep-link parameter gives the default line");
                assertEquals("en", in.getString("language"));
                assertEquals("/start", in.getString("text"));
            })),
            new Payload("callback_query.json", Expect.button(in -> {
                assertEquals("telegram:5550002", in.getString("conversationId"));
                assertEquals("Subsidie en fondsen", in.getString("text"));
                assertEquals("713100004", in.getString("providerId"));
            })),
            new Payload("photo.json", Expect.queued(in -> {
                assertEquals("", in.getString("text"));
                assertEquals(new JsonArray().add("image/jpeg"), in.getJsonArray("media"));
            })),
            new Payload("voice.json", Expect.queued(in -> assertEquals(new JsonArray().add("audio/ogg"), in.getJsonArray("media")))),
            new Payload("document_with_caption.json", Expect.queued(in -> {
                assertEquals("Kunt u deze brief lezen? kanarie4242", in.getString("text"));
                assertEquals(new JsonArray().add("application/pdf"), in.getJsonArray("media"));
            })),
            new Payload("unknown_fields.json", Expect.queued(in -> assertEquals("Nog een bericht kanarie4242", in.getString("text")))),
            new Payload("edited_message.json", Expect.ignored("edited_message")),
            new Payload("sticker.json", Expect.ignored("sticker")),
            new Payload("location.json", Expect.ignored("location")),
            new Payload("channel_post.json", Expect.ignored("channel_post")),
            new Payload("group_message.json", Expect.ignored("group_message")),
            new Payload("my_chat_member_kicked.json", Expect.optsOut("telegram:5550001")),
            new Payload("missing_chat.json", Expect.refused(400)),
            new Payload("missing_update_id.json", Expect.refused(400)));

    @BeforeAll
    static void start() {
        logs = LogCapture.start();
        redis = RedisServer.start();
        rig = new TelegramRig(redis, TelegramSettings.Mode.WEBHOOK, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        logs.close();
        if (rig != null) rig.close();
        if (redis != null) redis.stop();
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedUpdateInEveryVariant() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Payload p : PAYLOAD_TABLE) {
            for (Variant v : Variant.values()) {
                tests.add(dynamicTest(p.file() + " " + v, () -> run(p, v)));
            }
        }
        tests.add(dynamicTest("JSON sent as a form is refused", () -> refusedWithoutEffect(
                rig.post("update_id=1&message=hallo".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
                        TelegramRig.SECRET), 400)));
        tests.add(dynamicTest("invalid UTF-8 is refused", () -> {
            byte[] body = read("text.json");
            byte[] bad = new String(body, StandardCharsets.UTF_8).replace("Hallo", "Ha\u0000lo").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bad.length; i++) if (bad[i] == 0) bad[i] = (byte) 0xC3; // a lead byte without its follower
            refusedWithoutEffect(rig.post(bad, "application/json", TelegramRig.SECRET), 400);
        }));
        tests.add(dynamicTest("a JSON array is refused", () -> refusedWithoutEffect(
                rig.post("[1,2]".getBytes(StandardCharsets.UTF_8), "application/json", TelegramRig.SECRET), 400)));
        tests.add(dynamicTest("an empty body is refused", () -> refusedWithoutEffect(
                rig.post(new byte[0], "application/json", TelegramRig.SECRET), 400)));
        tests.add(dynamicTest("a secret of the right length but one character off is refused", () -> {
            String off = TelegramRig.SECRET.substring(0, TelegramRig.SECRET.length() - 1) + "x";
            refusedWithoutEffect(rig.post(read("text.json"), "application/json", off), 403);
        }));
        tests.add(dynamicTest("a secret with the right start but longer is refused", () ->
                refusedWithoutEffect(rig.post(read("text.json"), "application/json", TelegramRig.SECRET + "extra"), 403)));
        tests.add(dynamicTest("a queue that cannot store the update gives 503, so Telegram delivers it again", () -> {
            reset();
            assertEquals("+OK", nl.omkijken.store.redis.RedisWire.call(redis.port(), java.time.Duration.ofSeconds(2),
                    "CONFIG", "SET", "min-replicas-to-write", "1"));
            try {
                noEffect(rig.post(read("text.json"), "application/json", TelegramRig.SECRET), 503, 0);
            } finally {
                assertEquals("+OK", nl.omkijken.store.redis.RedisWire.call(redis.port(), java.time.Duration.ofSeconds(2),
                        "CONFIG", "SET", "min-replicas-to-write", "0"));
            }
            HttpResponse<String> again = rig.post(read("text.json"), "application/json", TelegramRig.SECRET);
            assertEquals(200, again.statusCode(), "the redelivery is taken once Redis writes again");
            assertEquals(1, rig.queued().size());
        }));
        tests.add(dynamicTest("no bot token, secret, chat id or message text in any log line", TelegramWebhookHarnessTest::logsAreClean));
        return tests.stream();
    }

    private static void run(Payload p, Variant v) {
        reset();
        if (p.expect().optedOut() != null) existingConversation(p.expect().optedOut());
        long keysBefore = rig.keyCount();
        byte[] body = read(p.file());
        switch (v) {
            case VALID:
                expectValid(p, rig.post(body, "application/json", TelegramRig.SECRET), 1);
                break;
            case DUPLICATE: {
                HttpResponse<String> first = rig.post(body, "application/json", TelegramRig.SECRET);
                HttpResponse<String> again = rig.post(body, "application/json", TelegramRig.SECRET);
                assertEquals(first.statusCode(), again.statusCode(), "a redelivery is answered as the first delivery");
                expectValid(p, again, 2);
                break;
            }
            case FORGED_SECRET:
                noEffect(rig.post(body, "application/json", "forged-secret-0123456789"), 403, keysBefore);
                break;
            case MISSING_SECRET:
                noEffect(rig.post(body, "application/json", null), 403, keysBefore);
                break;
            case MALFORMED:
                noEffect(rig.post(java.util.Arrays.copyOf(body, body.length / 2), "application/json", TelegramRig.SECRET), 400, keysBefore);
                break;
            case OVERSIZE:
                noEffect(rig.post(oversize(body), "application/json", TelegramRig.SECRET), 413, keysBefore);
                break;
            case OVERSIZE_FORGED:
                noEffect(rig.post(oversize(body), "application/json", "forged-secret-0123456789"), 403, keysBefore);
                break;
            default:
                throw new IllegalStateException(v.name());
        }
    }

    /** One valid delivery, or {@code deliveries} of the same update: the effect happens exactly once. */
    private static void expectValid(Payload p, HttpResponse<String> response, int deliveries) {
        Expect e = p.expect();
        assertEquals(e.status(), response.statusCode(), response.body());
        List<JsonObject> queued = rig.queued();
        if (e.queued() != null) {
            assertEquals(1, queued.size(), "exactly one queued message after " + deliveries + " deliveries");
            e.queued().accept(queued.get(0));
        } else {
            assertEquals(0, queued.size(), "nothing queued");
        }
        if (e.ignoredKind() != null) assertEquals(deliveries, rig.ignored(e.ignoredKind()), 0.0);
        if (e.optedOut() != null) assertTrue(rig.optedOut(e.optedOut()), "the contact is opted out");
        if (e.answersButton()) {
            Await.result(rig.fake.awaitRequest("answerCallbackQuery", r -> "4382bfdwdsb323b2d9".equals(r.param("callback_query_id"))));
            assertEquals(1, rig.fake.requests("answerCallbackQuery").size(), "answered once, not per delivery");
        } else {
            assertEquals(0, rig.fake.requests("answerCallbackQuery").size());
        }
    }

    private static void noEffect(HttpResponse<String> response, int status, long keysBefore) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(keysBefore, rig.keyCount(), "nothing written to Redis");
        assertEquals(0, rig.queued().size());
        assertEquals(0, rig.fake.requests().size(), "nothing sent to Telegram");
        assertFalse(rig.optedOut("telegram:5550001"));
        assertEquals(0, rig.metrics.find("omk_webhook_ignored_total").counters().stream().mapToDouble(c -> c.count()).sum(), 0.0);
    }

    private static void refusedWithoutEffect(HttpResponse<String> response, int status) {
        reset();
        noEffect(response, status, 0);
    }

    private static void reset() {
        redis.flushAll();
        rig.fake.clear();
        rig.metrics.clear();
    }

    /** A conversation that exists before the person blocks the bot. */
    private static void existingConversation(String conversationId) {
        String chat = conversationId.substring("telegram:".length());
        Await.result(rig.runner.handle(new Inbound(conversationId, "telegram", chat, "luisterlijn", "nl", "hallo", null,
                Instant.now())));
        assertFalse(rig.optedOut(conversationId));
    }

    /** The recorded update with a field that takes it past 64 KiB: still valid JSON. */
    private static byte[] oversize(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        String padded = "{\"padding\":\"" + "x".repeat(70 * 1024) + "\"," + json.substring(1);
        return padded.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(PAYLOADS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void logsAreClean() {
        List<String> forbidden = new ArrayList<>(List.of(TelegramRig.TOKEN, "AAFakeTokenForTestsOnly", TelegramRig.SECRET, CANARY));
        forbidden.addAll(CHAT_IDS);
        logs.assertNoneContains(forbidden);
    }
}
