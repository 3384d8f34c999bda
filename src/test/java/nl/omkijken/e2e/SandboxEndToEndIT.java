package nl.omkijken.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.omkijken.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's run: the packaged jar with its embedded Redis and the sandbox; all three lines in
 * Dutch and English; a restart in the middle of a conversation that then goes on where it was.
 */
class SandboxEndToEndIT {
    @TempDir
    Path data;

    /** One sandbox conversation, driven over HTTP. */
    private record Chat(Http http, String id, String line, String language) {
        String say(String text) {
            JsonObject body = new JsonObject().put("text", text).put("line", line).put("language", language);
            HttpResponse<String> r = http.postJson("/sandbox/api/conversations/" + id + "/messages", body.encode());
            assertEquals(200, r.statusCode(), id + " '" + text + "': " + r.body());
            return joined(new JsonObject(r.body()));
        }

        String checkin(String firstName) {
            JsonObject body = new JsonObject().put("line", line).put("language", language).put("first_name", firstName);
            HttpResponse<String> r = http.postJson("/sandbox/api/conversations/" + id + "/checkin", body.encode());
            assertEquals(200, r.statusCode(), r.body());
            return joined(new JsonObject(r.body()));
        }

        JsonObject state() {
            HttpResponse<String> r = http.get("/sandbox/api/conversations/" + id);
            assertEquals(200, r.statusCode(), r.body());
            return new JsonObject(r.body());
        }

        JsonArray transcript() {
            return new JsonArray(http.get("/sandbox/api/conversations/" + id + "/messages").body());
        }

        private static String joined(JsonObject turn) {
            StringBuilder sb = new StringBuilder();
            for (Object o : turn.getJsonArray("replies")) sb.append(((JsonObject) o).getString("text")).append('\n');
            return sb.toString();
        }
    }

    private static final Map<String, String> ALWAYS_STAFFED = Map.of("OPENING_HOURS", "off");

    @Test
    void allThreeLinesInBothLanguagesSurviveARestart() throws Exception {
        // The words checked here are those of a staffed line, at whatever hour the test runs.
        ServiceProcess first = new ServiceProcess(data, ALWAYS_STAFFED).start();
        Http http = new Http(first.base());
        assertTrue(first.output.stream().anyMatch(l -> l.contains("/sandbox/")), "prints the URL to open");
        assertTrue(Files.isDirectory(data.resolve("redis")), "the embedded Redis keeps its data under DATA_DIR");

        // Luisterlijn, Dutch: straight to a person.
        Chat luisterNl = new Chat(http, "e2e-luister-nl", "luisterlijn", "nl");
        assertTrue(luisterNl.say("hoi").contains("Luisterlijn"));
        assertTrue(luisterNl.say("1").toLowerCase().contains("vrijwilliger"));
        assertEquals("WAITING", luisterNl.state().getString("ownership"));

        // Luisterlijn, English.
        Chat luisterEn = new Chat(http, "e2e-luister-en", "luisterlijn", "en");
        assertTrue(luisterEn.say("hello").contains("Luisterlijn"));
        assertTrue(luisterEn.say("1").toLowerCase().contains("volunteer"));
        assertEquals("WAITING", luisterEn.state().getString("ownership"));

        // Helpdesk, Dutch: the intake, interrupted by a restart half-way.
        Chat helpNl = new Chat(http, "e2e-help-nl", "helpdesk", "nl");
        assertTrue(helpNl.say("afspraak maken").contains("organisatie"));
        assertTrue(helpNl.say("Stichting Buurtkracht").contains("stadsdeel"));
        helpNl.say("Moerwijk");
        helpNl.say("Piet Jansen");
        assertTrue(helpNl.say("piet@buurtkracht.nl").contains("telefoonnummer"));

        // Helpdesk, English, also left half-way.
        Chat helpEn = new Chat(http, "e2e-help-en", "helpdesk", "en");
        assertTrue(helpEn.say("I would like to make an appointment").contains("organisation"));
        helpEn.say("Residents of Duindorp");

        // Telefooncirkel: the service starts the check-in.
        Chat circleNl = new Chat(http, "e2e-kring-nl", "telefooncirkel", "nl");
        assertTrue(circleNl.checkin("Annie").contains("Annie"));
        int transcriptBefore = helpNl.transcript().size();

        int exit = first.stop();
        assertTrue(exit == 0 || exit == 143, "a clean stop on SIGTERM, got " + exit);
        assertTrue(first.output.stream().noneMatch(l -> l.contains("piet@buurtkracht.nl") || l.contains("Piet Jansen")),
                "no message text in the logs");

        ServiceProcess second = new ServiceProcess(data, ALWAYS_STAFFED).start();
        try {
            Chat h = new Chat(new Http(second.base()), helpNl.id(), "helpdesk", "nl");
            assertEquals(transcriptBefore, h.transcript().size(), "the transcript survived the restart");
            String summary = h.say("2");
            assertTrue(summary.contains("Stichting Buurtkracht") && summary.contains("Escamp")
                    && summary.contains("piet@buurtkracht.nl"), "goes on at the phone question: " + summary);
            // The embedded default's example times are offered; one is booked.
            String times = h.say("ja");
            assertTrue(times.contains("Wanneer past een gesprek met de accounthouder u?") && times.contains("Voorbeeld-accounthouder"), times);
            assertTrue(h.say("1").contains("Uw afspraak staat: "));
            JsonObject state = h.state();
            assertTrue(state.getBoolean("ended"), state.encode());
            assertEquals("completed", state.getString("outcome"));

            Chat e = new Chat(new Http(second.base()), helpEn.id(), "helpdesk", "en");
            assertTrue(e.say("Scheveningen").toLowerCase().contains("name"), "goes on at the stadsdeel question");

            Chat c = new Chat(new Http(second.base()), circleNl.id(), "telefooncirkel", "nl");
            c.say("1");
            assertEquals("checkin_ok", c.state().getString("outcome"));

            Chat circleEn = new Chat(new Http(second.base()), "e2e-kring-en", "telefooncirkel", "en");
            assertTrue(circleEn.checkin("George").contains("George"));
            circleEn.say("2");
            assertEquals("callback_requested", circleEn.state().getString("outcome"));

            Chat luister = new Chat(new Http(second.base()), luisterNl.id(), "luisterlijn", "nl");
            assertEquals("WAITING", luister.state().getString("ownership"), "the handoff survived the restart");
            String crisis = luister.say("ik wil er een eind aan maken");
            assertTrue(crisis.contains("113") && crisis.contains("0800-0113") && crisis.contains("112"), crisis);
        } finally {
            second.stop();
        }
        assertFalse(second.output.stream().anyMatch(l -> l.contains("eind aan maken")), "no message text in the logs");
    }
}
