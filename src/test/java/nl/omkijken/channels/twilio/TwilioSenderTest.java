package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.FakeTwilio.Answer;
import nl.omkijken.testing.fakes.Forms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The senders with the real SDK against the fake Twilio API: what goes out, and what each failure means. */
class TwilioSenderTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "fake-auth-token-5f1e2d3c4b5a69788796a5b4";
    static final String TEMPLATE = "HX0123456789abcdef0123456789abcdef";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String ME = "+31612345678";
    static final String US = "+3197010200300";

    private static Vertx vertx;
    private static FakeTwilio fake;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private TwilioHttpClient http;

    @BeforeAll
    static void startFake() {
        vertx = Vertx.vertx();
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
        Await.result(vertx.close());
    }

    @AfterEach
    void closeClient() {
        if (http != null) http.close();
    }

    static TwilioSettings settings(String apiBase, String template, Duration readTimeout) {
        return new TwilioSettings(ACCOUNT, TOKEN, apiBase, PUBLIC,
                Map.of("luisterlijn", List.of(US, "whatsapp:" + US)), template, readTimeout);
    }

    private TwilioSender sender(String channel, TwilioSettings s) {
        http = new TwilioHttpClient(s.apiBaseUrl(), s.readTimeout());
        TwilioRestClient client = new TwilioRestClient.Builder(s.accountSid(), s.authToken()).httpClient(http).build();
        return new TwilioSender(vertx, channel, s, client, http, metrics, Clock.systemUTC());
    }

    private TwilioSender sms() {
        return sender("sms", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
    }

    private static Outbound reply(String channel, String address, String text) {
        return new Outbound(UUID.randomUUID().toString(), channel + ":" + ME, channel, address, text, List.of("Ja", "Nee"),
                Instant.now());
    }

    private List<FakeTwilio.Received> newSince(int before) {
        List<FakeTwilio.Received> all = fake.received();
        return all.subList(before, all.size());
    }

    @Test
    void anSmsGoesFromTheLinesNumberWithAStatusCallbackNamingTheReply() {
        int before = fake.received().size();
        Outbound m = reply("sms", ME + "|" + US, "Fijn dat je schrijft. Kies 1 of 2.");
        String sid = Await.result(sms().send(m));

        List<FakeTwilio.Received> got = newSince(before);
        assertEquals(1, got.size());
        FakeTwilio.Received r = got.get(0);
        assertTrue(r.authorized(), "Basic auth with the account and token");
        assertEquals(ME, r.to());
        assertEquals(US, r.from());
        assertEquals("Fijn dat je schrijft. Kies 1 of 2.", r.body(), "buttons are already in the text; none are added");
        assertEquals(PUBLIC + "/webhooks/twilio/status?outbound=" + m.id(), r.statusCallback());
        assertEquals(r.answeredSid(), sid);
        assertTrue(sid.startsWith("SM"));
    }

    @Test
    void aWhatsappReplyKeepsThePrefixOnBothNumbers() {
        int before = fake.received().size();
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
        Await.result(whatsapp.send(reply("whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "Hallo")));
        FakeTwilio.Received r = newSince(before).get(0);
        assertEquals("whatsapp:" + ME, r.to());
        assertEquals("whatsapp:" + US, r.from());
    }

    @Test
    void optedOutAt21610() {
        fake.answerNext(Answer.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        SendFailure f = failure(sms().send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.OPTED_OUT, f.kind());
        assertEquals("21610", f.code());
    }

    @Test
    void blockedByThePersonAt63014IsAnOptOut() {
        fake.answerNext(Answer.error(400, 63014, "Channel message blocked by user action"));
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
        SendFailure f = failure(whatsapp.send(reply("whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "Hallo")));
        assertEquals(SendFailure.Kind.OPTED_OUT, f.kind());
        assertEquals("63014", f.code());
        assertEquals(1.0, metrics.counter("omk_twilio_send_failures_total", "channel", "whatsapp", "kind", "opted_out",
                "code", "63014").count());
    }

    @Test
    void neighbouringWhatsappCodesAreNoOptOut() {
        // 63024: not a WhatsApp user (or an old client), 63049: Meta held back a marketing template; not the person's choice.
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
        for (int code : new int[] {63024, 63049}) {
            fake.answerNext(Answer.error(400, code, "Twilio error " + code));
            SendFailure f = failure(whatsapp.send(reply("whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "Hallo")));
            assertEquals(SendFailure.Kind.PERMANENT, f.kind(), "code " + code);
            assertEquals(String.valueOf(code), f.code());
        }
    }

    @Test
    void aTemplateEntrySendsTheTemplateInPlaceOfTheReply() {
        int before = fake.received().size();
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), TEMPLATE, Duration.ofSeconds(5)));
        Outbound entry = new Outbound("template-r-1", "whatsapp:" + ME, "whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "",
                List.of(), Instant.now(), "r-1");
        String sid = Await.result(whatsapp.send(entry));

        List<FakeTwilio.Received> got = newSince(before);
        assertEquals(1, got.size(), "only the template, no free text first");
        assertEquals(TEMPLATE, got.get(0).form().get("ContentSid"));
        assertNull(got.get(0).body());
        assertEquals("whatsapp:" + ME, got.get(0).to());
        assertEquals("whatsapp:" + US, got.get(0).from());
        assertEquals(PUBLIC + "/webhooks/twilio/status?outbound=r-1&template=1", got.get(0).statusCallback(),
                "named after the reply it stands in for, and marked: its own 63016 asks for no other");
        assertEquals(got.get(0).answeredSid(), sid);
    }

    @Test
    void aTemplateEntryWithoutATemplateFailsForGoodWithoutACall() {
        int before = fake.received().size();
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
        Outbound entry = new Outbound("template-r-2", "whatsapp:" + ME, "whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "",
                List.of(), Instant.now(), "r-2");
        SendFailure f = failure(whatsapp.send(entry));
        assertEquals(SendFailure.Kind.PERMANENT, f.kind());
        assertEquals("63016", f.code());
        assertEquals(before, fake.received().size(), "Twilio was not called");
    }

    @Test
    void aFailingTemplateSendIsClassifiedLikeAnySend() {
        fake.answerNext(Answer.serverError());
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), TEMPLATE, Duration.ofSeconds(5)));
        Outbound entry = new Outbound("template-r-3", "whatsapp:" + ME, "whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "",
                List.of(), Instant.now(), "r-3");
        SendFailure f = failure(whatsapp.send(entry));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals("500", f.code());
    }

    @Test
    void outsideTheWhatsappWindowTheTemplateGoesInstead() {
        int before = fake.received().size();
        fake.answerNext(Answer.error(400, 63016, "Failed to send freeform message because you are outside the allowed window."));
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), TEMPLATE, Duration.ofSeconds(5)));
        Outbound m = reply("whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "Goedemorgen! Hoe gaat het?");
        String sid = Await.result(whatsapp.send(m));

        List<FakeTwilio.Received> got = newSince(before);
        assertEquals(2, got.size(), "the refused reply, then the template");
        FakeTwilio.Received template = got.get(1);
        assertEquals(TEMPLATE, template.form().get("ContentSid"));
        assertNull(template.body(), "a template carries no free text");
        assertEquals("whatsapp:" + ME, template.to());
        assertEquals(PUBLIC + "/webhooks/twilio/status?outbound=" + m.id() + "&template=1", template.statusCallback());
        assertEquals(template.answeredSid(), sid);
    }

    @Test
    void outsideTheWhatsappWindowWithoutTemplateFailsForGood() {
        fake.answerNext(Answer.error(400, 63016, "Failed to send freeform message because you are outside the allowed window."));
        TwilioSender whatsapp = sender("whatsapp", settings(fake.baseUrl(), null, Duration.ofSeconds(5)));
        SendFailure f = failure(whatsapp.send(reply("whatsapp", "whatsapp:" + ME + "|whatsapp:" + US, "Hallo")));
        assertEquals(SendFailure.Kind.PERMANENT, f.kind());
        assertEquals("63016", f.code());
    }

    @Test
    void tooManyRequestsRetriesAfterWhatTwilioAsked() {
        int before = fake.received().size();
        fake.answerNext(Answer.tooManyRequests(7));
        SendFailure f = failure(sms().send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals("429", f.code());
        assertEquals(Duration.ofSeconds(7), f.retryAfter());
        assertEquals(1, newSince(before).size(), "one attempt; the outbox retries, not the SDK");
    }

    @Test
    void aServerErrorRetriesLaterAndTheSdkDoesNotResendOnItsOwn() {
        int before = fake.received().size();
        fake.answerNext(Answer.serverError());
        SendFailure f = failure(sms().send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals("500", f.code());
        assertEquals(1, newSince(before).size(), "a 5xx may come after Twilio took the message: never resent at once");
    }

    @Test
    void otherRefusalsFailForGoodWithTwiliosCode() {
        fake.answerNext(Answer.error(400, 21211, "The 'To' number is not a valid phone number."));
        SendFailure f = failure(sms().send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.PERMANENT, f.kind());
        assertEquals("21211", f.code());
    }

    @Test
    void aWrongAuthTokenIsAPermanentFailure() {
        TwilioSettings wrong = new TwilioSettings(ACCOUNT, "not-the-token", fake.baseUrl(), PUBLIC,
                Map.of("luisterlijn", List.of(US)), null);
        SendFailure f = failure(sender("sms", wrong).send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.PERMANENT, f.kind());
        assertEquals("20003", f.code());
    }

    @Test
    void connectionRefusedRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SendFailure f = failure(sender("sms", settings("http://127.0.0.1:" + closedPort, null, Duration.ofSeconds(5)))
                .send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        assertEquals("connect", f.code());
    }

    @Test
    void aTimeoutAfterSendingIsAmbiguous() {
        int before = fake.received().size();
        fake.answerNext(Answer.slow(Duration.ofSeconds(3)));
        SendFailure f = failure(sender("sms", settings(fake.baseUrl(), null, Duration.ofMillis(400)))
                .send(reply("sms", ME + "|" + US, "Hallo")));
        assertEquals(SendFailure.Kind.AMBIGUOUS, f.kind());
        assertEquals("timeout", f.code());
        assertEquals(201, newSince(before).get(0).answeredStatus(), "Twilio did create it: a resend would text twice");
    }

    @Test
    void aLongReplyGoesAsSeveralMessagesInOrder() {
        int before = fake.received().size();
        String paragraph = "Dit is een zin over iets wat belangrijk is voor jou. ".repeat(15).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        assertTrue(text.length() > 3000);
        String sids = Await.result(sms().send(reply("sms", ME + "|" + US, text)));

        List<FakeTwilio.Received> got = newSince(before);
        assertTrue(got.size() >= 2, "split into parts: " + got.size());
        assertEquals(got.size(), sids.split(",").length);
        StringBuilder joined = new StringBuilder();
        for (FakeTwilio.Received r : got) {
            assertTrue(r.body().length() <= 1600, "each part fits one Twilio message");
            assertTrue(r.body().endsWith("."), "parts end at a sentence or paragraph: " + r.body());
            joined.append(joined.length() == 0 ? "" : "\n\n").append(r.body());
        }
        assertEquals(text.replaceAll("\\s+", " "), joined.toString().replaceAll("\\s+", " "), "nothing lost, nothing reordered");
    }

    @Test
    void aRetryOfASplitReplyGoesOnWithThePartThatFailed() {
        int before = fake.received().size();
        String text = ("Eerste deel van een lang bericht. ".repeat(60) + "\n\n" + "Tweede deel van het bericht. ".repeat(60)).strip();
        TwilioSender sender = sms();
        Outbound m = reply("sms", ME + "|" + US, text);
        fake.answerNext(Answer.created(), Answer.tooManyRequests(1));
        SendFailure f = failure(sender.send(m));
        assertEquals(SendFailure.Kind.RETRY, f.kind());
        Await.result(sender.send(m)); // the outbox's retry of the same reply

        List<FakeTwilio.Received> created = newSince(before).stream().filter(r -> r.answeredStatus() == 201).toList();
        int parts = MessageSplitter.split(text, MessageSplitter.MAX_BODY).size();
        assertEquals(parts, created.size(), "every part once: the first part is not sent again");
        assertTrue(created.get(0).body().startsWith("Eerste"));
        assertTrue(created.get(created.size() - 1).body().contains("Tweede"));
    }

    @Test
    void anAddressWithoutOurNumberIsRefusedBeforeAnyCall() {
        int before = fake.received().size();
        SendFailure f = failure(sms().send(reply("sms", ME, "Hallo")));
        assertEquals(SendFailure.Kind.PERMANENT, f.kind());
        assertEquals("address", f.code());
        assertFalse(newSince(before).size() > 0);
    }

    @Test
    void aWhatsappAddressIsNotSentAsSms() {
        SendFailure f = failure(sms().send(reply("sms", "whatsapp:" + ME + "|whatsapp:" + US, "Hallo")));
        assertEquals("address", f.code());
    }

    @Test
    void formsRoundTrip() {
        assertEquals(Map.of("Body", "a b&c=d"), Forms.decode(Forms.encode(Map.of("Body", "a b&c=d"))));
    }

    private static SendFailure failure(io.vertx.core.Future<?> f) {
        Throwable t = Await.failure(f);
        assertTrue(t instanceof SendFailure, "a SendFailure, got " + t);
        return (SendFailure) t;
    }
}
