package nl.omkijken.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RedisScan;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crisis while the line is closed: the person gets the helplines, and the on-call coordinator an SMS
 * (through the real Twilio SDK against the fake Twilio) that names no person and no message.
 */
class OnCallAlertTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "oncall-auth-token-0123456789";
    private static final String LUISTER = "+3197010200300";
    private static final String ON_CALL = "+31611112222";

    private Vertx vertx;
    private FakeTwilio twilio;
    private RunningService service;

    @AfterEach
    void stop() {
        if (service != null) service.close();
        if (twilio != null) twilio.close();
        if (vertx != null) Await.result(vertx.close());
    }

    /** The service with Twilio on the fake provider, the sandbox, an on-call number, and these opening hours. */
    private Map<String, String> env(String openingHours) {
        Map<String, String> env = twilio.serviceEnv();
        env.put("TWILIO_NUMBERS_LUISTERLIJN", LUISTER);
        env.put("SANDBOX", "true");
        env.put("OPENING_HOURS", openingHours);
        env.put("ON_CALL_NUMBER", ON_CALL);
        return env;
    }

    @Test
    void aCrisisOnAClosedLineAlertsTheOnCallCoordinator(@TempDir Path data, @TempDir Path dir) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        Path hours = dir.resolve("hours.yaml");
        Files.writeString(hours, "luisterlijn:\n  weekly: {}\n"); // never staffed: closed at any hour the test runs
        service = RunningService.start(data, env(hours.toString()));
        Http http = new Http(service.base());

        http.postJson("/sandbox/api/conversations/nacht-1/messages", new JsonObject().put("text", "hoi").put("line", "luisterlijn").encode());
        JsonObject turn = new JsonObject(http.postJson("/sandbox/api/conversations/nacht-1/messages",
                new JsonObject().put("text", "ik wil er vannacht een einde aan maken").encode()).body());
        String replies = turn.getJsonArray("replies").encode();
        assertTrue(replies.contains("0800-0113") && replies.contains("112"), replies);
        assertTrue(replies.contains("Er is nu niemand van ons aan het werk"), replies);

        Poll.until(() -> !twilio.createdTo(ON_CALL).isEmpty(), Duration.ofSeconds(15), "the on-call SMS");
        List<FakeTwilio.Received> sms = twilio.createdTo(ON_CALL);
        assertEquals(1, sms.size());
        String text = sms.get(0).body();
        assertEquals(LUISTER, sms.get(0).from());
        assertTrue(text.contains("crisisgesprek") && text.contains("luisterlijn") && text.contains("/console/"), text);
        assertFalse(text.contains("einde") || text.contains("nacht-1"), "no message text or address in the alert: " + text);

        // The person writes again in despair: the same urgent request, no second text to the phone.
        http.postJson("/sandbox/api/conversations/nacht-1/messages", new JsonObject().put("text", "ik wil niet meer leven").encode());
        tasksSettled();
        assertEquals(1, twilio.createdTo(ON_CALL).size(), "one alert per urgent request, not per message");

        // An ordinary message on the closed line alerts nobody.
        http.postJson("/sandbox/api/conversations/nacht-2/messages", new JsonObject().put("text", "hoi").put("line", "luisterlijn").encode());
        http.postJson("/sandbox/api/conversations/nacht-2/messages", new JsonObject().put("text", "1").encode());
        tasksSettled();
        assertEquals(1, twilio.createdTo(ON_CALL).size());
    }

    /**
     * Every task the turns so far wrote has been carried out (a turn's tasks are in the stream when its
     * sandbox call returns, and leave it when done): an alert that was due has been sent by now.
     */
    private void tasksSettled() {
        Poll.until(() -> RedisScan.all(service.redisUrl()).stream().noneMatch(p -> p.key().equals("omk:tasks")
                && p.part().equals("entry id")), Duration.ofSeconds(15), "the task stream is empty");
    }

    /** Open hours are not enough: a crisis nobody online can read goes to the on-call phone too. */
    @Test
    void aCrisisWithNobodyOnlineAlertsTheOnCallCoordinatorAlsoWithinTheHours(@TempDir Path data) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        service = RunningService.start(data, env("off")); // open at all hours
        Http http = new Http(service.base());
        String password = "koffie fiets lantaarn 42";
        nl.omkijken.testing.TestWorkers.add(service.redisUrl(), "Vera Vrijwilliger", nl.omkijken.console.Role.VOLUNTEER,
                java.util.Set.of("luisterlijn"), password);

        // Vera has the console open: she sees the crisis at the top of her inbox; no SMS.
        nl.omkijken.testing.ConsoleClient vera = new nl.omkijken.testing.ConsoleClient(service.base());
        assertEquals(200, vera.signIn("Vera Vrijwilliger", password).statusCode());
        var feed = vera.follow().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Poll.until(() -> new JsonObject(vera.get("/console/api/inbox").body()).getJsonArray("online").encode().contains("Vera"),
                Duration.ofSeconds(10), "Vera online");
        http.postJson("/sandbox/api/conversations/dag-1/messages", new JsonObject().put("text", "ik wil er een einde aan maken")
                .put("line", "luisterlijn").encode());

        // Vera signs out: the next crisis has nobody who can read it.
        assertEquals(200, vera.post("/console/api/signout", null).statusCode());
        feed.body().close();
        http.postJson("/sandbox/api/conversations/dag-2/messages", new JsonObject().put("text", "ik wil niet meer leven")
                .put("line", "luisterlijn").encode());
        Poll.until(() -> !twilio.createdTo(ON_CALL).isEmpty(), Duration.ofSeconds(15), "the on-call SMS");
        tasksSettled();
        assertEquals(1, twilio.createdTo(ON_CALL).size(), "only the crisis nobody could read");
        assertTrue(twilio.createdTo(ON_CALL).get(0).body().contains("crisisgesprek"));
    }
}
