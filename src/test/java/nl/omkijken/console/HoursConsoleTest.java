package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinators keep the opening hours in the console: checked, previewed, in force at once, audited. */
class HoursConsoleTest {
    private static final String PASSWORD = "kalender zomertijd dinsdag 5";

    @Test
    void aCoordinatorChangesTheHoursAndTheBotSaysTheTruthAtOnce(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of("OPENING_HOURS", Path.of("dialogs", "hours.yaml").toString()))) {
            TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of(), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
            ConsoleClient carla = new ConsoleClient(service.base());
            assertEquals(200, carla.signIn("Carla Coördinator", PASSWORD).statusCode());
            ConsoleClient vince = new ConsoleClient(service.base());
            assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
            assertEquals(403, vince.get("/console/api/hours").statusCode());

            JsonObject shown = new JsonObject(carla.get("/console/api/hours").body());
            assertEquals("file", shown.getString("source"));
            assertTrue(shown.getString("yaml").contains("winterlijn"));
            JsonArray days = shown.getJsonObject("preview").getJsonObject("luisterlijn").getJsonArray("days");
            assertEquals(14, days.size());

            String version = shown.getString("version");
            assertEquals("0", version, "nothing saved in the console yet");
            HttpResponse<String> wrong = carla.post("/console/api/hours", new JsonObject().put("version", version).put("yaml",
                    "luisterlijn:\n  weekly:\n    maandag: \"9 tot 5\"\n"));
            assertEquals(400, wrong.statusCode());
            JsonArray problems = new JsonObject(wrong.body()).getJsonArray("problems");
            assertTrue(problems.encode().contains("luisterlijn.weekly.maandag"), problems.encode());
            // In the coordinator's language: Dutch, and English for the console's English view.
            assertTrue(problems.encode().contains("is geen tijd van-tot"), problems.encode());
            assertTrue(new JsonObject(wrong.body()).getJsonArray("problemsEnglish").encode().contains("is not a time span"));

            // Closed at every hour from now: a person asking for a volunteer hears it at once.
            HttpResponse<String> saved = carla.post("/console/api/hours", new JsonObject().put("version", version)
                    .put("yaml", "luisterlijn:\n  weekly: {}\n"));
            assertEquals(200, saved.statusCode(), saved.body());
            assertEquals("console", new JsonObject(saved.body()).getString("source"));
            // A second coordinator who read the hours before that save does not silently undo it.
            HttpResponse<String> stale = carla.post("/console/api/hours", new JsonObject().put("version", version)
                    .put("yaml", "luisterlijn:\n  weekly: {monday: \"09:00-17:00\"}\n"));
            assertEquals(409, stale.statusCode(), stale.body());
            assertEquals("stale", new JsonObject(stale.body()).getString("code"));
            assertEquals("luisterlijn:\n  weekly: {}\n", new JsonObject(carla.get("/console/api/hours").body()).getString("yaml"));
            assertEquals(400, carla.post("/console/api/hours", new JsonObject().put("yaml", "luisterlijn: {}")).statusCode(),
                    "a save says which version it goes over");
            // The form: a wrong field is named; a good form is saved as hours text.
            JsonObject current = new JsonObject(carla.get("/console/api/hours").body());
            JsonObject form = current.getJsonObject("form");
            assertEquals(true, form.getJsonObject("lines").getJsonObject("luisterlijn").getBoolean("scheduled"));
            form.getJsonObject("lines").getJsonObject("helpdesk").put("scheduled", true).getJsonObject("weekly").put("friday", "negen uur");
            HttpResponse<String> badForm = carla.post("/console/api/hours/form", new JsonObject().put("version", current.getString("version"))
                    .put("form", form));
            assertEquals(400, badForm.statusCode(), badForm.body());
            assertEquals("invalid_fields", new JsonObject(badForm.body()).getString("code"));
            assertTrue(new JsonObject(badForm.body()).getJsonObject("fields").containsKey("helpdesk.weekly.friday"), badForm.body());
            form.getJsonObject("lines").getJsonObject("helpdesk").getJsonObject("weekly").put("friday", "09:00-13:00");
            HttpResponse<String> goodForm = carla.post("/console/api/hours/form", new JsonObject().put("version", current.getString("version"))
                    .put("form", form));
            assertEquals(200, goodForm.statusCode(), goodForm.body());
            assertTrue(new JsonObject(goodForm.body()).getString("yaml").contains("helpdesk:\n  weekly:\n    monday: closed"),
                    goodForm.body());
            assertEquals(403, vince.post("/console/api/hours/form", new JsonObject().put("version", "1").put("form", form)).statusCode());
            Http http = new Http(service.base());
            http.postJson("/sandbox/api/conversations/avond-1/messages", new JsonObject().put("text", "hoi").put("line", "luisterlijn").encode());
            String replies = http.postJson("/sandbox/api/conversations/avond-1/messages", new JsonObject().put("text", "1").encode()).body();
            assertTrue(replies.contains("De Luisterlijn is nu gesloten"), replies);
            assertTrue(carla.get("/console/api/audit").body().contains("save_hours"));
        }
    }
}
