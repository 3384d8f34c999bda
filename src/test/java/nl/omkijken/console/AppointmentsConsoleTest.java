package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.omkijken.booking.BookingRules;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.FieldRefusal;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.OpenDay;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helpdesk's calendar in the console, on the whole service: an account holder adds her hours for her stadsdeel,
 * every mistake named beside its field (a closure such as December, a time already there, a Pop-up Helpdesk without
 * its place); an organisation books one of them in the sandbox; the calendar then shows the booking with the intake;
 * a volunteer sees it without the contact details and adds nothing; a worker of another line sees nothing.
 */
class AppointmentsConsoleTest {
    private static final String PASSWORD = "agenda spreekuur escamp 4";

    private static JsonObject hours(LocalDate day, String from, String to, int minutes) {
        return new JsonObject().put("district", "Escamp").put("kind", "accounthouder").put("date", day.toString()).put("from", from)
                .put("to", to).put("minutes", minutes).put("holder", "Sanne").put("place", "telefonisch");
    }

    @Test
    void anAccountHolderAddsHerHoursAnOrganisationBooksOneAndSheReadsTheIntake(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of())) {
            TestWorkers.add(service.redisUrl(), "Sanne Accounthouder", Role.STAFF, Set.of("helpdesk:escamp"), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("helpdesk"), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Lotte Luisterlijn", Role.STAFF, Set.of("luisterlijn"), PASSWORD);
            ConsoleClient sanne = new ConsoleClient(service.base());
            assertEquals(200, sanne.signIn("Sanne Accounthouder", PASSWORD).statusCode());
            LocalDate day = OpenDay.ahead();

            HttpResponse<String> added = sanne.post("/console/api/appointments", hours(day, "13:00", "15:00", 45));
            assertEquals(200, added.statusCode(), added.body());
            assertEquals(2, new JsonObject(added.body()).getInteger("added"), "13:00 and 13:45; 14:30 would end after 15:00");

            // Every mistake named beside its field.
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(day, "13:30", "14:15", 45)), "from").contains("overlapt"));
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(day, "15:00", "14:00", 45)), "to").contains("na van"));
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(day, "15:00", "17:00", 5)), "minutes").contains("15 tot 120"));
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(day, "15:00", "17:00", 45).put("district", "Wassenaar")),
                    "district").contains("stadsdeel"));
            LocalDate december = LocalDate.of(LocalDate.now(BookingRules.ZONE).getYear(), 12, 15);
            if (december.isBefore(LocalDate.now(BookingRules.ZONE))) december = december.plusYears(1);
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(december, "10:00", "12:00", 45)), "date").contains("december"));
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(LocalDate.now(BookingRules.ZONE).minusDays(1), "10:00", "12:00", 45)),
                    "date").contains("voorbij"));
            assertTrue(FieldRefusal.of(sanne.post("/console/api/appointments", hours(day, "15:00", "17:00", 45).put("kind", "popup").put("place", "")),
                    "place").contains("Pop-up"));
            assertEquals(400, sanne.post("/console/api/appointments", new JsonObject().put("minutes", "veel")).statusCode());

            // An organisation books the first time in the sandbox.
            Http http = new Http(service.base());
            String reply = "";
            for (String text : new String[] {"Wij willen een afspraak maken met de accounthouder", "Stichting Buurtfeest Moerwijk", "Moerwijk",
                    "Fatima el Amrani", "fatima@buurtfeest.nl", "2", "1", "1"}) {
                HttpResponse<String> r = http.postJson("/sandbox/api/conversations/fatima/messages",
                        new JsonObject().put("text", text).put("line", "helpdesk").encode());
                assertEquals(200, r.statusCode(), r.body());
                reply = new JsonObject(r.body()).getJsonArray("replies").stream().map(o -> ((JsonObject) o).getString("text"))
                        .collect(Collectors.joining("\n"));
            }
            assertTrue(reply.startsWith("Uw afspraak staat: ") && reply.contains("om 13:00, met Sanne (telefonisch)"), reply);
            // The calendar invite, on the service's own address (the embedded default's).
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("Voor uw agenda: http://localhost:\\d+(/afspraak/[a-z2-7]{26}\\.ics)").matcher(reply);
            assertTrue(link.find(), reply);
            HttpResponse<String> ics = http.get(link.group(1));
            assertEquals(200, ics.statusCode());
            assertTrue(ics.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
            String start = day.toString().replace("-", "");
            assertTrue(ics.body().contains("\r\nDTSTART:" + start + "T1") && ics.body().contains("SUMMARY:Gesprek met Sanne (PEP Helpdesk)")
                    && ics.body().contains("STATUS:CONFIRMED"), ics.body());
            assertEquals(404, http.get("/afspraak/aaaaaaaaaaaaaaaaaaaaaaaaaa.ics").statusCode());
            assertEquals(404, http.get("/afspraak/..%2F..%2Fetc.ics").statusCode());

            JsonArray slots = new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots");
            assertEquals(2, slots.size());
            JsonObject booked = slots.getJsonObject(0);
            assertFalse(booked.getBoolean("free"));
            assertEquals(day + "T13:00", booked.getString("start"));
            JsonObject intake = booked.getJsonObject("booking");
            assertEquals("Stichting Buurtfeest Moerwijk", intake.getString("organisation"));
            assertEquals("Fatima el Amrani", intake.getString("name"));
            assertEquals("fatima@buurtfeest.nl", intake.getString("email"));
            assertEquals("Wij willen een afspraak maken met de accounthouder", intake.getString("question"), "the question in her own words");
            assertTrue(slots.getJsonObject(1).getBoolean("free"));

            // A booked time is not removed; a free one is, and is offered no more.
            HttpResponse<String> refused = sanne.post("/console/api/appointments/remove", new JsonObject().put("id", booked.getString("id")));
            assertEquals(409, refused.statusCode(), refused.body());
            assertEquals(200, sanne.post("/console/api/appointments/remove",
                    new JsonObject().put("id", slots.getJsonObject(1).getString("id"))).statusCode());
            assertEquals(1, new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots").size());

            // A volunteer of the helpdesk reads the calendar without the contact details, and adds nothing.
            ConsoleClient vince = new ConsoleClient(service.base());
            assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
            JsonObject seen = new JsonObject(vince.get("/console/api/appointments").body());
            assertFalse(seen.getBoolean("canChange"));
            JsonObject hidden = seen.getJsonArray("slots").getJsonObject(0).getJsonObject("booking");
            assertEquals("Stichting Buurtfeest Moerwijk", hidden.getString("organisation"));
            assertNull(hidden.getString("email"));
            assertEquals(403, vince.post("/console/api/appointments", hours(day, "16:00", "17:00", 30)).statusCode());
            // Cancelled by message: the invite says so (a calendar that reads it again drops the event), the time is free.
            for (String text : new String[] {"Wij willen onze afspraak afzeggen", "2"}) {
                assertEquals(200, http.postJson("/sandbox/api/conversations/fatima/messages",
                        new JsonObject().put("text", text).put("line", "helpdesk").encode()).statusCode());
            }
            // Cancelled by the task the turn's commit wrote, within a moment.
            nl.omkijken.testing.fakes.Poll.until(() -> http.get(link.group(1)).body().contains("STATUS:CANCELLED"), java.time.Duration.ofSeconds(10),
                    "the invite says cancelled");
            assertTrue(new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots").getJsonObject(0).getBoolean("free"));
            // The knowledge base, each article flagged when its review date is past (the overdue first).
            JsonObject kb = new JsonObject(vince.get("/console/api/articles").body());
            JsonArray articles = kb.getJsonArray("articles");
            assertEquals(nl.omkijken.knowledge.KnowledgeBase.read(Path.of("dialogs")).articles().size(), articles.size());
            long overdue = 0;
            boolean seenFresh = false;
            for (Object o : articles) {
                JsonObject a = (JsonObject) o;
                boolean late = LocalDate.now(BookingRules.ZONE).isAfter(LocalDate.parse(a.getString("reviewBefore")));
                assertEquals(late, a.getBoolean("overdue"), a.encode());
                assertFalse(late && seenFresh, "the overdue come first");
                seenFresh |= !late;
                if (late) overdue++;
                assertTrue(a.getString("link").startsWith("/kennis/"));
            }
            assertEquals(overdue, kb.getLong("overdue"));
            // A worker of another line sees nothing of it.
            ConsoleClient lotte = new ConsoleClient(service.base());
            assertEquals(200, lotte.signIn("Lotte Luisterlijn", PASSWORD).statusCode());
            assertEquals(403, lotte.get("/console/api/appointments").statusCode());
            assertEquals(403, lotte.get("/console/api/articles").statusCode());
        }
    }

    private static String say(Http http, String who, String text) {
        HttpResponse<String> r = http.postJson("/sandbox/api/conversations/" + who + "/messages",
                new JsonObject().put("text", text).put("line", "helpdesk").encode());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("replies").stream().map(o -> ((JsonObject) o).getString("text"))
                .collect(Collectors.joining("\n"));
    }

    private static void book(Http http, String who, String choice) {
        for (String text : new String[] {"Wij willen een afspraak maken met de accounthouder", "Stichting " + who, "Moerwijk",
                who, who + "@example.nl", "2", "1"}) {
            say(http, who, text);
        }
        assertTrue(say(http, who, choice).startsWith("Uw afspraak staat: "));
    }

    /**
     * The account holder falls ill: staff cancel the talk in the console; the person is told at once in their own
     * conversation and books another time. One who sent STOP is not messaged; staff are told to let them know.
     */
    @Test
    void staffCancelATalkAndThePersonIsToldAndChoosesAnotherTime(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of())) {
            TestWorkers.add(service.redisUrl(), "Sanne Accounthouder", Role.STAFF, Set.of("helpdesk:escamp"), PASSWORD);
            ConsoleClient sanne = new ConsoleClient(service.base());
            assertEquals(200, sanne.signIn("Sanne Accounthouder", PASSWORD).statusCode());
            LocalDate day = OpenDay.ahead();
            assertEquals(200, sanne.post("/console/api/appointments", hours(day, "10:00", "12:15", 45)).statusCode());
            Http http = new Http(service.base());
            book(http, "karim", "1");
            book(http, "noor", "1");
            JsonArray slots = new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots");
            String karims = slots.getJsonObject(0).getString("id");
            String noors = slots.getJsonObject(1).getString("id");

            HttpResponse<String> cancelled = sanne.post("/console/api/appointments/cancel", new JsonObject().put("id", karims));
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            assertTrue(new JsonObject(cancelled.body()).getBoolean("told"));
            JsonArray karim = new JsonArray(http.get("/sandbox/api/conversations/karim/messages").body());
            String told = karim.getJsonObject(karim.size() - 1).getString("text");
            assertTrue(told.startsWith("Bericht van de PEP Helpdesk: helaas kan uw afspraak (") && told.contains("om 10:00, met Sanne (telefonisch)) niet doorgaan."),
                    told);
            // Another time: 11:30 (Noor has 10:45; the cancelled 10:00 left the calendar: the account holder cannot be there).
            String offer = say(http, "karim", "1");
            assertTrue(offer.startsWith("Welke tijd past u? 1 = ") && offer.contains("om 11:30") && !offer.contains("om 10:00")
                    && !offer.contains("om 10:45"), offer);
            assertTrue(say(http, "karim", "1").startsWith("Uw nieuwe afspraak staat: "));
            assertFalse(new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots").stream()
                    .anyMatch(o -> ((JsonObject) o).getString("id").equals(karims)), "the cancelled time is out of the calendar");
            assertEquals(409, sanne.post("/console/api/appointments/cancel", new JsonObject().put("id", karims)).statusCode());

            // Noor sent STOP: the talk is cancelled, but nobody writes to her; staff are told so.
            say(http, "noor", "STOP");
            HttpResponse<String> untold = sanne.post("/console/api/appointments/cancel", new JsonObject().put("id", noors));
            assertEquals(200, untold.statusCode(), untold.body());
            assertFalse(new JsonObject(untold.body()).getBoolean("told"));
            JsonArray after = new JsonObject(sanne.get("/console/api/appointments").body()).getJsonArray("slots");
            assertFalse(after.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(noors)));
            assertEquals(400, sanne.post("/console/api/appointments/cancel", new JsonObject().put("id", 7)).statusCode());
        }
    }

    /** An article past its review date is flagged in the console, first; the assistant still gives it, with its date. */
    @Test
    void anArticlePastItsReviewDateIsFlaggedFirst(@TempDir Path data, @TempDir Path dialogs) throws Exception {
        try (var files = java.nio.file.Files.walk(Path.of("dialogs"))) {
            for (Path p : files.toList()) {
                Path to = dialogs.resolve(Path.of("dialogs").relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(p, to);
            }
        }
        Path article = dialogs.resolve("knowledge/ruimte-vinden.md");
        java.nio.file.Files.writeString(article, java.nio.file.Files.readString(article)
                .replaceFirst("review_before: \\d{4}-\\d{2}-\\d{2}", "review_before: 2026-01-31")
                .replaceFirst("last_reviewed: \\d{4}-\\d{2}-\\d{2}", "last_reviewed: 2025-08-01"));
        try (RunningService service = RunningService.start(data, Map.of("DIALOGS_DIR", dialogs.toString()))) {
            TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("helpdesk"), PASSWORD);
            ConsoleClient vince = new ConsoleClient(service.base());
            assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
            JsonObject kb = new JsonObject(vince.get("/console/api/articles").body());
            assertEquals(1L, kb.getLong("overdue"));
            JsonObject first = kb.getJsonArray("articles").getJsonObject(0);
            assertEquals("ruimte-vinden", first.getString("id"));
            assertTrue(first.getBoolean("overdue"));
            assertEquals("2026-01-31", first.getString("reviewBefore"));
            // Still served, with the notice on its page.
            HttpResponse<String> page = new Http(service.base()).get("/kennis/ruimte-vinden");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("class=\"overdue\""), page.body());
        }
    }
}
