package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's API against the whole service and a real redis-server: sign-in, lockout, CSRF, sessions,
 * who sees which queue and which number, inert message text, the audit log.
 */
class ConsoleApiTest {
    private static final String PASSWORD = "koffie fiets lantaarn 42";
    private static RunningService service;
    private static Http sandbox;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        service = RunningService.start(data);
        sandbox = new Http(service.base());
        TestWorkers.add(service.redisUrl(), "Vera Vrijwilliger", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Sam Medewerker", Role.STAFF, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Hanna Helpdesk", Role.STAFF, Set.of("helpdesk"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Coby Coordinator", Role.COORDINATOR, Set.of(), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Lotte Lockout", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Ada Admin", Role.ADMIN, Set.of(), PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    private static ConsoleClient signedIn(String name) {
        ConsoleClient c = new ConsoleClient(service.base());
        HttpResponse<String> r = c.signIn(name, PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        return c;
    }

    /** A resident who asks for a person in the sandbox; returns the conversation id the console knows. */
    private static String residentAsks(String name, String line, String... texts) {
        for (String t : texts) {
            HttpResponse<String> r = sandbox.postJson("/sandbox/api/conversations/" + name + "/messages",
                    new JsonObject().put("text", t).put("line", line).encode());
            assertEquals(200, r.statusCode(), r.body());
        }
        ConsoleClient coordinator = signedIn("Coby Coordinator");
        JsonObject inbox = new JsonObject(coordinator.get("/console/api/inbox").body());
        for (Object o : inbox.getJsonArray("waiting")) {
            JsonObject item = (JsonObject) o;
            if (name.equals(item.getJsonObject("person").getString("address"))) return item.getString("id");
        }
        throw new AssertionError(name + " does not wait: " + inbox.encodePrettily());
    }

    @Test
    void wrongPasswordsLockTheNameWithAClearMessage() {
        ConsoleClient c = new ConsoleClient(service.base());
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> r = c.signIn("Lotte Lockout", "niet het goede wachtwoord " + i);
            assertEquals(401, r.statusCode());
            assertEquals("Naam of wachtwoord klopt niet.", new JsonObject(r.body()).getString("error"));
        }
        HttpResponse<String> fifth = c.signIn("lotte lockout", "nog steeds fout!");
        assertEquals(429, fifth.statusCode());
        assertTrue(new JsonObject(fifth.body()).getString("error").contains("15 minuten geblokkeerd"), fifth.body());
        // Locked: even the right password is refused now.
        assertEquals(429, c.signIn("Lotte Lockout", PASSWORD).statusCode());
        // An unknown name gets the same answer as a wrong password (no list of who works here).
        assertEquals(401, new ConsoleClient(service.base()).signIn("Niemand Bekend", PASSWORD).statusCode());
    }

    @Test
    void theSignInFormAndEveryChangeNeedTheirToken() {
        ConsoleClient c = new ConsoleClient(service.base());
        c.get("/console/api/signin");
        HttpResponse<String> noFormToken = c.postWith("/console/api/signin",
                new JsonObject().put("name", "Sam Medewerker").put("password", PASSWORD), Map.of());
        assertEquals(403, noFormToken.statusCode());

        ConsoleClient sam = signedIn("Sam Medewerker");
        String id = residentAsks("csrf-resident", "luisterlijn", "hoi", "ik wil een mens spreken");
        assertEquals(403, sam.postWith("/console/api/conversations/" + id + "/take", null, Map.of()).statusCode());
        assertEquals(403, sam.postWith("/console/api/conversations/" + id + "/take", null,
                Map.of("X-CSRF-Token", "guessed")).statusCode());
        HttpResponse<String> crossSite = sam.postWith("/console/api/conversations/" + id + "/take", null,
                Map.of("X-CSRF-Token", sam.csrf(), "Origin", "https://evil.example"));
        assertEquals(403, crossSite.statusCode());
        assertEquals("cross_site", new JsonObject(crossSite.body()).getString("code"));
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/take", null).statusCode());
    }

    @Test
    void signedOutOrWithoutASessionNothingIsShown() {
        assertEquals(401, new ConsoleClient(service.base()).get("/console/api/inbox").statusCode());
        ConsoleClient vera = signedIn("Vera Vrijwilliger");
        assertTrue(vera.cookies().keySet().stream().anyMatch(k -> k.startsWith("__Host-")), vera.cookies().toString());
        String before = vera.cookies().get("__Host-omk-console");
        assertEquals(200, vera.get("/console/api/inbox").statusCode());
        assertEquals(200, vera.post("/console/api/signout", null).statusCode());
        assertEquals(401, vera.get("/console/api/inbox").statusCode());
        // The old session id is dead for good, also when a copy of it is replayed.
        ConsoleClient replay = new ConsoleClient(service.base());
        replay.cookies().put("__Host-omk-console", before);
        assertEquals(401, replay.get("/console/api/me").statusCode());
        // A new sign-in gets a new session id.
        ConsoleClient again = signedIn("Vera Vrijwilliger");
        assertFalse(before.equals(again.cookies().get("__Host-omk-console")));
    }

    @Test
    void aWorkerSeesOnlyTheQueuesOfTheirLinesAndNumbersOnlyWhenTheirRoleNeedsThem() {
        String helpdesk = residentAsks("org-12", "helpdesk", "hallo", "ik wil een medewerker spreken");
        String luister = residentAsks("bewoner-34", "luisterlijn", "hoi", "ik wil een mens spreken");
        ConsoleClient vera = signedIn("Vera Vrijwilliger");
        JsonObject inbox = new JsonObject(vera.get("/console/api/inbox").body());
        assertFalse(inbox.encode().contains(helpdesk), "a Luisterlijn volunteer does not see the helpdesk queue");
        assertEquals(403, vera.get("/console/api/conversations/" + helpdesk).statusCode());
        assertEquals(403, vera.post("/console/api/conversations/" + helpdesk + "/take", null).statusCode());

        JsonObject seenByVera = new JsonObject(vera.get("/console/api/conversations/" + luister).body());
        assertNull(seenByVera.getJsonObject("person").getString("address"), "a volunteer sees no number");
        assertEquals("34", seenByVera.getJsonObject("person").getString("lastDigits"));
        assertTrue(seenByVera.getJsonObject("person").getString("pseudonym").startsWith("Gesprek "));
        JsonObject seenBySam = new JsonObject(signedIn("Sam Medewerker").get("/console/api/conversations/" + luister).body());
        assertEquals("bewoner-34", seenBySam.getJsonObject("person").getString("address"));

        ConsoleClient hanna = signedIn("Hanna Helpdesk");
        assertTrue(hanna.get("/console/api/inbox").body().contains(helpdesk));
        assertEquals(200, hanna.post("/console/api/conversations/" + helpdesk + "/take", null).statusCode());
    }

    @Test
    void messageTextComesBackAsTextAndTheAuditLogHoldsIdsOnly() {
        String payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String id = residentAsks("xss-resident", "luisterlijn", "hoi", "ik wil een mens spreken", payload);
        ConsoleClient sam = signedIn("Sam Medewerker");
        HttpResponse<String> r = sam.get("/console/api/conversations/" + id);
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        JsonArray transcript = new JsonObject(r.body()).getJsonArray("transcript");
        assertTrue(transcript.stream().anyMatch(o -> payload.equals(((JsonObject) o).getString("text"))),
                "the message is kept exactly, as text: the page sets it with textContent");
        assertEquals(409, sam.post("/console/api/conversations/" + id + "/reply", new JsonObject().put("text", "hallo")).statusCode(),
                "no reply before taking over");
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/take", null).statusCode());
        assertEquals(400, sam.post("/console/api/conversations/" + id + "/reply", new JsonObject().put("text", " ")).statusCode());
        assertEquals(400, sam.post("/console/api/conversations/" + id + "/reply",
                new JsonObject().put("text", "x".repeat(1601))).statusCode());
        assertEquals(400, sam.postWith("/console/api/conversations/" + id + "/close", null,
                Map.of("X-CSRF-Token", sam.csrf())).statusCode(), "a close needs its outcome");
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/reply",
                new JsonObject().put("text", "Dag, ik lees met je mee.")).statusCode());

        HttpResponse<String> forbidden = sam.get("/console/api/audit");
        assertEquals(403, forbidden.statusCode(), "staff do not read the audit log");
        JsonArray entries = new JsonObject(signedIn("Coby Coordinator").get("/console/api/audit").body()).getJsonArray("entries");
        String log = entries.encode();
        assertTrue(log.contains("\"open_transcript\"") && log.contains("\"take\"") && log.contains("\"reply\""), log);
        assertTrue(entries.stream().anyMatch(o -> id.equals(((JsonObject) o).getString("target"))));
        assertFalse(log.contains("ik lees met je mee") || log.contains("alert(") || log.contains("xss-resident"),
                "no message text or address in the audit log");
    }

    @Test
    void theConsolePageHasAStrictContentSecurityPolicy() {
        HttpResponse<String> page = sandbox.get("/console/");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(page.body().contains("<script>"), "no inline script");
        assertNotNull(page.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void notesStayWithStaffAndTheReplyShowsWhatBecameOfIt() {
        String id = residentAsks("notes-resident", "luisterlijn", "hoi", "ik wil een mens spreken");
        ConsoleClient sam = signedIn("Sam Medewerker");
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/notes",
                new JsonObject().put("text", "Belt meestal 's avonds; <i>voorzichtig</i> met familie.")).statusCode());
        assertEquals(400, sam.post("/console/api/conversations/" + id + "/notes", new JsonObject().put("text", "")).statusCode());
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/take", null).statusCode());
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/reply", new JsonObject().put("text", "Ik ben er.")).statusCode());
        nl.omkijken.testing.fakes.Poll.until(() -> {
            JsonObject c = new JsonObject(signedIn("Sam Medewerker").get("/console/api/conversations/" + id).body());
            return c.getJsonArray("transcript").stream().map(o -> (JsonObject) o)
                    .anyMatch(l -> "Ik ben er.".equals(l.getString("text")) && "sent".equals(l.getString("status")));
        }, java.time.Duration.ofSeconds(10), "the reply is shown as sent");
        JsonObject c = new JsonObject(sam.get("/console/api/conversations/" + id).body());
        JsonObject note = c.getJsonArray("transcript").stream().map(o -> (JsonObject) o)
                .filter(l -> "note".equals(l.getString("direction"))).findFirst().orElseThrow();
        assertEquals("Sam Medewerker", note.getString("by"));
        assertEquals("Belt meestal 's avonds; <i>voorzichtig</i> met familie.", note.getString("text"));
        // The person never sees a note.
        String theirs = sandbox.get("/sandbox/api/conversations/notes-resident/messages").body();
        assertFalse(theirs.contains("voorzichtig"), theirs);
        // A volunteer of another line cannot write notes on it.
        TestWorkers.add(service.redisUrl(), "Henk Helpdesk", Role.VOLUNTEER, Set.of("helpdesk"), PASSWORD);
        assertEquals(403, signedIn("Henk Helpdesk").post("/console/api/conversations/" + id + "/notes",
                new JsonObject().put("text", "mag niet")).statusCode());
    }

    @Test
    void aConversationIsPassedToAColleagueWhoServesItsQueue() {
        String id = residentAsks("assign-resident", "luisterlijn", "hoi", "ik wil een mens spreken");
        ConsoleClient vera = signedIn("Vera Vrijwilliger");
        assertEquals(200, vera.post("/console/api/conversations/" + id + "/take", null).statusCode());
        JsonObject workers = new JsonObject(signedIn("Coby Coordinator").get("/console/api/workers").body());
        String sam = null;
        String hanna = null;
        for (Object o : workers.getJsonArray("workers")) {
            JsonObject w = (JsonObject) o;
            if (w.getString("name").equals("Sam Medewerker")) sam = w.getString("id");
            if (w.getString("name").equals("Hanna Helpdesk")) hanna = w.getString("id");
        }
        assertEquals(400, vera.post("/console/api/conversations/" + id + "/assign", new JsonObject().put("worker", hanna)).statusCode(),
                "Hanna does not serve the Luisterlijn");
        assertEquals(200, vera.post("/console/api/conversations/" + id + "/assign", new JsonObject().put("worker", sam)).statusCode());
        JsonObject c = new JsonObject(signedIn("Sam Medewerker").get("/console/api/conversations/" + id).body());
        assertEquals("CLAIMED", c.getString("state"));
        assertEquals("Sam Medewerker", c.getJsonObject("owner").getString("name"));
        assertEquals(409, vera.post("/console/api/conversations/" + id + "/reply", new JsonObject().put("text", "nog iets")).statusCode());
    }

    @Test
    void adminsAddWorkersAndCoordinatorsKeepCannedReplies() {
        ConsoleClient ada = signedIn("Ada Admin");
        assertEquals(400, ada.post("/console/api/workers", new JsonObject().put("name", "Nieuwe Vrijwilliger").put("role", "volunteer")
                .put("lines", new io.vertx.core.json.JsonArray().add("luisterlijn")).put("password", "welkom123456")).statusCode(),
                "a common password with digits is refused");
        assertEquals(400, ada.post("/console/api/workers", new JsonObject().put("name", "Nieuwe Vrijwilliger").put("role", "volunteer")
                .put("password", "drie losse woorden hier")).statusCode(), "a volunteer needs lines");
        assertEquals(200, ada.post("/console/api/workers", new JsonObject().put("name", "Nieuwe Vrijwilliger").put("role", "volunteer")
                .put("lines", new io.vertx.core.json.JsonArray().add("luisterlijn")).put("password", "drie losse woorden hier")).statusCode());
        assertEquals(409, ada.post("/console/api/workers", new JsonObject().put("name", "nieuwe vrijwilliger").put("role", "staff")
                .put("lines", new io.vertx.core.json.JsonArray().add("helpdesk")).put("password", "nog drie andere woorden")).statusCode());
        ConsoleClient nieuw = new ConsoleClient(service.base());
        assertEquals(200, nieuw.signIn("Nieuwe Vrijwilliger", "drie losse woorden hier").statusCode());
        assertEquals(403, nieuw.post("/console/api/workers", new JsonObject().put("name", "X Y").put("role", "admin")
                .put("password", "drie losse woorden hier")).statusCode(), "a volunteer adds nobody");
        HttpResponse<String> byCoordinator = signedIn("Coby Coordinator").post("/console/api/workers", new JsonObject().put("name", "X Y")
                .put("role", "admin").put("password", "drie losse woorden hier"));
        assertEquals(400, byCoordinator.statusCode(), "a coordinator adds volunteers and staff, not admins");
        assertTrue(new JsonObject(byCoordinator.body()).getJsonObject("fields").containsKey("role"), byCoordinator.body());

        ConsoleClient coby = signedIn("Coby Coordinator");
        HttpResponse<String> saved = coby.post("/console/api/canned", new JsonObject().put("line", "luisterlijn")
                .put("title", "Welkom").put("nl", "Fijn dat je schrijft. Ik ben er.").put("en", "Good that you write. I am here."));
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(403, nieuw.post("/console/api/canned", new JsonObject().put("line", "luisterlijn").put("title", "x")
                .put("nl", "x").put("en", "x")).statusCode());
        JsonObject list = new JsonObject(nieuw.get("/console/api/canned?line=luisterlijn").body());
        assertEquals("Fijn dat je schrijft. Ik ben er.", list.getJsonArray("replies").getJsonObject(0).getString("nl"));
        assertEquals(403, nieuw.get("/console/api/canned?line=helpdesk").statusCode());
        String cannedId = new JsonObject(saved.body()).getString("id");
        assertEquals(200, coby.post("/console/api/canned/luisterlijn/" + cannedId + "/delete", null).statusCode());
        assertEquals(404, coby.post("/console/api/canned/luisterlijn/" + cannedId + "/delete", null).statusCode());

        // Removed, the worker's session ends at once.
        String id = null;
        for (Object o : new JsonObject(ada.get("/console/api/workers").body()).getJsonArray("workers")) {
            if (((JsonObject) o).getString("name").equals("Nieuwe Vrijwilliger")) id = ((JsonObject) o).getString("id");
        }
        assertEquals(200, ada.post("/console/api/workers/" + id + "/remove", null).statusCode());
        assertEquals(401, nieuw.get("/console/api/inbox").statusCode());
        String log = new JsonObject(coby.get("/console/api/audit").body()).encode();
        assertTrue(log.contains("add_worker") && log.contains("remove_worker") && log.contains("save_canned"), log);
    }

    /** What the person typed or the bot said back with a number in it: a volunteer sees the last two digits only. */
    @Test
    void aVolunteerSeesNoNumberInTheTranscriptOrTheCollectedFields() {
        String id = residentAsks("masked-resident", "luisterlijn", "hoi", "ik wil een mens spreken",
                "bel me op 06-12345678 of mail marja@example.nl");
        JsonObject forVera = new JsonObject(signedIn("Vera Vrijwilliger").get("/console/api/conversations/" + id).body());
        String seen = forVera.getJsonArray("transcript").encode() + forVera.getJsonObject("fields").encode();
        assertFalse(seen.contains("12345678") || seen.contains("marja@example.nl"), seen);
        assertTrue(seen.contains("··78"), seen);
        JsonObject forSam = new JsonObject(signedIn("Sam Medewerker").get("/console/api/conversations/" + id).body());
        assertTrue(forSam.getJsonArray("transcript").encode().contains("06-12345678"), "staff see it");
    }

    @Test
    void handedBackToAChosenDialogOfItsOwnLineOnly() {
        String id = residentAsks("handback-resident", "luisterlijn", "hoi", "ik wil een mens spreken");
        ConsoleClient sam = signedIn("Sam Medewerker");
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/take", null).statusCode());
        assertEquals(400, sam.post("/console/api/conversations/" + id + "/hand-back",
                new JsonObject().put("dialog", "crisis")).statusCode(), "not to the crisis path");
        assertEquals(400, sam.post("/console/api/conversations/" + id + "/hand-back",
                new JsonObject().put("dialog", "helpdesk_gegevens")).statusCode(), "not to another line's dialog");
        assertEquals(200, sam.post("/console/api/conversations/" + id + "/hand-back",
                new JsonObject().put("dialog", "luisterlijn_intake")).statusCode());
        String theirs = sandbox.get("/sandbox/api/conversations/handback-resident/messages").body();
        assertTrue(theirs.lastIndexOf("Hoi") > theirs.lastIndexOf("ik wil een mens spreken"), "the dialog from its start: " + theirs);
        JsonObject options = new JsonObject(sam.get("/console/api/options").body());
        assertFalse(options.getJsonObject("dialogs").containsKey("crisis"));
        assertEquals("luisterlijn", options.getJsonObject("dialogs").getString("luisterlijn_intake"));
    }

    @Test
    void theAwaySwitchHidesAWorkerFromTheOnlineList() {
        ConsoleClient sam = signedIn("Sam Medewerker");
        sam.get("/console/api/inbox");
        JsonObject away = new JsonObject(sam.post("/console/api/me/away", new JsonObject().put("away", true)).body());
        assertEquals(true, away.getBoolean("away"));
        assertEquals(true, new JsonObject(sam.get("/console/api/me").body()).getBoolean("away"));
        String online = new JsonObject(signedIn("Coby Coordinator").get("/console/api/inbox").body()).getJsonArray("online").encode();
        assertFalse(online.contains("Sam Medewerker"), online);
        sam.post("/console/api/me/away", new JsonObject().put("away", false));
        sam.get("/console/api/inbox");
        online = new JsonObject(signedIn("Coby Coordinator").get("/console/api/inbox").body()).getJsonArray("online").encode();
        assertTrue(online.contains("Sam Medewerker"), online);
    }
}
