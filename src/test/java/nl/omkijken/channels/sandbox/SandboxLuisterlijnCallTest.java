package nl.omkijken.channels.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import nl.omkijken.console.Role;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phone simulator calls the Luisterlijn on the service as a newcomer starts it (its own Redis, the sandbox): the
 * welcome, the wait on the line with the place, a worker taking the caller in the console, the put-through shown as a
 * simulated call, and the hang-up.
 */
class SandboxLuisterlijnCallTest {
    private static final String PASSWORD = "een-lang-wachtwoord-voor-lotte";

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static String said(JsonObject call) {
        StringBuilder b = new StringBuilder();
        for (Object o : call.getJsonArray("said")) b.append(((JsonObject) o).getString("text")).append(' ');
        return b.toString();
    }

    @Test
    void aCallerWaitsOnTheLineAndAWorkerInTheConsoleTakesTheCall(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of("OPENING_HOURS", "off"))) {
            TestWorkers.add(service.redisUrl(), "Lotte Luisterlijn", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
            Http http = new Http(service.base());
            String base = "/sandbox/api/conversations/beller-een/call";

            JsonObject welcome = ok(http.postJson(base, new JsonObject().put("line", "luisterlijn").encode()));
            assertTrue(said(welcome).contains("Welkom bij de Luisterlijn.") && said(welcome).contains("113"), said(welcome));
            assertNotNull(welcome.getJsonObject("listening"), "the welcome listens: " + welcome);

            JsonObject held = ok(http.postJson(base + "/heard", new JsonObject().putNull("answer").put("silences", 0).encode()));
            assertTrue(held.getBoolean("hold"), held.encode());
            assertFalse(held.getBoolean("ended"));
            assertTrue(said(held).contains("Blijf aan de lijn.") && said(held).contains("Plaats in de wachtrij: 1."), said(held));

            JsonObject turn = ok(http.postJson(base + "/wait", "{}"));
            assertTrue(turn.getBoolean("hold") && said(turn).contains("Plaats in de wachtrij: 1."), turn.encode());

            // Lotte sees the caller waiting on the line, and takes them.
            ConsoleClient lotte = new ConsoleClient(service.base());
            assertEquals(200, lotte.signIn("Lotte Luisterlijn", PASSWORD).statusCode());
            JsonArray waiting = ok(lotte.get("/console/api/inbox")).getJsonArray("waiting");
            JsonObject item = waiting.stream().map(o -> (JsonObject) o).filter(o -> o.getBoolean("onTheLine", false)).findFirst()
                    .orElseThrow(() -> new AssertionError("the caller on the line is in the inbox: " + waiting.encode()));
            assertEquals("sandbox", item.getString("channel"));
            ok(lotte.post("/console/api/conversations/" + item.getString("id") + "/take", new JsonObject()));

            // The take-over's task runs within a second or two: the simulator shows the call put through to Lotte.
            JsonObject[] last = new JsonObject[1];
            nl.omkijken.testing.fakes.Poll.until(() -> (last[0] = ok(http.postJson(base + "/wait", "{}"))).getJsonObject("connected") != null,
                    java.time.Duration.ofSeconds(5), "put through to the worker who took it");
            JsonObject connected = last[0];
            assertNotNull(connected);
            assertEquals("Lotte Luisterlijn", connected.getJsonObject("connected").getString("worker"));
            assertTrue(connected.getBoolean("hold"));

            JsonObject hungUp = ok(http.postJson(base + "/hangup", "{}"));
            assertTrue(hungUp.getBoolean("ended"));
            // The conversation stays with Lotte for her notes.
            JsonArray mine = ok(lotte.get("/console/api/inbox")).getJsonArray("mine");
            assertTrue(mine.stream().map(o -> (JsonObject) o).anyMatch(o -> o.getString("id").equals(item.getString("id"))), mine.encode());
        }
    }
}
