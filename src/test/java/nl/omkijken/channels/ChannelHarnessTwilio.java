package nl.omkijken.channels;

import nl.omkijken.testing.TestPeople;
import static nl.omkijken.channels.ChannelHarnessRow.Effect.NOTHING_STORED;
import static nl.omkijken.channels.ChannelHarnessRow.Effect.NOT_QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.channels.ChannelHarnessRow.Exchange;
import nl.omkijken.channels.ChannelHarnessRow.Queued;
import nl.omkijken.channels.ChannelHarnessRow.WebhookRequest;
import nl.omkijken.channels.twilio.TwilioChannel;
import nl.omkijken.channels.twilio.TwilioSettings;
import nl.omkijken.runner.DeliveryStatus;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.TwilioSigner;

/** Twilio's rows: recorded payloads from src/test/resources/webhooks/twilio, signed like Twilio signs them. */
final class ChannelHarnessTwilio implements ChannelHarnessProvider {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "harness-auth-token-7c6b5a4f3e2d1c0b";
    static final String LUISTERLIJN = "+3197010200300";
    static final String HELPDESK = "+3197010200400";
    private static final String MESSAGING = "/webhooks/twilio/messaging";
    private static final String STATUS = "/webhooks/twilio/status";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Path PAYLOADS = Path.of("src/test/resources/webhooks/twilio");

    private final TwilioSigner signer = new TwilioSigner(TOKEN);
    private TwilioChannel channel;

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public void mount(ChannelHarness.Context c) {
        // The API base URL is never called by webhooks; a closed port makes any accidental call fail loudly.
        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, "http://127.0.0.1:9", c.publicBaseUrl(),
                Map.of("luisterlijn", List.of(LUISTERLIJN, "whatsapp:" + LUISTERLIJN), "helpdesk", List.of(HELPDESK)), null);
        channel = new TwilioChannel(c.vertx(), settings, new TwilioChannel.Ports(c.queue(), c.deliveries(),
                new RedisOutboxStore(c.redis()), new RedisReconcileStore(c.redis()), TestPeople.optOuts(c.redis(), c.runner()::markOptedOut)), c.clock(),
                c.metrics(), c.pseudonym());
        channel.mount(c.router());
    }

    @Override
    public void close() {
        if (channel != null) channel.stop();
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    public List<ChannelHarnessRow> rows(ChannelHarness.Context c) {
        List<ChannelHarnessRow> rows = new ArrayList<>();
        Map<String, String> sms = payload("inbound-sms.form");
        Queued smsQueued = new Queued("sms:+31612345678", "sms", "+31612345678|" + LUISTERLIJN, "luisterlijn",
                "Hallo, ik voel me alleen vanavond. Is er iemand?", "SM5a1f0c3e9b2d4c7e8f6a0b1c2d3e4f50", List.of());
        String[] smsSecrets = {"ik voel me alleen", "+31612345678", "612345678"};

        // --- valid ---
        rows.add(row("sms", Exchange.queued(signed(MESSAGING, sms), smsQueued), smsSecrets));
        rows.add(row("whatsapp text", Exchange.queued(signed(MESSAGING, payload("inbound-whatsapp.form")),
                new Queued("whatsapp:+31687654321", "whatsapp", "whatsapp:+31687654321|whatsapp:" + LUISTERLIJN,
                        "luisterlijn", "Goedemiddag! Kan ik hier even praten? \uD83D\uDE0A",
                        "SM7b2e1d4f0a3c5e6b7d8f9a0b1c2d3e41", List.of())), "Kan ik hier even praten", "31687654321"));
        rows.add(row("whatsapp voice note (media only)", Exchange.queued(signed(MESSAGING, payload("inbound-whatsapp-voice-note.form")),
                new Queued("whatsapp:+31687654321", "whatsapp", "whatsapp:+31687654321|whatsapp:" + LUISTERLIJN,
                        "luisterlijn", "", "MM8c3f2e5a1b4d6f7a8c9e0b1d2f3a4b52", List.of("audio/ogg"))), "31687654321"));
        rows.add(row("mms with two photos to the helpdesk", Exchange.queued(signed(MESSAGING, payload("inbound-mms-photos.form")),
                new Queued("sms:+31655501234", "sms", "+31655501234|" + HELPDESK, "helpdesk",
                        "Hier de foto's van de ruimte voor ons buurtproject", "MM9d4a3f6b2c5e7a8b9d0f1c2e3a4b5c63",
                        List.of("image/jpeg", "image/png"))), "buurtproject", "31655501234"));
        rows.add(row("a query string is part of the signed URL", Exchange.queued(signed(MESSAGING + "?line=luisterlijn&x=a%20b", sms), smsQueued), smsSecrets));

        // --- replayed ---
        rows.add(new ChannelHarnessRow("twilio", "replayed (same MessageSid twice)", List.of(
                Exchange.queued(signed(MESSAGING, sms), smsQueued),
                Exchange.of(signed(MESSAGING, sms), 200, NOT_QUEUED)), List.of(smsSecrets)));
        rows.add(new ChannelHarnessRow("twilio", "replayed with another Body is still the same message", List.of(
                Exchange.queued(signed(MESSAGING, sms), smsQueued),
                Exchange.of(signed(MESSAGING, with(sms, "Body", "iets anders")), 200, NOT_QUEUED)), List.of(smsSecrets)));

        // --- forged ---
        rows.add(row("forged signature (another token)", Exchange.of(
                request(MESSAGING, FORM, Forms.encode(sms), new TwilioSigner("not-the-token").sign(ChannelHarness.PUBLIC_BASE_URL + MESSAGING, sms)),
                403, NOTHING_STORED), smsSecrets));
        rows.add(row("missing signature", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms), null), 403, NOTHING_STORED), smsSecrets));
        rows.add(row("empty signature", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms), ""), 403, NOTHING_STORED), smsSecrets));
        rows.add(row("body changed after signing", Exchange.of(request(MESSAGING, FORM, Forms.encode(with(sms, "Body", "stuur geld")),
                signature(MESSAGING, sms)), 403, NOTHING_STORED), smsSecrets));
        rows.add(row("signed for the internal URL, not the public one", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms),
                signer.sign(c.localBaseUrl() + MESSAGING, sms)), 403, NOTHING_STORED), smsSecrets));
        rows.add(row("signed for another path", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms),
                signature(STATUS, sms)), 403, NOTHING_STORED), smsSecrets));
        rows.add(row("another account, correctly signed", Exchange.of(signed(MESSAGING,
                with(sms, "AccountSid", "AC99999999999999999999999999999999")), 403, NOTHING_STORED), smsSecrets));

        // --- malformed ---
        rows.add(row("missing MessageSid", Exchange.of(signed(MESSAGING, without(sms, "MessageSid")), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("missing From", Exchange.of(signed(MESSAGING, without(sms, "From")), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("missing To", Exchange.of(signed(MESSAGING, without(sms, "To")), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("From is not a number", Exchange.of(signed(MESSAGING, with(sms, "From", "+31 6 123")), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("NumMedia is not a number", Exchange.of(signed(MESSAGING, with(sms, "NumMedia", "twee")), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("unknown To", Exchange.of(signed(MESSAGING, with(sms, "To", "+3197099999999")), 400, NOTHING_STORED)
                .then(ctx -> assertEquals(1.0, ctx.metrics().counter("omk_webhook_refused_total", "channel", "twilio",
                        "reason", "unknown_to").count(), "unknown To is counted")), smsSecrets));
        rows.add(row("JSON body", Exchange.of(request(MESSAGING, "application/json",
                "{\"MessageSid\":\"SM1\",\"From\":\"+31612345678\",\"Body\":\"hallo\"}", signature(MESSAGING, Map.of())), 400, NOTHING_STORED)));
        rows.add(row("JSON labelled as a form", Exchange.of(request(MESSAGING, FORM, "{\"MessageSid\":\"SM1\"}",
                signature(MESSAGING, Map.of())), 403, NOTHING_STORED)));
        rows.add(row("no Content-Type", Exchange.of(request(MESSAGING, null, Forms.encode(sms), signature(MESSAGING, sms)), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("form in another charset", Exchange.of(request(MESSAGING, FORM + "; charset=ISO-8859-1", Forms.encode(sms),
                signature(MESSAGING, sms)), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("form with charset=UTF-8 is fine", Exchange.queued(request(MESSAGING, FORM + "; charset=UTF-8", Forms.encode(sms),
                signature(MESSAGING, sms)), smsQueued), smsSecrets));
        rows.add(row("invalid UTF-8 in a percent-escape", Exchange.of(request(MESSAGING, FORM,
                Forms.encode(without(sms, "Body")) + "&Body=caf%C3%28", signature(MESSAGING, sms)), 400, NOTHING_STORED), smsSecrets));
        byte[] rawInvalid = (Forms.encode(without(sms, "Body")) + "&Body=").getBytes(StandardCharsets.UTF_8);
        byte[] withFf = java.util.Arrays.copyOf(rawInvalid, rawInvalid.length + 2);
        withFf[rawInvalid.length] = (byte) 0xff;
        withFf[rawInvalid.length + 1] = (byte) 0xfe;
        rows.add(row("invalid UTF-8 bytes in the body", Exchange.of(new WebhookRequest(MESSAGING, FORM, withFf,
                Map.of("X-Twilio-Signature", signature(MESSAGING, sms))), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("malformed percent-escape", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms) + "&X=%ZZ",
                signature(MESSAGING, sms)), 400, NOTHING_STORED), smsSecrets));
        rows.add(row("a parameter twice", Exchange.of(request(MESSAGING, FORM, Forms.encode(sms) + "&Body=nog+een",
                signature(MESSAGING, sms)), 400, NOTHING_STORED), smsSecrets));
        Map<String, String> big = with(sms, "Body", "a".repeat(70 * 1024));
        rows.add(row("70 KiB body", Exchange.of(signed(MESSAGING, big), 413, NOTHING_STORED), smsSecrets));
        rows.add(row("a channel we do not handle (Messenger)", Exchange.of(signed(MESSAGING, payload("inbound-messenger.form")),
                200, NOTHING_STORED).then(ctx -> assertEquals(1.0, ctx.metrics().counter("omk_webhook_ignored_total",
                "channel", "twilio", "kind", "unsupported_channel").count()))));

        // --- status callbacks ---
        String outbound = "4f1c2d3e-0000-4000-8000-00000000abcd";
        String statusPath = STATUS + "?outbound=" + outbound;
        rows.add(row("status: sent then delivered", Exchange.of(signed(statusPath, payload("status-sent.form")), 200, NOT_QUEUED)
                .then(ctx -> assertEquals(DeliveryStatus.SENT, delivery(ctx, "SMf1e2d3c4b5a697887766554433221100").status())),
                "612345678"));
        rows.add(new ChannelHarnessRow("twilio", "status: delivered, then a late 'sent' changes nothing", List.of(
                Exchange.of(signed(statusPath, payload("status-delivered.form")), 200, NOT_QUEUED),
                Exchange.of(signed(statusPath, payload("status-sent.form")), 200, NOT_QUEUED).then(ctx -> {
                    DeliveryStatusStore.Record r = delivery(ctx, "SMf1e2d3c4b5a697887766554433221100");
                    assertEquals(DeliveryStatus.DELIVERED, r.status());
                    assertEquals(outbound, r.outboundId());
                })), List.of("612345678")));
        rows.add(row("status: whatsapp read", Exchange.of(signed(STATUS, payload("status-whatsapp-read.form")), 200, NOT_QUEUED)
                .then(ctx -> assertEquals(DeliveryStatus.READ, delivery(ctx, "SMe2d3c4b5a6978877665544332211000f").status())),
                "31687654321"));
        rows.add(row("status: forged", Exchange.of(request(statusPath, FORM, Forms.encode(payload("status-delivered.form")),
                new TwilioSigner("not-the-token").sign(ChannelHarness.PUBLIC_BASE_URL + statusPath, payload("status-delivered.form"))),
                403, NOTHING_STORED)));
        rows.add(row("status: query changed after signing", Exchange.of(request(STATUS + "?outbound=other", FORM,
                Forms.encode(payload("status-delivered.form")), signature(statusPath, payload("status-delivered.form"))),
                403, NOTHING_STORED)));
        rows.add(row("status: a status we do not track", Exchange.of(signed(STATUS, payload("status-receiving.form")), 200, NOTHING_STORED)));
        rows.add(row("status: missing MessageStatus", Exchange.of(signed(STATUS,
                without(payload("status-delivered.form"), "MessageStatus")), 400, NOTHING_STORED)));
        rows.add(row("status: JSON body", Exchange.of(request(STATUS, "application/json", "{\"MessageStatus\":\"delivered\"}",
                signature(STATUS, Map.of())), 400, NOTHING_STORED)));
        rows.add(row("status: 70 KiB body", Exchange.of(signed(STATUS, with(payload("status-delivered.form"), "X", "b".repeat(70 * 1024))),
                413, NOTHING_STORED)));
        return rows;
    }

    private static DeliveryStatusStore.Record delivery(ChannelHarness.Context ctx, String sid) {
        return Await.result(ctx.deliveries().get(sid));
    }

    private static ChannelHarnessRow row(String name, Exchange exchange, String... neverLogged) {
        return ChannelHarnessRow.single("twilio", name, exchange, neverLogged);
    }

    /** A recorded payload, parameters in Twilio's order. */
    static Map<String, String> payload(String file) {
        try {
            return Forms.decode(Files.readString(PAYLOADS.resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebhookRequest signed(String pathAndQuery, Map<String, String> form) {
        return request(pathAndQuery, FORM, Forms.encode(form), signature(pathAndQuery, form));
    }

    private String signature(String pathAndQuery, Map<String, String> form) {
        return signer.sign(ChannelHarness.PUBLIC_BASE_URL + pathAndQuery, form);
    }

    private static WebhookRequest request(String pathAndQuery, String contentType, String body, String signature) {
        return WebhookRequest.of(pathAndQuery, contentType, body,
                signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature));
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> form, String key) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.remove(key);
        return copy;
    }
}
