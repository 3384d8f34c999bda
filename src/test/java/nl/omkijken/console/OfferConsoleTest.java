package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Luisterlijn offers each waiting conversation to one volunteer at a time (routing.yaml: offer:
 * 30s): the one online with the fewest conversations; declined, the next gets it; accepted, it is theirs.
 * Against the running service, its offer round and a real redis-server.
 */
class OfferConsoleTest {
    private static final String PASSWORD = "koffie fiets lantaarn 42";
    private static RunningService service;
    private static Http sandbox;
    private static final List<HttpResponse<InputStream>> FEEDS = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        service = RunningService.start(data);
        sandbox = new Http(service.base());
        TestWorkers.add(service.redisUrl(), "Olga Aanbod", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Piet Plan", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        for (HttpResponse<InputStream> f : FEEDS) f.body().close();
        if (service != null) service.close();
    }

    private static ConsoleClient online(String name) throws Exception {
        ConsoleClient c = new ConsoleClient(service.base());
        assertEquals(200, c.signIn(name, PASSWORD).statusCode());
        FEEDS.add(c.follow().get(10, TimeUnit.SECONDS));
        Poll.until(() -> new JsonObject(c.get("/console/api/inbox").body()).getJsonArray("online").encode().contains(name),
                Duration.ofSeconds(10), name + " online");
        return c;
    }

    private static void say(String resident, String... texts) {
        for (String t : texts) {
            HttpResponse<String> r = sandbox.postJson("/sandbox/api/conversations/" + resident + "/messages",
                    new JsonObject().put("text", t).put("line", "luisterlijn").encode());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    private static JsonObject offer(ConsoleClient c) {
        HttpResponse<String> r = c.get("/console/api/offer");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonObject("offer");
    }

    @Test
    void aWaitingConversationIsOfferedToOneVolunteerAtATime() throws Exception {
        ConsoleClient olga = online("Olga Aanbod");
        ConsoleClient piet = online("Piet Plan");
        say("aanbod-1", "hoi", "1");

        // Both have no conversations: by name, Olga first; only she has it.
        Poll.until(() -> offer(olga) != null, Duration.ofSeconds(15), "the offer to Olga");
        JsonObject offered = offer(olga);
        assertTrue(offered.getString("until") != null && offered.getInteger("waitingSeconds") >= 0, offered.encode());
        assertEquals(null, offer(piet));

        // Olga declines: Piet gets it.
        assertEquals(200, olga.post("/console/api/offer/decline", null).statusCode());
        Poll.until(() -> offer(piet) != null, Duration.ofSeconds(15), "the offer to Piet");
        assertEquals(offered.getString("id"), offer(piet).getString("id"));
        HttpResponse<String> accepted = piet.post("/console/api/offer/accept", null);
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(offered.getString("id"), new JsonObject(accepted.body()).getString("id"));
        JsonObject c = new JsonObject(piet.get("/console/api/conversations/" + offered.getString("id")).body());
        assertEquals("CLAIMED", c.getString("state"));
        assertEquals("Piet Plan", c.getJsonObject("owner").getString("name"));
        assertEquals(409, piet.post("/console/api/offer/accept", null).statusCode(), "an offer is accepted once");

        // A crisis: offered at once, to Olga (Piet has a conversation now), marked urgent.
        say("aanbod-2", "ik wil niet meer leven");
        Poll.until(() -> offer(olga) != null, Duration.ofSeconds(15), "the crisis offered");
        JsonObject crisis = offer(olga);
        assertTrue(crisis.getBoolean("urgent"), crisis.encode());
        assertNotNull(crisis.getJsonObject("person"));
        // Taken by a colleague from the inbox meanwhile: the offer is over for Olga.
        assertEquals(200, piet.post("/console/api/conversations/" + crisis.getString("id") + "/take", null).statusCode());
        assertEquals(null, offer(olga));
        String log = new JsonObject(signedInAdmin().get("/console/api/audit").body()).encode();
        assertTrue(log.contains("decline_offer") && log.contains("accept_offer"), log);
    }

    private static ConsoleClient signedInAdmin() {
        TestWorkers.add(service.redisUrl(), "Ada Audit", Role.ADMIN, Set.of(), PASSWORD);
        ConsoleClient c = new ConsoleClient(service.base());
        assertEquals(200, c.signIn("Ada Audit", PASSWORD).statusCode());
        return c;
    }
}
