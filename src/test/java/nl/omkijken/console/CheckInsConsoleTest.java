package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.circle.CheckInLog;
import nl.omkijken.store.redis.RedisCheckInLog;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.HeadlessChromium;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Today's check-in calls in the console, on the whole service with the phone on (the fake Twilio): each
 * participant's day step by step as the ladder writes it (a real status callback included), where it stands,
 * and "marked safe" by a coordinator, which is checked, stops the ladder and is audited; the page in a real
 * headless Chromium (screenshot target/screenshots/console-checkins.png).
 */
class CheckInsConsoleTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "checkin-auth-token-1a2b3c4d5e6f7a8b";
    private static final String CIRKEL = "+3197010200311";
    private static final String PASSWORD = "kring ochtend koffie 7";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Vertx vertx;
    private FakeTwilio twilio;
    private RunningService service;

    @AfterEach
    void stop() {
        if (service != null) service.close();
        if (twilio != null) twilio.close();
        if (vertx != null) Await.result(vertx.close());
    }

    /** Every day but today: the service places no real call during the test, whatever the hour. */
    private static JsonArray notToday() {
        JsonArray days = new JsonArray();
        DayOfWeek today = LocalDate.now(AMSTERDAM).getDayOfWeek();
        for (DayOfWeek d : DayOfWeek.values()) if (d != today) days.add(d.name().substring(0, 3).toLowerCase());
        return days;
    }

    @Test
    void aCoordinatorSeesEachDayStepByStepAndMarksAParticipantSafe(@TempDir Path data, @TempDir Path profile) throws Exception {
        vertx = Vertx.vertx();
        twilio = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        Map<String, String> env = twilio.serviceEnv();
        env.put("TWILIO_NUMBERS_TELEFOONCIRKEL", CIRKEL);
        service = RunningService.start(data, env);
        TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of("telefooncirkel"), PASSWORD);
        TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("telefooncirkel"), PASSWORD);
        ConsoleClient carla = new ConsoleClient(service.base());
        assertEquals(200, carla.signIn("Carla Coördinator", PASSWORD).statusCode());
        JsonObject annie = new JsonObject().put("name", "Annie de Vries").put("phone", "06-1234 5678").put("language", "nl")
                .put("from", "9:30").put("until", "10:30").put("days", notToday())
                .put("contact", new JsonObject().put("name", "Joke Bakker").put("phone", "+31 20 123 4567"))
                .put("consent", new JsonObject().put("by", "participant").put("on", LocalDate.now().minusDays(2).toString())
                        .put("how", "in_person"));
        HttpResponse<String> made = carla.post("/console/api/participants", annie);
        assertEquals(200, made.statusCode(), made.body());
        String id = new JsonObject(made.body()).getString("id");
        assertEquals(0, checkins(carla).size(), "not due today, nothing happened: not on today's list");

        // Today's ladder so far: a call (its status callback comes from Twilio, signed), the text, the contact asked.
        LocalDate today = LocalDate.now(AMSTERDAM);
        RedisConnection redis = Await.result(RedisConnection.connect(vertx, service.redisUrl()));
        RedisCheckInLog log = new RedisCheckInLog(redis);
        Await.result(log.add(today, id, new CheckInLog.Entry(java.time.Instant.now(), CheckInLog.Step.CALLED, "1")));
        Map<String, String> status = new LinkedHashMap<>();
        status.put("AccountSid", ACCOUNT);
        status.put("ApiVersion", "2010-04-01");
        status.put("CallSid", "CA0123456789abcdef0123456789abcdef");
        status.put("CallStatus", "no-answer");
        status.put("Direction", "outbound-api");
        status.put("From", CIRKEL);
        status.put("To", "+31612345678");
        String path = "/webhooks/twilio/voice/status?participant=" + id + "&attempt=1";
        HttpResponse<String> callback = new WebhookClient(service.base()).post(path, "application/x-www-form-urlencoded",
                Forms.encode(status).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", new TwilioSigner(TOKEN).sign(service.base() + path, status)));
        assertEquals(200, callback.statusCode(), callback.body());
        Poll.until(() -> Await.result(log.of(today, id)).size() == 2, java.time.Duration.ofSeconds(10), "the call's outcome in the day");
        Await.result(log.add(today, id, new CheckInLog.Entry(java.time.Instant.now(), CheckInLog.Step.TEXTED, "")));
        Await.result(log.add(today, id, new CheckInLog.Entry(java.time.Instant.now(), CheckInLog.Step.ASKED, "contact")));

        JsonObject row = checkins(carla).getJsonObject(0);
        assertEquals(id, row.getString("id"));
        assertEquals("Annie de Vries", row.getString("name"));
        assertEquals("contact", row.getString("state"));
        assertFalse(row.getBoolean("settled"));
        List<String> steps = row.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("text")).toList();
        assertEquals(List.of("gebeld (poging 1)", "niet bereikt: geen gehoor", "sms gestuurd",
                "contactpersoon Joke Bakker gevraagd om te gaan kijken (sms)"), steps);

        // Marked safe: a note is required; then the day is settled and the ladder stops.
        HttpResponse<String> bare = carla.post("/console/api/checkins/" + id + "/safe", new JsonObject().put("note", "  "));
        assertEquals(400, bare.statusCode());
        assertTrue(new JsonObject(bare.body()).getJsonObject("fields").getString("note").contains("hoe u weet"), bare.body());
        assertEquals(400, carla.post("/console/api/checkins/" + id + "/safe", new JsonObject().put("note", "x".repeat(501))).statusCode());
        assertEquals(404, carla.post("/console/api/checkins/nobody/safe", new JsonObject().put("note", "gebeld")).statusCode());
        ConsoleClient vince = new ConsoleClient(service.base());
        assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
        assertEquals(403, vince.get("/console/api/checkins").statusCode());
        assertEquals(403, vince.post("/console/api/checkins/" + id + "/safe", new JsonObject().put("note", "gebeld")).statusCode());
        HttpResponse<String> safe = carla.post("/console/api/checkins/" + id + "/safe",
                new JsonObject().put("note", "Zelf gebeld: ze was in de tuin."));
        assertEquals(200, safe.statusCode(), safe.body());
        row = checkins(carla).getJsonObject(0);
        assertEquals("safe", row.getString("state"));
        assertTrue(row.getBoolean("settled"));
        JsonArray all = row.getJsonArray("steps");
        assertEquals("veilig gemeld door Carla Coördinator: Zelf gebeld: ze was in de tuin.", all.getJsonObject(all.size() - 1).getString("text"));
        String audit = carla.get("/console/api/audit").body();
        assertTrue(audit.contains("mark_safe"), audit);
        assertFalse(audit.contains("tuin"), "the note is in the day, not the audit log");

        assertEquals(400, carla.get("/console/api/checkins?day=gisteren").statusCode());
        assertEquals(0, new JsonObject(carla.get("/console/api/checkins?day=" + today.minusDays(1)).body())
                .getJsonArray("participants").size(), "yesterday nothing happened to her, and nothing is made up");
        JsonArray tomorrow = new JsonObject(carla.get("/console/api/checkins?day=" + today.plusDays(1)).body()).getJsonArray("participants");
        assertEquals("planned", tomorrow.getJsonObject(0).getString("state"), "due tomorrow");

        // In the browser: Bert, whom nobody reached, is at the top with his steps open; marked safe from the page.
        JsonObject bert = annie.copy().put("name", "Bert Jansen").put("phone", "06 2345 6789")
                .put("contact", new JsonObject().put("name", "Wim Jansen").put("phone", "06 3456 7890"));
        String bertId = new JsonObject(carla.post("/console/api/participants", bert).body()).getString("id");
        java.time.Instant t = java.time.Instant.now().minus(java.time.Duration.ofMinutes(115));
        for (Object[] step : new Object[][] {{CheckInLog.Step.CALLED, "1"}, {CheckInLog.Step.NOT_REACHED, "1|no-answer"},
                {CheckInLog.Step.CALLED, "2"}, {CheckInLog.Step.NOT_REACHED, "2|busy"}, {CheckInLog.Step.CALLED, "3"},
                {CheckInLog.Step.NOT_REACHED, "3|machine"}, {CheckInLog.Step.TEXTED, ""}, {CheckInLog.Step.ASKED, "contact"},
                {CheckInLog.Step.NO_ANSWER, "contact"}, {CheckInLog.Step.COORDINATOR, ""},
                // A call-back he asked for that day, in a message, and the worker who took it on 35 minutes later.
                {CheckInLog.Step.CALLBACK_ASKED, "callback_request"}, {CheckInLog.Step.CALLBACK_HANDLED, "taken|35"}}) {
            t = t.plus(java.time.Duration.ofMinutes(9));
            Await.result(log.add(today, bertId, new CheckInLog.Entry(t, (CheckInLog.Step) step[0], (String) step[1])));
        }
        Await.result(redis.close());
        WebDriver driver = HeadlessChromium.start(profile);
        try {
            WebDriverWait wait = new WebDriverWait(driver, java.time.Duration.ofSeconds(15));
            // The page asks again every few seconds and renders anew: an element found may be replaced before it is read.
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            driver.get(service.base() + "/console/");
            wait.until(d -> d.findElement(By.id("sign-in-view")).isDisplayed());
            driver.findElement(By.id("name")).sendKeys("Carla Coördinator");
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            wait.until(d -> d.findElement(By.id("work-view")).isDisplayed());
            driver.findElement(By.cssSelector(".nav__item[data-view=checkins-view]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#checkins-list .checkin")).size() == 2);
            // The page asks again every few seconds: each look finds its element anew.
            String bertRow = "[data-participant=" + bertId + "]";
            wait.until(d -> d.findElement(By.cssSelector("#checkins-list .checkin:first-child")).getText().startsWith("Bert Jansen"));
            String bertText = read(wait, bertRow);
            assertTrue(bertText.contains("bij de coördinator"), bertText);
            assertTrue(bertText.contains("niet bereikt: antwoordapparaat"), "the coordinator's case is open: " + bertText);
            assertTrue(bertText.contains("geen antwoord van contactpersoon Wim Jansen"), bertText);
            assertTrue(bertText.contains("vroeg om teruggebeld te worden") && bertText.contains("een medewerker nam het op zich, 35 minuten na het verzoek"), bertText);
            String annieRow = "[data-participant=" + id + "]";
            assertEquals("veilig gemeld", read(wait, annieRow + " .checkin__state"));
            assertTrue(driver.findElements(By.cssSelector(annieRow + " form")).isEmpty(), "a settled day has nothing to mark");
            String summary = read(wait, "#checkins-summary");
            assertTrue(summary.contains("2 deelnemers vandaag · 1 nog niet bereikt"), summary);
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("console-checkins.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            // Without a note: the reason beside the field (and it stays); with one, the ladder stops and the page says so.
            clickFresh(wait, bertRow + " form button");
            wait.until(d -> d.findElement(By.id("safe-note-" + bertId + "-error")).isDisplayed());
            // The page's own refresh runs every 5 s of real time and skips the list while a refusal is shown; no
            // event marks a skipped refresh, so the test outlasts one interval.
            Thread.sleep(6000);
            Boolean stays = wait.until(d -> d.findElement(By.id("safe-note-" + bertId + "-error")).isDisplayed());
            assertTrue(stays, "not taken away by the next refresh");
            driver.findElement(By.id("safe-note-" + bertId)).sendKeys("Buurvrouw heeft aangebeld, alles goed.");
            clickFresh(wait, bertRow + " form button");
            wait.until(d -> d.findElement(By.cssSelector(bertRow + " .checkin__state")).getText().equals("veilig gemeld"));
            wait.until(d -> d.findElement(By.cssSelector(bertRow)).getText()
                    .contains("veilig gemeld door Carla Coördinator: Buurvrouw heeft aangebeld, alles goed."));
            // In English, the steps too.
            clickFresh(wait, "#language");
            // The page loads again in English, at the inbox.
            wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang"))
                    && d.findElement(By.id("work-view")).isDisplayed());
            clickFresh(wait, ".nav__item[data-view=checkins-view]");
            wait.until(d -> d.findElement(By.cssSelector(bertRow + " .checkin__state")).getText().equals("marked safe"));
            String english = wait.until(d -> {
                String text = d.findElement(By.cssSelector(bertRow)).getText();
                if (text.contains("no answer from contact person Wim Jansen")) return text;
                // Folded (a settled day's steps are): opened, and looked at again.
                if (d.findElement(By.cssSelector(bertRow + " details")).getAttribute("open") == null) {
                    d.findElement(By.cssSelector(bertRow + " summary")).click();
                }
                return null;
            });
            assertTrue(english.contains("not reached: answering machine"), english);
            assertTrue(english.contains("asked to be called back") && english.contains("a staff member took it on, 35 minutes after the request"), english);
            assertTrue(english.contains("marked safe by Carla Coördinator: Buurvrouw heeft aangebeld, alles goed."), english);
            assertFalse(english.contains("gebeld (poging"), english);
        } finally {
            driver.quit();
        }

        // The report: per day how it went, and per day and participant as CSV.
        JsonArray days = new JsonObject(carla.get("/console/api/checkins/days?days=2").body()).getJsonArray("days");
        assertEquals(2, days.size());
        JsonObject todays = days.getJsonObject(1);
        assertEquals(today.toString(), todays.getString("date"));
        assertEquals(2, todays.getInteger("safe"));
        assertEquals(0, todays.getInteger("escalated") + todays.getInteger("open") + todays.getInteger("reached"));
        assertEquals(1, todays.getInteger("callbacks"), "Bert's call-back request");
        assertEquals(1, todays.getInteger("callbacksTaken"));
        assertEquals(35, todays.getInteger("callbackMinutesP50"));
        assertEquals(null, days.getJsonObject(0).getValue("callbackMinutesP50"), "yesterday none was taken on");
        assertEquals(400, carla.get("/console/api/checkins/days?days=0").statusCode());
        assertEquals(400, carla.get("/console/api/checkins/days?days=93").statusCode());
        HttpResponse<String> csv = carla.get("/console/api/checkins.csv?days=1");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> rows = csv.body().lines().toList();
        assertEquals("datum;deelnemer;naam;kring;uitkomst;eerste_oproep;bereikt_om;oproepen;sms;contactpersonen_gevraagd;"
                + "coordinator_gewaarschuwd;terugbelverzoeken;opgepakt;minuten_tot_opgepakt", rows.get(0));
        assertEquals(3, rows.size(), csv.body());
        String bertLine = rows.stream().filter(r -> r.contains("Bert Jansen")).findFirst().orElseThrow();
        assertTrue(bertLine.startsWith(today + ";" + bertId + ";Bert Jansen;;safe;"), bertLine);
        assertTrue(bertLine.endsWith(";3;ja;1;ja;1;1;35"), bertLine);
        String annieLine = rows.stream().filter(r -> r.contains("Annie de Vries")).findFirst().orElseThrow();
        assertTrue(annieLine.endsWith(";0;0;"), "no call-back asked: " + annieLine);
        assertFalse(csv.body().contains("+316") || csv.body().contains("06 "), "no phone numbers in the export");
        assertEquals(403, vince.get("/console/api/checkins.csv?days=1").statusCode());

        // Away for some days, by staff: not called then, no alarm; shown with the participant; cleared, called again.
        String absence = "/console/api/participants/" + id + "/absence";
        HttpResponse<String> backwards = carla.post(absence, new JsonObject().put("awayFrom", today.plusDays(3).toString())
                .put("awayUntil", today.plusDays(1).toString()));
        assertEquals(400, backwards.statusCode());
        assertTrue(new JsonObject(backwards.body()).getJsonObject("fields").getString("awayUntil").contains("voor de eerste"));
        assertEquals(400, carla.post(absence, new JsonObject().put("awayFrom", today.minusDays(5).toString())
                .put("awayUntil", today.minusDays(2).toString())).statusCode(), "over already");
        assertTrue(new JsonObject(carla.post(absence, new JsonObject().put("awayUntil", "morgen")).body())
                .getJsonObject("fields").containsKey("awayFrom"));
        assertEquals(403, vince.post(absence, new JsonObject().put("awayFrom", today.toString()).put("awayUntil", today.toString())).statusCode());
        HttpResponse<String> set = carla.post(absence, new JsonObject().put("awayFrom", today.plusDays(1).toString())
                .put("awayUntil", today.plusDays(4).toString()));
        assertEquals(200, set.statusCode(), set.body());
        JsonObject listed = new JsonObject(carla.get("/console/api/participants").body()).getJsonArray("participants").stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals(today.plusDays(4).toString(), listed.getJsonObject("absence").getString("until"));
        JsonObject tomorrowRow = new JsonObject(carla.get("/console/api/checkins?day=" + today.plusDays(1)).body()).getJsonArray("participants")
                .stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("away", tomorrowRow.getString("state"));
        assertEquals(200, carla.post(absence + "/delete", new JsonObject()).statusCode());
        tomorrowRow = new JsonObject(carla.get("/console/api/checkins?day=" + today.plusDays(1)).body()).getJsonArray("participants")
                .stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("planned", tomorrowRow.getString("state"));
        String trail = carla.get("/console/api/audit").body();
        assertTrue(trail.contains("set_absence") && trail.contains("clear_absence"), trail);
    }

    /** The text of what the selector finds, found again when the page's refresh replaced it meanwhile. */
    private static String read(WebDriverWait wait, String selector) {
        return wait.until(d -> d.findElement(By.cssSelector(selector)).getText());
    }

    /** Clicks what the selector finds, finding it again when the page's refresh replaced it meanwhile. */
    private static void clickFresh(WebDriverWait wait, String selector) {
        wait.until(d -> {
            try {
                d.findElement(By.cssSelector(selector)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static JsonArray checkins(ConsoleClient c) {
        HttpResponse<String> r = c.get("/console/api/checkins");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("participants");
    }
}
