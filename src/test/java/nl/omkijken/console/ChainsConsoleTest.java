package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.FieldRefusal;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.TestWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator makes a circle a chain in the console: its members in calling order with each one's deadline,
 * every mistake named beside its field (a member of another circle, twice, one alone, a window that closes before
 * the member's deadline, a chain that would run past 22:00); the Belronde shows each member's place; volunteers
 * are refused; making, changing and removing are audited.
 */
class ChainsConsoleTest {
    private static final String PASSWORD = "kring ochtend koffie 7";

    private static JsonObject person(String name, String phone, String circle, String until) {
        return new JsonObject().put("name", name).put("phone", phone).put("language", "nl").put("from", "09:00").put("until", until)
                .put("days", new JsonArray().add("mon").add("tue").add("wed").add("thu").add("fri").add("sat").add("sun"))
                .put("circle", circle)
                .put("consent", new JsonObject().put("by", "participant").put("on", LocalDate.now().minusDays(2).toString()).put("how", "in_person"));
    }

    private static String enrol(ConsoleClient c, JsonObject p) {
        HttpResponse<String> r = c.post("/console/api/participants", p);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    private static JsonObject chain(String start, int minutes, String... members) {
        return new JsonObject().put("name", "Noord").put("start", start).put("linkMinutes", minutes).put("members", new JsonArray(java.util.List.of(members)));
    }

    @Test
    void aCoordinatorMakesACircleAChainAndEveryMistakeIsNamed(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of())) {
            TestWorkers.add(service.redisUrl(), "Carla Coördinator", Role.COORDINATOR, Set.of("telefooncirkel"), PASSWORD);
            TestWorkers.add(service.redisUrl(), "Vince Vrijwilliger", Role.VOLUNTEER, Set.of("telefooncirkel"), PASSWORD);
            ConsoleClient carla = new ConsoleClient(service.base());
            assertEquals(200, carla.signIn("Carla Coördinator", PASSWORD).statusCode());
            String anna = enrol(carla, person("Anna Bakker", "06 1234 5601", "Noord", "11:00"));
            String bep = enrol(carla, person("Bep Smit", "06 1234 5602", " noord", "11:00"));
            String cor = enrol(carla, person("Cor de Wit", "06 1234 5603", "Noord", "11:00"));
            String vroeg = enrol(carla, person("Vera Vroeg", "06 1234 5604", "Noord", "09:45"));
            String zuid = enrol(carla, person("Zus Zuid", "06 1234 5605", "Zuid", "11:00"));

            HttpResponse<String> made = carla.post("/console/api/chains", chain("09:30", 10, anna, bep, cor));
            assertEquals(200, made.statusCode(), made.body());
            JsonArray members = new JsonObject(made.body()).getJsonArray("members");
            assertEquals("Anna Bakker", members.getJsonObject(0).getString("name"));
            // The one who starts and the first one called check in after the first link; then one link each.
            assertEquals(java.util.List.of("09:50", "09:50", "10:00"),
                    members.stream().map(m -> ((JsonObject) m).getString("deadline")).toList());
            JsonObject all = new JsonObject(carla.get("/console/api/chains").body());
            assertEquals(1, all.getJsonArray("chains").size());
            assertEquals(new JsonArray().add("Noord").add("Zuid"), all.getJsonArray("circles"));

            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna, zuid)), "members").contains("Zus Zuid zit niet in de kring Noord"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna, anna)), "members").contains("twee keer"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna)), "members").contains("2 tot 30"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna, "p-nobody")), "members").contains("bestaat niet"));
            // Vera's window closes at 09:45, before her deadline: the service could not call her itself.
            String late = FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna, vroeg)), "members");
            assertTrue(late.contains("Vera Vroeg moet zich uiterlijk om 09:50 gemeld hebben") && late.contains("09:45"), late);
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("6:00", 10, anna, bep)), "start").contains("07:00"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 3, anna, bep)), "linkMinutes").contains("van 5 tot 60"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("09:30", 10, anna, bep).put("linkMinutes", 10.5)), "linkMinutes")
                    .contains("heel aantal"));
            assertTrue(FieldRefusal.of(carla.post("/console/api/chains", chain("21:00", 60, anna, bep, cor)), "linkMinutes").contains("na 22:00"));

            // The Belronde shows each member's place and deadline (their window is open every day).
            JsonArray today = new JsonObject(carla.get("/console/api/checkins").body()).getJsonArray("participants");
            JsonObject corToday = today.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(cor)).findFirst().orElseThrow();
            assertEquals(new JsonObject().put("name", "Noord").put("place", 3).put("deadline", "10:00"), corToday.getJsonObject("chain"));
            assertTrue(today.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(zuid)).noneMatch(o -> o.containsKey("chain")));

            ConsoleClient vince = new ConsoleClient(service.base());
            assertEquals(200, vince.signIn("Vince Vrijwilliger", PASSWORD).statusCode());
            assertEquals(403, vince.get("/console/api/chains").statusCode());
            assertEquals(403, vince.post("/console/api/chains", chain("09:30", 10, anna, bep)).statusCode());

            // Cor removed: out of the chain, and his days in the Belronde's history erased with him.
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                var redis = nl.omkijken.testing.Await.result(nl.omkijken.store.redis.RedisConnection.connect(vertx, service.redisUrl()));
                var log = new nl.omkijken.store.redis.RedisCheckInLog(redis);
                LocalDate day = LocalDate.now(nl.omkijken.circle.CallPlan.ZONE).minusDays(30);
                nl.omkijken.testing.Await.result(log.add(day, cor, new nl.omkijken.circle.CheckInLog.Entry(java.time.Instant.now(),
                        nl.omkijken.circle.CheckInLog.Step.CONFIRMED, "Noord")));
                nl.omkijken.testing.Await.result(log.add(day, anna, new nl.omkijken.circle.CheckInLog.Entry(java.time.Instant.now(),
                        nl.omkijken.circle.CheckInLog.Step.CONFIRMED, "Noord")));
                assertEquals(200, carla.post("/console/api/participants/" + cor + "/delete", new JsonObject()).statusCode());
                assertEquals(java.util.Set.of(anna), nl.omkijken.testing.Await.result(log.day(day)).keySet(), "Anna's day stays, Cor's is gone");
                assertEquals(0, nl.omkijken.testing.Await.result(log.of(day, cor)).size());
                nl.omkijken.testing.Await.result(redis.close());
            } finally {
                vertx.close();
            }
            JsonArray left = new JsonObject(carla.get("/console/api/chains").body()).getJsonArray("chains").getJsonObject(0).getJsonArray("members");
            assertEquals(java.util.List.of(anna, bep), left.stream().map(m -> ((JsonObject) m).getString("id")).toList());

            // Changed, then removed: the service calls them itself again.
            assertEquals(200, carla.post("/console/api/chains", chain("09:40", 15, bep, anna)).statusCode());
            assertEquals(200, carla.post("/console/api/chains/delete", new JsonObject().put("name", "noord")).statusCode());
            assertEquals(404, carla.post("/console/api/chains/delete", new JsonObject().put("name", "noord")).statusCode());
            assertEquals(0, new JsonObject(carla.get("/console/api/chains").body()).getJsonArray("chains").size());
            String audit = carla.get("/console/api/audit").body();
            assertTrue(audit.contains("create_chain") && audit.contains("change_chain") && audit.contains("remove_chain"), audit);
        }
    }
}
