package nl.omkijken.channels.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox API of the whole service (in this JVM) against a real redis-server. */
class SandboxApiTest {
    private static RunningService service;
    private static Http http;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        service = RunningService.start(data);
        http = new Http(service.base());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    private static HttpResponse<String> send(String id, JsonObject body) {
        return http.postJson("/sandbox/api/conversations/" + id + "/messages", body.encode());
    }

    private static void assertError(HttpResponse<String> r, int status, String reasonPart) {
        assertEquals(status, r.statusCode(), r.body());
        String reason = new JsonObject(r.body()).getString("error");
        assertTrue(reason != null && reason.contains(reasonPart), r.body());
    }

    @Test
    void aConversationInEachLine() {
        for (String line : new String[] {"luisterlijn", "helpdesk", "telefooncirkel"}) {
            HttpResponse<String> r = send("each-" + line, new JsonObject().put("text", "hallo").put("line", line));
            assertEquals(200, r.statusCode(), r.body());
            JsonArray replies = new JsonObject(r.body()).getJsonArray("replies");
            assertTrue(replies.size() > 0, line + ": " + r.body());
            JsonArray transcript = new JsonArray(http.get("/sandbox/api/conversations/each-" + line + "/messages").body());
            assertEquals("in", transcript.getJsonObject(0).getString("direction"));
            assertEquals("hallo", transcript.getJsonObject(0).getString("text"));
            assertEquals(1 + replies.size(), transcript.size());
            assertTrue(transcript.getJsonObject(1).getString("at").startsWith("20"));
        }
    }

    /** The language buttons change a running conversation: the waiting question comes again in that language. */
    @Test
    void theChosenLanguageChangesARunningConversation() {
        assertEquals(200, send("taalkeuze", new JsonObject().put("text", "hoi").put("line", "luisterlijn").put("language", "nl")).statusCode());
        HttpResponse<String> r = http.postJson("/sandbox/api/conversations/taalkeuze/language", new JsonObject().put("language", "en").encode());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject turn = new JsonObject(r.body());
        assertEquals("en", turn.getString("language"));
        String said = turn.getJsonArray("replies").encode();
        assertTrue(said.contains("Let's continue in English") && said.contains("What would you like?"), said);
        JsonObject next = new JsonObject(send("taalkeuze", new JsonObject().put("text", "2")).body());
        assertTrue(next.getJsonArray("replies").encode().contains("call you"), next.encode());
        // A name not used yet: nothing to change, and no conversation is made.
        HttpResponse<String> none = http.postJson("/sandbox/api/conversations/nog-niemand/language", new JsonObject().put("language", "en").encode());
        assertEquals(200, none.statusCode(), none.body());
        assertEquals(404, http.get("/sandbox/api/conversations/nog-niemand").statusCode());
        assertEquals(400, http.postJson("/sandbox/api/conversations/taalkeuze/language", new JsonObject().put("language", "fr").encode()).statusCode());
    }

    @Test
    void emojiAndRightToLeftTextArriveIntact() {
        String text = "مرحبا 👋🏽 שלום — héllo";
        HttpResponse<String> r = send("unicode", new JsonObject().put("text", text).put("line", "luisterlijn"));
        assertEquals(200, r.statusCode(), r.body());
        JsonArray transcript = new JsonArray(http.get("/sandbox/api/conversations/unicode/messages").body());
        assertEquals(text, transcript.getJsonObject(0).getString("text"));
    }

    @Test
    void badInputGetsAClearRefusal() {
        String path = "/sandbox/api/conversations/bad/messages";
        assertError(http.postJson(path, "{\"text\": \"hoi\""), 400, "not valid JSON");
        assertError(http.postJson(path, "[1,2]"), 400, "JSON object");
        assertError(http.postJson(path, ""), 400, "JSON object");
        assertError(http.post(path, "application/x-www-form-urlencoded", "text=hoi&line=helpdesk"), 400, "JSON");
        assertError(send("bad", new JsonObject().put("line", "helpdesk")), 400, "'text' is required");
        assertError(send("bad", new JsonObject().put("text", 42).put("line", "helpdesk")), 400, "must be a string");
        assertError(send("bad", new JsonObject().put("text", "   ").put("line", "helpdesk")), 400, "must not be empty");
        assertError(send("bad", new JsonObject().put("text", "x".repeat(10_000)).put("line", "helpdesk")), 413, "longer than 2000");
        assertError(send("bad", new JsonObject().put("text", "hoi")), 400, "'line' is required");
        assertError(send("bad", new JsonObject().put("text", "hoi").put("line", "kookclub")), 400, "'line' must be one of");
        assertError(send("bad", new JsonObject().put("text", "hoi").put("line", "helpdesk").put("language", "de")), 400, "nl or en");
        assertError(send("has%20space", new JsonObject().put("text", "hoi").put("line", "helpdesk")), 400, "conversation id");
        assertError(send("x".repeat(65), new JsonObject().put("text", "hoi").put("line", "helpdesk")), 400, "conversation id");
        assertError(send("caf%C3%A9", new JsonObject().put("text", "hoi").put("line", "helpdesk")), 400, "conversation id");
        byte[] huge = ("{\"text\": \"" + "a".repeat(70_000) + "\", \"line\": \"helpdesk\"}").getBytes(StandardCharsets.UTF_8);
        assertError(http.postBytes(path, "application/json", huge), 413, "too large");
        assertEquals(404, http.get(path).statusCode(), "none of these created the conversation");
    }

    @Test
    void unknownConversationsAndEndpoints() {
        assertError(http.get("/sandbox/api/conversations/never-seen/messages"), 404, "no conversation");
        assertError(http.get("/sandbox/api/conversations/never-seen"), 404, "no conversation");
        assertError(http.get("/sandbox/api/nothing-here"), 404, "no such");
        assertEquals(404, http.get("/no/such/page").statusCode());
    }

    @Test
    void aConversationKeepsItsLine() {
        assertEquals(200, send("fixed", new JsonObject().put("text", "hallo").put("line", "helpdesk")).statusCode());
        assertError(send("fixed", new JsonObject().put("text", "hallo").put("line", "luisterlijn")), 409, "belongs to line 'helpdesk'");
        HttpResponse<String> without = send("fixed", new JsonObject().put("text", "1"));
        assertEquals(200, without.statusCode(), "the line may be left out once the conversation exists");
        JsonObject state = new JsonObject(http.get("/sandbox/api/conversations/fixed").body());
        assertEquals("helpdesk", state.getString("line"));
    }

    @Test
    void theCheckInStartsFromTheService() {
        HttpResponse<String> r = http.postJson("/sandbox/api/conversations/checkin-1/checkin",
                new JsonObject().put("line", "telefooncirkel").put("first_name", "Annie").encode());
        assertEquals(200, r.statusCode(), r.body());
        String first = new JsonObject(r.body()).getJsonArray("replies").getJsonObject(0).getString("text");
        assertTrue(first.contains("Annie"), first);
    }

    @Test
    void thePhoneSimulatorPlacesACallThatListensHearsSilenceAndEnds() {
        String base = "/sandbox/api/conversations/call-1/call";
        HttpResponse<String> r = http.postJson(base, new JsonObject().put("line", "telefooncirkel").put("first_name", "Wim").encode());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answered = new JsonObject(r.body());
        assertTrue(answered.getJsonArray("said").getJsonObject(0).getString("text").startsWith("Goedendag Wim, u spreekt met"), r.body());
        assertEquals(false, answered.getBoolean("ended"));
        assertEquals(0, answered.getJsonObject("listening").getInteger("silences"));
        assertTrue(answered.getJsonObject("listening").getJsonArray("digits").contains("1"), r.body());

        JsonObject silent = new JsonObject(http.postJson(base + "/heard", new JsonObject().put("silences", 0).encode()).body());
        assertEquals("Ik hoorde niets.", silent.getJsonArray("said").getJsonObject(0).getString("text"));
        assertEquals(1, silent.getJsonObject("listening").getInteger("silences"));

        JsonObject fine = new JsonObject(http.postJson(base + "/heard", new JsonObject().put("answer", "1").put("silences", 1).encode()).body());
        assertEquals(true, fine.getBoolean("ended"));
        assertTrue(fine.getJsonArray("said").getJsonObject(0).getString("text").startsWith("Fijn om te horen"), fine.encode());

        // A line that takes messages only says so, with the helplines, and ends.
        JsonObject other = new JsonObject(http.postJson("/sandbox/api/conversations/call-2/call",
                new JsonObject().put("line", "helpdesk").encode()).body());
        assertEquals(true, other.getBoolean("ended"));
        assertTrue(other.getJsonArray("said").getJsonObject(0).getString("text").contains("0800-0113"), other.encode());

        assertError(http.postJson("/sandbox/api/conversations/never-called/call/heard", new JsonObject().put("answer", "1").encode()),
                404, "place one first");
        assertError(http.postJson(base + "/heard", new JsonObject().put("answer", 1).encode()), 400, "'answer' must be text");
        assertError(http.postJson(base + "/heard", new JsonObject().put("silences", 12).encode()), 400, "'silences'");
        assertError(http.postJson("/sandbox/api/conversations/call-3/call", new JsonObject().encode()), 400, "line");
    }

    @Test
    void pageHealthAndMetrics() {
        HttpResponse<String> page = http.get("/sandbox/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), "the sandbox page is served");
        HttpResponse<String> health = http.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("UP", new JsonObject(health.body()).getString("redis"));
        send("metrics", new JsonObject().put("text", "hallo").put("line", "helpdesk"));
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("omk_turns_total"), "turns are counted");
        assertTrue(metrics.contains("vertx_http_server_requests_total"), "HTTP is measured");
    }
}
