package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.TwilioSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service, with Twilio against the fake, while its Redis goes down and comes back with
 * its append-only file (a restart or a short outage): nothing acknowledged is lost, a webhook that
 * arrives during the outage is taken once Redis is back, the conversation goes on where it was, and
 * /health tells the truth meanwhile.
 */
class RedisRestartTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "restart-auth-token-0123456789";
    private static final String PUBLIC = "https://omkijken.example.nl";
    private static final String US = "+3197010200300";
    private static final String THEM = "+31612340001";
    private static final String PATH = "/webhooks/twilio/messaging";

    private final TwilioSigner signer = new TwilioSigner(TOKEN);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RedisServer redis;
    private Vertx vertx;
    private FakeTwilio fake;
    private OmkijkenService service;
    private final ByteArrayOutputStream startOutput = new ByteArrayOutputStream();
    private String base;
    private int sid;

    @AfterEach
    void stop() {
        if (service != null) service.stop();
        if (fake != null) fake.close();
        if (vertx != null) Await.result(vertx.close());
        if (redis != null) redis.stop();
    }

    private void start(Path data) throws Exception {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        AppConfig config = ConfigLoader.load(null, Map.ofEntries(
                Map.entry("PORT", String.valueOf(port)),
                Map.entry("REDIS_URL", redis.url()),
                Map.entry("DATA_DIR", data.toString()),
                Map.entry("MODEL_CACHE_DIR", Path.of(System.getProperty("buildDir", "target"), "test-models").toString()),
                Map.entry("DIALOGS_DIR", "dialogs"),
                Map.entry("PUBLIC_BASE_URL", PUBLIC),
                Map.entry("TWILIO_ACCOUNT_SID", ACCOUNT),
                Map.entry("TWILIO_AUTH_TOKEN", TOKEN),
                Map.entry("TWILIO_API_BASE_URL", fake.baseUrl()),
                Map.entry("TWILIO_NUMBERS_LUISTERLIJN", US),
                Map.entry("TWILIO_RECONCILE_INTERVAL", "off")));
        service = OmkijkenService.start(config, new PrintStream(startOutput, true, StandardCharsets.UTF_8));
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", String.format("SM%032x", ++sid));
        form.put("AccountSid", ACCOUNT);
        form.put("From", THEM);
        form.put("To", US);
        form.put("Body", body);
        form.put("NumMedia", "0");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + PATH)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signer.sign(PUBLIC + PATH, form))
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until /health answers {@code status}. */
    private void awaitHealth(int status, String what) {
        Poll.until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == status;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), what);
    }

    private List<String> repliesToThem() {
        return fake.createdTo(THEM).stream().map(r -> r.form().get("Body")).toList();
    }

    @Test
    void aRedisRestartLosesNothingAndTheConversationGoesOnWhereItWas(@TempDir Path data) throws Exception {
        start(data);
        // Real people write in (Twilio) and nobody is on call: the operator is told at start what that means for a crisis.
        assertTrue(startOutput.toString(StandardCharsets.UTF_8).contains("Warning: ON_CALL_NUMBER is not set"), startOutput::toString);
        assertEquals(200, post("hoi").get().statusCode());
        Poll.until(() -> repliesToThem().size() == 2, Duration.ofSeconds(20), "the welcome and the menu");

        redis.stopKeepingData();
        awaitHealth(503, "/health says DOWN while Redis is gone");

        // A webhook during the outage: the service keeps it waiting (well inside Twilio's 15 s) and
        // takes it once Redis is back; it is never acknowledged without being stored.
        CompletableFuture<HttpResponse<String>> during = post("1");
        try {
            // Answered within 1.5 s while Redis is down, it must not be a 200: nothing could be stored.
            assertNotEquals(200, during.get(1500, java.util.concurrent.TimeUnit.MILLISECONDS).statusCode(),
                    "no 200 while nothing can be stored");
        } catch (java.util.concurrent.TimeoutException stillHeld) {
            // Held: the service keeps it waiting until Redis is back.
        }
        redis.startAgain();

        HttpResponse<String> answer = during.get();
        if (answer.statusCode() == 200) {
            // Taken: the menu choice "1" (talk now) is answered from the stored conversation, not with a new welcome.
            Poll.until(() -> repliesToThem().size() >= 3, Duration.ofSeconds(30), "the answer to the message sent during the outage");
        } else {
            // Refused with a retryable status: Twilio does not resend it, the reconciliation job would find it.
            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals(200, post("1").get().statusCode());
            Poll.until(() -> repliesToThem().size() >= 3, Duration.ofSeconds(30), "the answer to the menu choice");
        }
        awaitHealth(200, "/health UP again");
        List<String> replies = repliesToThem();
        String third = replies.get(2);
        assertNotEquals(replies.get(0), third, "the conversation went on: no second welcome after the restart");
        assertTrue(replies.stream().filter(r -> r.equals(replies.get(0))).count() == 1, "the welcome was sent once: " + replies);

        // And the service carries on as before.
        int before = replies.size();
        assertEquals(200, post("dank je").get().statusCode());
        Poll.until(() -> repliesToThem().size() > before, Duration.ofSeconds(20), "a reply after the restart");
    }
}
