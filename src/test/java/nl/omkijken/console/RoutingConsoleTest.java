package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing in the console, against the running service and a real redis-server: "next conversation" gives
 * crisis first, then who waited longest, within each worker's capacity and languages, and a helpdesk
 * conversation to its stadsdeel's account holder first (dialogs/routing.yaml); coordinators change
 * workers field by field, and a switched-off account signs in no more.
 */
class RoutingConsoleTest {
    private static final String PASSWORD = "koffie fiets lantaarn 42";
    private static RunningService service;
    private static Http sandbox;
    private final List<HttpResponse<InputStream>> feeds = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        service = RunningService.start(data);
        sandbox = new Http(service.base());
        TestWorkers.add(service.redisUrl(), "Coby Coordinator", Role.COORDINATOR, Set.of(), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Ada Admin", Role.ADMIN, Set.of(), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Nina Nederlands", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Emma English", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Eva Escamp", Role.STAFF, Set.of("helpdesk:escamp"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Hugo Helpdesk", Role.STAFF, Set.of("helpdesk"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Wim Wissel", Role.VOLUNTEER, Set.of("telefooncirkel"), PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @AfterEach
    void closeFeeds() throws Exception {
        for (HttpResponse<InputStream> f : feeds) f.body().close();
        feeds.clear();
    }

    private static ConsoleClient signedIn(String name) {
        ConsoleClient c = new ConsoleClient(service.base());
        HttpResponse<String> r = c.signIn(name, PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        return c;
    }

    /** Signed in with the console open (its live feed), so shown online to routing. */
    private ConsoleClient online(String name) throws Exception {
        ConsoleClient c = signedIn(name);
        feeds.add(c.follow().get(10, java.util.concurrent.TimeUnit.SECONDS));
        ConsoleClient coby = signedIn("Coby Coordinator");
        nl.omkijken.testing.fakes.Poll.until(() -> new JsonObject(coby.get("/console/api/inbox").body()).getJsonArray("online")
                .encode().contains(name), java.time.Duration.ofSeconds(5), name + " shown online");
        return c;
    }

    private static void say(String resident, String line, String language, String... texts) {
        for (String t : texts) {
            JsonObject body = new JsonObject().put("text", t).put("line", line);
            if (language != null) body.put("language", language);
            HttpResponse<String> r = sandbox.postJson("/sandbox/api/conversations/" + resident + "/messages", body.encode());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    /** The waiting conversation of a sandbox resident, as a coordinator's inbox shows it. */
    private static JsonObject waiting(String resident) {
        JsonObject inbox = new JsonObject(signedIn("Coby Coordinator").get("/console/api/inbox").body());
        for (Object o : inbox.getJsonArray("waiting")) {
            JsonObject item = (JsonObject) o;
            if (resident.equals(item.getJsonObject("person").getString("address"))) return item;
        }
        throw new AssertionError(resident + " does not wait: " + inbox.encodePrettily());
    }

    private static String workerId(String name) {
        for (Object o : new JsonObject(signedIn("Ada Admin").get("/console/api/workers").body()).getJsonArray("workers")) {
            if (((JsonObject) o).getString("name").equals(name)) return ((JsonObject) o).getString("id");
        }
        throw new AssertionError(name);
    }

    @Test
    void nextGivesCrisisFirstThenTheLongestWaitWithinCapacityAndLanguages() throws Exception {
        ConsoleClient coby = signedIn("Coby Coordinator");
        assertEquals(200, coby.post("/console/api/workers/" + workerId("Nina Nederlands"),
                new JsonObject().put("capacity", 1).put("languages", new JsonArray().add("nl"))).statusCode());
        assertEquals(200, coby.post("/console/api/workers/" + workerId("Emma English"),
                new JsonObject().put("capacity", 2).put("languages", new JsonArray().add("nl").add("en"))).statusCode());

        say("route-en", "luisterlijn", "en", "hello", "I want to talk to a person");
        say("route-nl", "luisterlijn", "nl", "hoi", "ik wil een mens spreken");
        String english = waiting("route-en").getString("id");
        String dutch = waiting("route-nl").getString("id");

        ConsoleClient nina = online("Nina Nederlands");
        ConsoleClient emma = online("Emma English");
        // The English conversation waited longer, but Emma speaks English and has room: Nina gets the Dutch one.
        HttpResponse<String> first = nina.post("/console/api/next", null);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(dutch, new JsonObject(first.body()).getString("id"));
        HttpResponse<String> second = emma.post("/console/api/next", null);
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(english, new JsonObject(second.body()).getString("id"));
        JsonObject ninaInbox = new JsonObject(nina.get("/console/api/inbox").body());
        assertEquals(1, ninaInbox.getInteger("load"));
        assertEquals(1, ninaInbox.getInteger("capacity"));

        // Nobody else waits for Emma: she hears so (404), not an error.
        HttpResponse<String> none = emma.post("/console/api/next", null);
        assertEquals(404, none.statusCode(), none.body());
        assertEquals("none_waiting", new JsonObject(none.body()).getString("code"));

        // Nina has her one conversation: no next one for her...
        say("route-nl2", "luisterlijn", "nl", "hallo", "kan ik met iemand praten");
        HttpResponse<String> full = nina.post("/console/api/next", null);
        assertEquals(409, full.statusCode(), full.body());
        assertEquals("at_capacity", new JsonObject(full.body()).getString("code"));
        // ...except a crisis, which goes before the one who waited longer, and beyond her capacity.
        say("route-crisis", "luisterlijn", "nl", "ik wil niet meer leven");
        String crisis = waiting("route-crisis").getString("id");
        assertTrue(waiting("route-crisis").getBoolean("urgent"));
        HttpResponse<String> urgent = nina.post("/console/api/next", null);
        assertEquals(200, urgent.statusCode(), urgent.body());
        assertEquals(crisis, new JsonObject(urgent.body()).getString("id"));
        assertTrue(new JsonObject(urgent.body()).getBoolean("urgent"));
        // Emma has room for one more: the Dutch one that waited.
        HttpResponse<String> rest = emma.post("/console/api/next", null);
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals(waitingOrTaken(coby, "route-nl2"), new JsonObject(rest.body()).getString("id"));
        String log = new JsonObject(coby.get("/console/api/audit").body()).encode();
        assertTrue(log.contains("take_next"), log);
    }

    private static String waitingOrTaken(ConsoleClient coby, String resident) {
        JsonObject inbox = new JsonObject(coby.get("/console/api/inbox").body());
        for (String list : List.of("waiting", "colleagues", "mine")) {
            for (Object o : inbox.getJsonArray(list)) {
                JsonObject item = (JsonObject) o;
                if (resident.equals(item.getJsonObject("person").getString("address"))) return item.getString("id");
            }
        }
        throw new AssertionError(resident);
    }

    @Test
    void aHelpdeskConversationGoesToItsStadsdeelsAccountHolderFirst() throws Exception {
        // Moerwijk is in Escamp: the conversation waits in Escamp's queue.
        say("route-org", "helpdesk", "nl", "afspraak maken", "Stichting Buurtkracht", "Moerwijk", "ik wil een mens spreken");
        JsonObject item = waiting("route-org");
        assertEquals("helpdesk:escamp", item.getString("queue"));
        assertNotNull(item.getString("keptForPartUntil"), item.encode());

        ConsoleClient hugo = online("Hugo Helpdesk");
        // Nobody of Escamp is online: the helpdesk as a whole takes it rather than let it wait.
        assertEquals(item.getString("id"), nextId(hugo));
        assertEquals(200, hugo.post("/console/api/conversations/" + item.getString("id") + "/give-back", null).statusCode());

        ConsoleClient eva = online("Eva Escamp");
        HttpResponse<String> kept = hugo.post("/console/api/next", null);
        assertEquals(404, kept.statusCode(), "kept for Escamp's account holder while she is online: " + kept.body());
        assertEquals(item.getString("id"), nextId(eva));
        // Eva serves only Escamp's queue: she does not see the rest of the helpdesk.
        say("route-org2", "helpdesk", "nl", "afspraak maken", "Buurtvereniging Oost", "weet ik niet", "ik wil een mens spreken");
        assertEquals("helpdesk", waiting("route-org2").getString("queue"));
        JsonObject evaInbox = new JsonObject(eva.get("/console/api/inbox").body());
        assertFalse(evaInbox.getJsonArray("waiting").encode().contains("route-org2"), evaInbox.encode());
    }

    private static String nextId(ConsoleClient c) {
        HttpResponse<String> r = c.post("/console/api/next", null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    @Test
    void coordinatorsChangeWorkersFieldByFieldAndSwitchAccountsOff() {
        ConsoleClient coby = signedIn("Coby Coordinator");
        String wim = workerId("Wim Wissel");
        HttpResponse<String> bad = coby.post("/console/api/workers/" + wim, new JsonObject().put("capacity", 0)
                .put("languages", new JsonArray().add("fr")).put("lines", new JsonArray().add("nergens")));
        assertEquals(400, bad.statusCode(), bad.body());
        JsonObject fields = new JsonObject(bad.body()).getJsonObject("fields");
        assertEquals(Set.of("capacity", "languages", "lines"), fields.fieldNames(), "every wrong field at once: " + bad.body());

        assertEquals(200, coby.post("/console/api/workers/" + wim, new JsonObject().put("capacity", 2)
                .put("languages", new JsonArray().add("nl").add("en"))
                .put("lines", new JsonArray().add("telefooncirkel").add("helpdesk:centrum"))).statusCode());
        JsonObject saved = null;
        JsonObject list = new JsonObject(coby.get("/console/api/workers").body());
        for (Object o : list.getJsonArray("workers")) if (((JsonObject) o).getString("id").equals(wim)) saved = (JsonObject) o;
        assertNotNull(saved);
        assertEquals(2, saved.getInteger("capacity"));
        assertEquals(Set.of("nl", "en"), Set.copyOf(saved.getJsonArray("languages").getList()));
        assertEquals(Set.of("telefooncirkel", "helpdesk:centrum"), Set.copyOf(saved.getJsonArray("lines").getList()));
        assertEquals("Haagse Hout", list.getJsonObject("queues").getString("helpdesk:haagse-hout"), "the parts' queues are offered by name");

        // A coordinator manages volunteers and staff, not admins, and makes nobody a coordinator.
        assertEquals(403, coby.post("/console/api/workers/" + workerId("Ada Admin"), new JsonObject().put("capacity", 5)).statusCode());
        HttpResponse<String> promote = coby.post("/console/api/workers/" + wim, new JsonObject().put("role", "coordinator"));
        assertEquals(400, promote.statusCode());
        assertTrue(new JsonObject(promote.body()).getJsonObject("fields").containsKey("role"));
        HttpResponse<String> self = coby.post("/console/api/workers/" + workerId("Coby Coordinator"), new JsonObject().put("active", false));
        assertEquals(403, self.statusCode(), "a coordinator does not manage coordinators, also not themselves: " + self.body());

        // A coordinator of one line manages that line's workers only (no account for a line they do not serve).
        TestWorkers.add(service.redisUrl(), "Lies Luisterlijn", Role.COORDINATOR, Set.of("luisterlijn"), PASSWORD);
        ConsoleClient lies = signedIn("Lies Luisterlijn");
        HttpResponse<String> elsewhere = lies.post("/console/api/workers", new JsonObject().put("name", "Heimelijk Account")
                .put("role", "staff").put("lines", new JsonArray().add("helpdesk")).put("password", "drie losse woorden hier"));
        assertEquals(400, elsewhere.statusCode(), elsewhere.body());
        assertTrue(new JsonObject(elsewhere.body()).getJsonObject("fields").containsKey("lines"));
        assertEquals(403, lies.post("/console/api/workers/" + workerId("Hugo Helpdesk"), new JsonObject().put("capacity", 1)).statusCode());
        assertEquals(200, lies.post("/console/api/workers/" + workerId("Nina Nederlands"), new JsonObject().put("capacity", 1)).statusCode());
        // A stadsdeel's account holder has the helpdesk's canned replies and roster too.
        assertEquals(200, signedIn("Eva Escamp").get("/console/api/canned?line=helpdesk").statusCode());
        // The roster shows from 90 days back to a year ahead, no further (nor does asking far ahead forget anything).
        assertEquals(400, signedIn("Eva Escamp").get("/console/api/shifts?from=2030-01-01").statusCode());
        assertEquals(400, signedIn("Eva Escamp").get("/console/api/shifts?from=+999999999-12-31").statusCode());

        // Switched off: the open session ends, and signing in says why.
        ConsoleClient wimConsole = signedIn("Wim Wissel");
        assertEquals(200, coby.post("/console/api/workers/" + wim, new JsonObject().put("active", false)).statusCode());
        assertEquals(401, wimConsole.get("/console/api/inbox").statusCode());
        HttpResponse<String> refused = new ConsoleClient(service.base()).signIn("Wim Wissel", PASSWORD);
        assertEquals(403, refused.statusCode());
        assertEquals("inactive", new JsonObject(refused.body()).getString("code"));
        assertEquals(200, coby.post("/console/api/workers/" + wim, new JsonObject().put("active", true)).statusCode());
        assertEquals(200, new ConsoleClient(service.base()).signIn("Wim Wissel", PASSWORD).statusCode());
        String log = new JsonObject(coby.get("/console/api/audit").body()).encode();
        assertTrue(log.contains("change_worker") && log.contains("deactivate_worker") && log.contains("activate_worker"), log);
    }

    @Test
    void coordinatorsPlanShiftsThatEveryoneOfTheLineSees() throws Exception {
        TestWorkers.add(service.redisUrl(), "Sara Shift", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Tom Telefoon", Role.VOLUNTEER, Set.of("telefooncirkel"), PASSWORD);
        String sara = workerId("Sara Shift");
        ConsoleClient coby = signedIn("Coby Coordinator");
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Amsterdam")).withSecond(0).withNano(0);
        String today = now.toLocalDate().toString();
        String from = now.toLocalTime().toString();
        String to = now.plusHours(2).toLocalTime().toString();
        HttpResponse<String> planned = coby.post("/console/api/shifts", new JsonObject().put("worker", sara).put("line", "luisterlijn")
                .put("date", today).put("from", from).put("to", to));
        assertEquals(200, planned.statusCode(), planned.body());
        String shiftId = new JsonObject(planned.body()).getString("id");

        // The same volunteer cannot be planned twice at once; the reason stands beside "from".
        HttpResponse<String> twice = coby.post("/console/api/shifts", new JsonObject().put("worker", sara).put("line", "luisterlijn")
                .put("date", today).put("from", from).put("to", to));
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(new JsonObject(twice.body()).getJsonObject("fields").getString("from").contains("al een dienst"), twice.body());
        HttpResponse<String> wrong = coby.post("/console/api/shifts", new JsonObject().put("worker", sara).put("line", "telefooncirkel")
                .put("date", "gisteren").put("from", "9").put("to", "12:00"));
        assertEquals(Set.of("worker", "date", "from"), new JsonObject(wrong.body()).getJsonObject("fields").fieldNames(), wrong.body());

        // A volunteer of the line sees it (in the roster and as on duty now); one of another line does not; neither plans.
        ConsoleClient saraConsole = online("Sara Shift");
        JsonObject roster = new JsonObject(saraConsole.get("/console/api/shifts").body());
        assertTrue(roster.getJsonArray("shifts").encode().contains(shiftId), roster.encode());
        JsonObject inbox = new JsonObject(saraConsole.get("/console/api/inbox").body());
        JsonObject duty = inbox.getJsonArray("onDuty").getJsonObject(0);
        assertEquals("Sara Shift", duty.getJsonObject("worker").getString("name"));
        assertTrue(duty.getBoolean("online"));
        ConsoleClient tom = signedIn("Tom Telefoon");
        assertFalse(tom.get("/console/api/shifts").body().contains(shiftId));
        assertEquals(403, tom.post("/console/api/shifts", new JsonObject().put("worker", sara).put("line", "luisterlijn")
                .put("date", today).put("from", "09:00").put("to", "10:00")).statusCode());
        assertEquals(403, saraConsole.post("/console/api/shifts/" + shiftId + "/delete", null).statusCode());

        assertEquals(200, coby.post("/console/api/shifts/" + shiftId + "/delete", null).statusCode());
        assertEquals(404, coby.post("/console/api/shifts/" + shiftId + "/delete", null).statusCode());
        assertFalse(saraConsole.get("/console/api/shifts").body().contains(shiftId));
        String log = new JsonObject(coby.get("/console/api/audit").body()).encode();
        assertTrue(log.contains("add_shift") && log.contains("delete_shift"), log);
    }

    private static List<String> residentSees(String resident) {
        JsonArray all = new JsonArray(sandbox.get("/sandbox/api/conversations/" + resident + "/messages").body());
        return all.stream().map(o -> ((JsonObject) o).getString("text")).toList();
    }

    /** A call-back through its life: not reached (tried again later, the person is told when), then given up. */
    @Test
    void aCallBackNotReachedIsTriedAgainLaterAndThePersonIsToldEachTime() throws Exception {
        TestWorkers.add(service.redisUrl(), "Bea Bellen", Role.STAFF, Set.of("luisterlijn"), PASSWORD);
        say("route-bel", "luisterlijn", "nl", "hoi", "2", "Joke", "06-1234 5678", "maakt niet uit");
        JsonObject item = waiting("route-bel");
        assertEquals("CALLBACK", item.getString("kind"));
        String id = item.getString("id");
        // The person writes again meanwhile: their conversation starts afresh, the call-back stays.
        say("route-bel", "luisterlijn", "nl", "dank je");
        ConsoleClient bea = online("Bea Bellen");
        assertEquals(id, nextId(bea));

        // Not reached: tried again in two hours; the person hears when, in Dutch time.
        java.time.ZonedDateTime retry = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Amsterdam")).plusHours(2)
                .withSecond(0).withNano(0);
        HttpResponse<String> past = bea.post("/console/api/conversations/" + id + "/callback",
                new JsonObject().put("result", "not_reached").put("retryAt", "2020-01-01T10:00"));
        assertEquals(400, past.statusCode(), past.body());
        assertTrue(new JsonObject(past.body()).getJsonObject("fields").containsKey("retryAt"));
        HttpResponse<String> missed = bea.post("/console/api/conversations/" + id + "/callback",
                new JsonObject().put("result", "not_reached").put("retryAt", retry.toLocalDateTime().toString()));
        assertEquals(200, missed.statusCode(), missed.body());
        String hh = String.format("%02d:%02d", retry.getHour(), retry.getMinute());
        nl.omkijken.testing.fakes.Poll.until(() -> residentSees("route-bel").stream().anyMatch(t -> t.contains("kregen je niet te pakken")),
                java.time.Duration.ofSeconds(10), "the person is told");
        String told = residentSees("route-bel").stream().filter(t -> t.contains("kregen je niet te pakken")).findFirst().orElseThrow();
        assertTrue(told.contains(hh) && told.contains("0800-0113"), told);

        // Back in the queue, not due yet: "next" does not give it; the inbox says from when.
        JsonObject again = waiting("route-bel");
        assertEquals(false, again.getBoolean("due"));
        assertEquals(1, again.getInteger("attempts"));
        assertEquals(404, bea.post("/console/api/next", null).statusCode());
        // A worker may still call earlier, from the inbox: then it cannot be reached at all.
        assertEquals(200, bea.post("/console/api/conversations/" + id + "/take", null).statusCode());
        HttpResponse<String> gaveUp = bea.post("/console/api/conversations/" + id + "/callback", new JsonObject().put("result", "gave_up"));
        assertEquals(200, gaveUp.statusCode(), gaveUp.body());
        assertEquals("RESOLVED", new JsonObject(gaveUp.body()).getString("state"));
        // Done (given up): how long it took from the request is in the coordinators' figures.
        JsonObject figures = today(signedIn("Coby Coordinator"));
        assertNotNull(figures.getLong("callbackP50"), figures.encode());
        assertTrue(figures.getLong("callbackP50") >= 0 && figures.getLong("callbackP50") < 600, figures.encode());
        nl.omkijken.testing.fakes.Poll.until(() -> residentSees("route-bel").stream().anyMatch(t -> t.contains("niet gelukt je te bereiken")),
                java.time.Duration.ofSeconds(10), "the person is told it did not work");
        JsonObject c = new JsonObject(bea.get("/console/api/conversations/" + id).body());
        assertTrue(c.getJsonArray("transcript").encode().contains("callback:not_reached")
                && c.getJsonArray("transcript").encode().contains("callback:gave_up"), c.encode());
        // A live conversation is no call-back.
        say("route-live", "luisterlijn", "nl", "hoi", "1");
        String live = waiting("route-live").getString("id");
        assertEquals(200, bea.post("/console/api/conversations/" + live + "/take", null).statusCode());
        HttpResponse<String> notCallback = bea.post("/console/api/conversations/" + live + "/callback", new JsonObject().put("result", "reached"));
        assertEquals(409, notCallback.statusCode());
    }

    /** A call-back due now is brought to the workers of its queue at once, on their live feed. */
    @Test
    void aCallBackThatComesDueIsBroughtToTheWorkersOfItsQueue() throws Exception {
        TestWorkers.add(service.redisUrl(), "Ria Rappel", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        HttpResponse<InputStream> feed = signedIn("Ria Rappel").follow().get(10, java.util.concurrent.TimeUnit.SECONDS);
        feeds.add(feed);
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(feed.body(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        say("route-rappel", "luisterlijn", "nl", "hoi", "2", "Joke", "06-1234 5678", "maakt niet uit");
        String id = waiting("route-rappel").getString("id");
        // The reminder round runs every 15 seconds on the service.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(40).toNanos();
        String reminder = null;
        while (reminder == null && System.nanoTime() < until) {
            String l = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (l != null && l.contains("callback_due") && l.contains(id)) reminder = l;
        }
        assertNotNull(reminder, "no reminder on the feed");
        JsonObject event = new JsonObject(reminder.substring(reminder.indexOf('{')));
        assertEquals(1, event.getInteger("reminder"));
        assertFalse(reminder.contains("06"), "no number on the feed: " + reminder);
        // Done: the call-back leaves the queue the other tests read.
        ConsoleClient ria = signedIn("Ria Rappel");
        assertEquals(200, ria.post("/console/api/conversations/" + id + "/take", null).statusCode());
        assertEquals(200, ria.post("/console/api/conversations/" + id + "/callback", new JsonObject().put("result", "reached")).statusCode());
    }

    /** Coordinators' figures per line and day: counted from what happens, read as JSON and as CSV. */
    @Test
    void theDaysFiguresCountWhoAskedWhoWasTakenHowLongAndWhoLeft() {
        ConsoleClient coby = signedIn("Coby Coordinator");
        JsonObject before = today(coby);
        TestWorkers.add(service.redisUrl(), "Fien Figuur", Role.VOLUNTEER, Set.of("luisterlijn"), PASSWORD);
        say("fig-1", "luisterlijn", "nl", "hoi", "1");
        say("fig-2", "luisterlijn", "nl", "hoi", "1");
        String one = waiting("fig-1").getString("id");
        ConsoleClient fien = signedIn("Fien Figuur");
        assertEquals(200, fien.post("/console/api/conversations/" + one + "/take", null).statusCode());
        // Given back and taken again: taken once, after the wait until the first worker came.
        assertEquals(200, fien.post("/console/api/conversations/" + one + "/give-back", null).statusCode());
        assertEquals(200, fien.post("/console/api/conversations/" + one + "/take", null).statusCode());
        say("fig-2", "luisterlijn", "nl", "STOP");
        // Told who helps with what we do not do: counted per referral.
        long taalBefore = referrals(coby).getLong("taal", 0L);
        say("fig-3", "luisterlijn", "en", "hi, I want to learn Dutch, where can I get lessons?");
        // Counted right after the turn is saved (not within it): looked at until it is there.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (referrals(coby).getLong("taal", 0L) < taalBefore + 1 && System.nanoTime() < until) Thread.onSpinWait();
        assertEquals(taalBefore + 1, referrals(coby).getLong("taal", 0L));
        JsonObject after = today(coby);
        assertEquals(before.getLong("asked") + 2, after.getLong("asked"));
        assertEquals(before.getLong("taken") + 1, after.getLong("taken"));
        assertEquals(before.getLong("left") + 1, after.getLong("left"));
        assertNotNull(after.getLong("waitP50"));

        HttpResponse<String> csv = coby.get("/console/api/figures.csv?line=luisterlijn&days=7");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] rows = csv.body().split("\r\n");
        assertEquals(8, rows.length, csv.body());
        assertTrue(rows[0].startsWith("datum;gevraagd;overgenomen;"), rows[0]);
        assertTrue(rows[7].startsWith(after.getString("date") + ";"), rows[7]);
        List<String> header = List.of(rows[0].split(";", -1));
        assertTrue(header.indexOf("terugbellen_klaar_p95_minuten") == 10 && header.contains("doorverwezen_taal"), rows[0]);
        assertEquals(header.size(), rows[7].split(";", -1).length, rows[7]);
        assertTrue(Long.parseLong(rows[7].split(";", -1)[header.indexOf("doorverwezen_taal")]) >= 1, rows[7]);

        assertEquals(403, fien.get("/console/api/figures?line=luisterlijn").statusCode(), "figures are for coordinators");
        TestWorkers.add(service.redisUrl(), "Dirk Desk", Role.COORDINATOR, Set.of("helpdesk"), PASSWORD);
        assertEquals(403, signedIn("Dirk Desk").get("/console/api/figures?line=luisterlijn").statusCode(), "another line's");
        assertEquals(400, coby.get("/console/api/figures?line=luisterlijn&days=0").statusCode());
        assertEquals(400, coby.get("/console/api/figures?line=nergens").statusCode());
    }

    /** The referrals said on the Luisterlijn in the last two days, per referral. */
    private static JsonObject referrals(ConsoleClient coordinator) {
        HttpResponse<String> r = coordinator.get("/console/api/figures?line=luisterlijn&days=2");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonObject("referrals");
    }

    /** Today's figures, with yesterday's counts added: a test that runs across midnight counts on both days. */
    private static JsonObject today(ConsoleClient coordinator) {
        HttpResponse<String> r = coordinator.get("/console/api/figures?line=luisterlijn&days=2");
        assertEquals(200, r.statusCode(), r.body());
        JsonArray days = new JsonObject(r.body()).getJsonArray("days");
        JsonObject y = days.getJsonObject(0);
        JsonObject t = days.getJsonObject(1).copy();
        for (String k : List.of("asked", "taken", "left")) t.put(k, t.getLong(k) + y.getLong(k));
        if (t.getLong("waitP50") == null && y.getLong("waitP50") != null) t.put("waitP50", y.getLong("waitP50"));
        if (t.getLong("callbackP50") == null && y.getLong("callbackP50") != null) t.put("callbackP50", y.getLong("callbackP50"));
        return t;
    }
}
