package nl.omkijken.channels;

import nl.omkijken.testing.TestPeople;
import static nl.omkijken.channels.ChannelHarnessRow.Effect.NOTHING_STORED;
import static nl.omkijken.channels.ChannelHarnessRow.Effect.NOT_QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.channels.ChannelHarnessRow.Exchange;
import nl.omkijken.channels.ChannelHarnessRow.Queued;
import nl.omkijken.channels.ChannelHarnessRow.WebhookRequest;
import nl.omkijken.channels.telegram.TelegramChannel;
import nl.omkijken.channels.telegram.TelegramSettings;
import nl.omkijken.runner.Inbound;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.fakes.FakeTelegram;

/**
 * Telegram's rows: every recorded update of src/test/resources/webhooks/telegram sent with the right
 * secret, a forged one, none, twice, cut short and past 64 KiB; plus bodies that are not a JSON update.
 */
final class ChannelHarnessTelegram implements ChannelHarnessProvider {
    static final String TOKEN = "7000000001:AAHarnessTokenForTestsOnly_0123456789";
    static final String SECRET = "harness-webhook-secret_0123456789";
    private static final String PATH = "/webhooks/telegram";
    private static final String JSON = "application/json";
    private static final Path PAYLOADS = Path.of("src/test/resources/webhooks/telegram");
    /** In the texts of the recorded updates, and the chat ids: never in a log line. */
    private static final String[] PERSONAL = {"kanarie4242", "5550001", "5550002", "5550003"};

    private FakeTelegram fake;
    private TelegramChannel channel;
    /** The ignored-update counter is shared by all rows: each check knows the total its row brings it to. */
    private final Map<String, Integer> ignoredSoFar = new HashMap<>();

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public void mount(ChannelHarness.Context c) {
        fake = FakeTelegram.start(TOKEN);
        TelegramSettings settings = new TelegramSettings(TOKEN, SECRET, fake.baseUrl(), TelegramSettings.Mode.WEBHOOK,
                "luisterlijn", c.publicBaseUrl(), Duration.ofSeconds(5));
        channel = new TelegramChannel(c.vertx(), settings, c.runner().engine().dialogs().lines(), c.queue(),
                TestPeople.optOuts(c.redis(), c.runner()::markOptedOut), c.metrics(), c.pseudonym(), c.clock());
        channel.mount(c.router());
    }

    @Override
    public void close() {
        if (channel != null) Await.result(channel.stop());
        if (fake != null) fake.close();
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN, "AAHarnessTokenForTestsOnly", SECRET);
    }

    /** What a valid delivery of a recorded update does. */
    private record Expect(int status, Queued queued, String ignoredKind, String callbackId, String blocks) {}

    private static Queued queued(long chat, String line, String text, long updateId, String... media) {
        return new Queued("telegram:" + chat, "telegram", String.valueOf(chat), line, text, String.valueOf(updateId), List.of(media));
    }

    private static final Map<String, Expect> RECORDED = new java.util.LinkedHashMap<>();

    static {
        RECORDED.put("text.json", new Expect(200, queued(5550001, "luisterlijn", "Hallo, ik voel me wat alleen kanarie4242", 713100001), null, null, null));
        RECORDED.put("start_helpdesk.json", new Expect(200, queued(5550002, "helpdesk", "/start", 713100002), null, null, null));
        RECORDED.put("start_unknown_line.json", new Expect(200, queued(5550003, "luisterlijn", "/start", 713100003), null, null, null));
        RECORDED.put("callback_query.json", new Expect(200, queued(5550002, "luisterlijn", "Subsidie en fondsen", 713100004), null,
                "4382bfdwdsb323b2d9", null));
        RECORDED.put("photo.json", new Expect(200, queued(5550001, "luisterlijn", "", 713100005, "image/jpeg"), null, null, null));
        RECORDED.put("voice.json", new Expect(200, queued(5550001, "luisterlijn", "", 713100006, "audio/ogg"), null, null, null));
        RECORDED.put("document_with_caption.json", new Expect(200, queued(5550001, "luisterlijn",
                "Kunt u deze brief lezen? kanarie4242", 713100013, "application/pdf"), null, null, null));
        RECORDED.put("unknown_fields.json", new Expect(200, queued(5550001, "luisterlijn", "Nog een bericht kanarie4242", 713100014),
                null, null, null));
        RECORDED.put("edited_message.json", new Expect(200, null, "edited_message", null, null));
        RECORDED.put("sticker.json", new Expect(200, null, "sticker", null, null));
        RECORDED.put("location.json", new Expect(200, null, "location", null, null));
        RECORDED.put("channel_post.json", new Expect(200, null, "channel_post", null, null));
        RECORDED.put("group_message.json", new Expect(200, null, "group_message", null, null));
        RECORDED.put("my_chat_member_kicked.json", new Expect(200, null, null, null, "telegram:5550001"));
        RECORDED.put("missing_chat.json", new Expect(400, null, null, null, null));
        RECORDED.put("missing_update_id.json", new Expect(400, null, null, null, null));
    }

    @Override
    public List<ChannelHarnessRow> rows(ChannelHarness.Context c) {
        List<ChannelHarnessRow> rows = new ArrayList<>();
        for (var e : RECORDED.entrySet()) {
            String file = e.getKey();
            Expect x = e.getValue();
            byte[] body = payload(file);
            String name = file.replace(".json", "");
            rows.add(row(name + ": valid", prepare(x, valid(x, request(body, SECRET)))));
            rows.add(row(name + ": delivered twice", prepare(x, valid(x, request(body, SECRET)), again(x, request(body, SECRET)))));
            rows.add(row(name + ": forged secret", prepare(x, refused(x, request(body, "forged-secret-0123456789abc"), 403))));
            rows.add(row(name + ": missing secret", prepare(x, refused(x, request(body, null), 403))));
            rows.add(row(name + ": cut short", prepare(x, refused(x, request(Arrays.copyOf(body, body.length / 2), SECRET), 400))));
            rows.add(row(name + ": over 64 KiB", prepare(x, refused(x, request(oversize(body), SECRET), 413))));
            rows.add(row(name + ": over 64 KiB, forged", prepare(x, refused(x, request(oversize(body), "forged-secret-0123456789abc"), 403))));
        }
        byte[] text = payload("text.json");
        rows.add(row("a form instead of JSON", Exchange.of(new WebhookRequest(PATH, "application/x-www-form-urlencoded",
                "update_id=1&text=hallo".getBytes(StandardCharsets.UTF_8), Map.of(HEADER, SECRET)), 400, NOTHING_STORED)));
        rows.add(row("no Content-Type", Exchange.of(new WebhookRequest(PATH, null, text, Map.of(HEADER, SECRET)), 400, NOTHING_STORED)));
        byte[] badUtf8 = new String(text, StandardCharsets.UTF_8).replace("Hallo", "Ha\u0000lo").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < badUtf8.length; i++) if (badUtf8[i] == 0) badUtf8[i] = (byte) 0xC3; // a lead byte without its follower
        rows.add(row("invalid UTF-8", Exchange.of(request(badUtf8, SECRET), 400, NOTHING_STORED)));
        rows.add(row("a JSON array", Exchange.of(request("[1,2]".getBytes(StandardCharsets.UTF_8), SECRET), 400, NOTHING_STORED)));
        rows.add(row("an empty body", Exchange.of(request(new byte[0], SECRET), 400, NOTHING_STORED)));
        rows.add(row("two updates in one body", Exchange.of(request((new String(text, StandardCharsets.UTF_8) + " {}")
                .getBytes(StandardCharsets.UTF_8), SECRET), 400, NOTHING_STORED)));
        rows.add(row("the secret with its last character changed", Exchange.of(request(text,
                SECRET.substring(0, SECRET.length() - 1) + "x"), 403, NOTHING_STORED)));
        rows.add(row("the secret with more after it", Exchange.of(request(text, SECRET + "x"), 403, NOTHING_STORED)));
        rows.add(row("an empty secret", Exchange.of(request(text, ""), 403, NOTHING_STORED)));
        return rows;
    }

    private static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /**
     * A block (my_chat_member "kicked") only matters for a conversation that exists: such rows first
     * deliver a message and run its turn, as the inbound worker would.
     */
    private Exchange[] prepare(Expect x, Exchange... exchanges) {
        if (x.blocks() == null) return exchanges;
        Exchange setup = Exchange.queued(request(payload("text.json"), SECRET), RECORDED.get("text.json").queued())
                .then(ctx -> {
                    String chat = x.blocks().substring("telegram:".length());
                    var known = TestPeople.resolve(ctx.redis(), nl.omkijken.people.Address.of("telegram", chat));
                    Await.result(ctx.runner().handle(new Inbound(known.conversationId(), "telegram", known.addressKey(),
                            "luisterlijn", "nl", "hallo", null, Instant.now())));
                    assertFalse(optedOut(ctx, x.blocks()));
                });
        Exchange[] all = new Exchange[exchanges.length + 1];
        all[0] = setup;
        System.arraycopy(exchanges, 0, all, 1, exchanges.length);
        return all;
    }

    /** The first delivery of an update: its one effect. */
    private Exchange valid(Expect x, WebhookRequest r) {
        if (x.queued() != null) {
            Exchange q = Exchange.queued(r, x.queued());
            if (x.callbackId() == null) return q;
            return q.then(ctx -> {
                // The press is queued: the button's spinner is stopped through the sender.
                Await.result(fake.awaitRequest("answerCallbackQuery", a -> x.callbackId().equals(a.param("callback_query_id"))));
                fake.clear(); // the next row waits for its own answer
            });
        }
        if (x.ignoredKind() != null) return ignored(x, r);
        if (x.blocks() != null) return Exchange.of(r, 200, NOT_QUEUED).then(ctx -> assertTrue(optedOut(ctx, x.blocks())));
        return Exchange.of(r, x.status(), NOTHING_STORED);
    }

    /** The same update again: answered as before, no second effect. */
    private Exchange again(Expect x, WebhookRequest r) {
        if (x.queued() != null) return Exchange.of(r, 200, NOT_QUEUED);
        if (x.ignoredKind() != null) return ignored(x, r);
        if (x.blocks() != null) return Exchange.of(r, 200, NOT_QUEUED).then(ctx -> assertTrue(optedOut(ctx, x.blocks())));
        return Exchange.of(r, x.status(), NOTHING_STORED);
    }

    /** A refused request: no effect at all, and a contact about to block stays as it was. */
    private static Exchange refused(Expect x, WebhookRequest r, int status) {
        Exchange e = Exchange.of(r, status, NOTHING_STORED);
        return x.blocks() == null ? e : e.then(ctx -> assertFalse(optedOut(ctx, x.blocks())));
    }

    /** Counted under its kind and otherwise left alone. */
    private Exchange ignored(Expect x, WebhookRequest r) {
        int total = ignoredSoFar.merge(x.ignoredKind(), 1, Integer::sum);
        return Exchange.of(r, 200, NOTHING_STORED).then(ctx -> assertEquals(total, ctx.metrics().counter("omk_webhook_ignored_total",
                "channel", "telegram", "kind", x.ignoredKind()).count(), 0.0, "counted as ignored: " + x.ignoredKind()));
    }

    /** Whether the conversation of {@code sender} ("telegram:CHAT") is marked opted out. */
    private static boolean optedOut(ChannelHarness.Context ctx, String sender) {
        String conversationId = TestPeople.conversationOf(ctx.redis(), "telegram", sender.substring("telegram:".length()));
        if (conversationId == null) return false;
        var c = Await.result(ctx.runner().store().load(conversationId));
        return c != null && c.contact().optedOut();
    }

    private static ChannelHarnessRow row(String name, Exchange... exchanges) {
        return new ChannelHarnessRow("telegram", name, List.of(exchanges), List.of(PERSONAL));
    }

    private static WebhookRequest request(byte[] body, String secret) {
        return new WebhookRequest(PATH, JSON, body, secret == null ? Map.of() : Map.of(HEADER, secret));
    }

    /** The update with a field that takes it past 64 KiB: still valid JSON. */
    private static byte[] oversize(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        return ("{\"padding\":\"" + "x".repeat(70 * 1024) + "\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] payload(String file) {
        try {
            return Files.readAllBytes(PAYLOADS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
