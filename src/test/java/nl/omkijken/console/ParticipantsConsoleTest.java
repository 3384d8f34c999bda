package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinators enrol the Telefooncirkel's participants in the console: every field checked at once and named
 * beside it, numbers read as people write them and kept in E.164, one participant per number, consent noted;
 * volunteers and coordinators of other lines are refused; changes and removals are audited.
 */
class ParticipantsConsoleTest {
    private static final String PASSWORD = "kring ochtend koffie 7";

    private static JsonObject annie() {
        return new JsonObject().put("name", "Annie de Vries").put("phone", "06-1234 5678").put("language", "nl")
                .put("from", "9:30").put("until", "10:30").put("days", new JsonArray().add("mon").add("wed").add("fri"))
                .put("contact", new JsonObject().put("name", "Joke (dochter)").put("phone", "+31 20 123 4567"))
                .put("keyHolder", new JsonObject().put("name", "Buurman Piet").put("phone", "0701234567"))
                .put("circle", "Heemstede ochtend").put("notes", "Hoort slecht links; laat de telefoon lang overgaan.")
                .put("consent", new JsonObject().put("by", "participant").put("on", LocalDate.now().minusDays(2).toString())
                        .put("how", "in_person"));
    }

    /** A call that no longer fits its window at the account's rate is refused at enrolment, with the day and the reason. */
    @Test
    void anEnrolmentWhoseDailyCallDoesNotFitIsRefusedWithTheReason(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of())) {
            // A quarter of an hour holds 900 calls at one a second: 900 already enrolled for 09:00-09:15 every day.
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                nl.omkijken.store.redis.RedisConnection redis = nl.omkijken.testing.Await.result(
                        nl.omkijken.store.redis.RedisConnection.connect(vertx, service.redisUrl()));
                var store = new nl.omkijken.store.redis.RedisParticipants(redis);
                for (int i = 0; i < 900; i++) {
                    nl.omkijken.testing.Await.result(store.save(new nl.omkijken.circle.Participant("x" + i, "Deelnemer " + i,
                            String.format("+316%08d", 20_000_000 + i), "nl", java.time.LocalTime.of(9, 0), java.time.LocalTime.of(9, 15),
                            java.util.EnumSet.allOf(java.time.DayOfWeek.class), null, null, "", "",
                            new nl.omkijken.circle.Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true,
                            java.time.Instant.EPOCH)));
                }
                nl.omkijken.testing.Await.result(redis.close());
            } finally {
                vertx.close();
            }
            TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of("telefooncirkel"), PASSWORD);
            ConsoleClient carla = new ConsoleClient(service.base());
            assertEquals(200, carla.signIn("Carla Coördinator", PASSWORD).statusCode());
            HttpResponse<String> full = carla.post("/console/api/participants", annie().put("from", "09:00").put("until", "09:15"));
            assertEquals(400, full.statusCode(), full.body());
            String why = new JsonObject(full.body()).getJsonObject("fields").getString("until");
            assertTrue(why.contains("geen plek meer") && why.contains("1 per seconde"), why);
            // Paused, or at another time, it is enrolled.
            assertEquals(200, carla.post("/console/api/participants", annie().put("from", "09:15").put("until", "09:45")).statusCode());
        }
    }

    @Test
    void aCoordinatorEnrolsChangesAndRemovesAParticipant(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of())) {
            TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of("telefooncirkel"), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Hans Helpdesk", Role.COORDINATOR, Set.of("helpdesk"), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("telefooncirkel"), PASSWORD);
            ConsoleClient carla = new ConsoleClient(service.base());
            assertEquals(200, carla.signIn("Carla Coördinator", PASSWORD).statusCode());

            HttpResponse<String> made = carla.post("/console/api/participants", annie());
            assertEquals(200, made.statusCode(), made.body());
            JsonObject p = new JsonObject(made.body());
            assertEquals("+31612345678", p.getString("phone"), "kept in E.164");
            assertEquals("+31 6 12345678", p.getString("phoneShown"));
            assertEquals("09:30", p.getString("from"));
            assertEquals("+31701234567", p.getJsonObject("keyHolder").getString("phone"));
            assertEquals(new JsonArray().add("mon").add("wed").add("fri"), p.getJsonArray("days"));
            String id = p.getString("id");

            // Everything wrong at once, each beside its field.
            JsonObject wrong = new JsonObject().put("name", " ").put("phone", "06 1234").put("language", "de")
                    .put("from", "6:00").put("until", "6:10").put("days", new JsonArray())
                    .put("contact", new JsonObject().put("name", "Zelf").put("phone", "0612345678"))
                    .put("consent", new JsonObject().put("by", "participant").put("how", "phone")
                            .put("on", LocalDate.now().plusDays(3).toString()));
            HttpResponse<String> refused = carla.post("/console/api/participants", wrong);
            assertEquals(400, refused.statusCode(), refused.body());
            JsonObject fields = new JsonObject(refused.body()).getJsonObject("fields");
            for (String f : new String[] {"name", "phone", "language", "until", "days", "consent"}) {
                assertTrue(fields.containsKey(f), f + " not named in " + fields.encode());
            }
            assertTrue(fields.getString("phone").contains("bestaat niet"), fields.encode());
            assertTrue(fields.getString("consent").contains("toekomst"), fields.encode());
            JsonObject premium = annie().put("phone", "0900-0767");
            assertTrue(new JsonObject(carla.post("/console/api/participants", premium).body()).getJsonObject("fields")
                    .getString("phone").contains("betaalnummer"));
            JsonObject own = annie().put("phone", "0623456789").put("contact", new JsonObject().put("name", "x").put("phone", "06 23456789"));
            assertTrue(new JsonObject(carla.post("/console/api/participants", own).body()).getJsonObject("fields")
                    .getString("contact").contains("deelnemer zelf"));

            // One daily call per number: the same number written another way is the same participant.
            HttpResponse<String> twice = carla.post("/console/api/participants", annie().put("name", "Annie 2").put("phone", "+31612345678"));
            assertEquals(400, twice.statusCode());
            assertTrue(new JsonObject(twice.body()).getJsonObject("fields").getString("phone").contains("Annie de Vries"), twice.body());

            // Paused, then changed: the enrolment keeps its id and date.
            HttpResponse<String> changed = carla.post("/console/api/participants/" + id, annie().put("active", false).put("until", "11:00"));
            assertEquals(200, changed.statusCode(), changed.body());
            assertFalse(new JsonObject(changed.body()).getBoolean("active"));
            JsonArray all = new JsonObject(carla.get("/console/api/participants").body()).getJsonArray("participants");
            assertEquals(1, all.size());
            assertEquals("11:00", all.getJsonObject(0).getString("until"));
            assertEquals(p.getString("enrolledAt"), all.getJsonObject(0).getString("enrolledAt"));

            // Not for volunteers, nor for coordinators of another line.
            ConsoleClient vince = new ConsoleClient(service.base());
            assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
            assertEquals(403, vince.get("/console/api/participants").statusCode());
            ConsoleClient hans = new ConsoleClient(service.base());
            assertEquals(200, hans.signIn("Hans Helpdesk", PASSWORD).statusCode());
            assertEquals(403, hans.post("/console/api/participants", annie()).statusCode());

            assertEquals(200, carla.post("/console/api/participants/" + id + "/delete", new JsonObject()).statusCode());
            assertEquals(0, new JsonObject(carla.get("/console/api/participants").body()).getJsonArray("participants").size());
            assertEquals(404, carla.post("/console/api/participants/" + id + "/delete", new JsonObject()).statusCode());
            String audit = carla.get("/console/api/audit").body();
            assertTrue(audit.contains("enrol_participant") && audit.contains("change_participant") && audit.contains("remove_participant"), audit);
            assertFalse(audit.contains("0612345678") || audit.contains("+31612345678") || audit.contains("Annie"), "no number or name in the audit log");
        }
    }
}
