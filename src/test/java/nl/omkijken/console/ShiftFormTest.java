package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.shifts.Shift;
import org.junit.jupiter.api.Test;

/** The shift form in Dutch time, across the daylight-saving nights and midnight. */
class ShiftFormTest {
    private static final Instant NOW = Instant.parse("2026-10-20T08:00:00Z");
    private static final List<String> LINES = List.of("luisterlijn", "helpdesk");
    private static final Worker VERA = new Worker("w1", "Vera", Role.VOLUNTEER, Set.of("luisterlijn"), "$argon2id$x", NOW);

    private static Shift read(String date, String from, String to, Map<String, String> errors) {
        return ShiftForm.read(new JsonObject().put("line", "luisterlijn").put("date", date).put("from", from).put("to", to),
                "s1", VERA, LINES, NOW, errors);
    }

    @Test
    void aDayShiftInWinterAndInSummerTime() {
        Map<String, String> errors = WorkerForm.errors();
        Shift s = read("2026-10-21", "09:00", "13:00", errors);
        assertEquals(Map.of(), errors);
        assertEquals(Instant.parse("2026-10-21T07:00:00Z"), s.start(), "summer time: UTC+2");
        s = read("2026-11-02", "09:00", "13:00", errors);
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"), s.start(), "winter time: UTC+1");
    }

    @Test
    void theNightTheClocksGoBackHasAnHourMore() {
        Map<String, String> errors = WorkerForm.errors();
        Shift night = read("2026-10-24", "22:00", "06:00", errors);
        assertEquals(Map.of(), errors);
        assertEquals(Duration.ofHours(9), Duration.between(night.start(), night.end()), "22:00 to 06:00 is nine hours that night");
        // 02:30 happens twice that night: the first.
        Shift twice = read("2026-10-25", "02:30", "04:00", errors);
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), twice.start());
    }

    @Test
    void anHourThatDoesNotExistIsRefusedBesideItsField() {
        Map<String, String> errors = WorkerForm.errors();
        assertNull(read("2027-03-28", "02:30", "06:00", errors));
        assertTrue(errors.get("from").contains("bestaat niet"), errors.toString());
        errors.clear();
        Shift night = read("2027-03-27", "22:00", "06:00", errors);
        assertEquals(Duration.ofHours(7), Duration.between(night.start(), night.end()), "and an hour less in spring");
    }

    @Test
    void pastMidnightAndUntilMidnight() {
        Map<String, String> errors = WorkerForm.errors();
        Shift late = read("2026-11-02", "22:00", "02:00", errors);
        assertEquals(Instant.parse("2026-11-03T01:00:00Z"), late.end());
        Shift untilMidnight = read("2026-11-02", "18:00", "24:00", errors);
        assertEquals(Instant.parse("2026-11-02T23:00:00Z"), untilMidnight.end());
        assertEquals(Map.of(), errors);
        JsonObject shown = ShiftRoutes.json(untilMidnight, VERA);
        assertEquals("24:00", shown.getString("to"));
        assertEquals(false, shown.getBoolean("nextDay"));
        assertEquals(true, ShiftRoutes.json(late, VERA).getBoolean("nextDay"));
    }

    @Test
    void everyWrongFieldIsNamed() {
        Map<String, String> errors = WorkerForm.errors();
        assertNull(ShiftForm.read(new JsonObject().put("line", "helpdesk").put("date", "2026-10-19").put("from", "9 uur")
                .put("to", "25:00"), "s1", VERA, LINES, NOW, errors));
        assertEquals(Set.of("worker", "date", "from", "to"), errors.keySet(), errors.toString());
        assertTrue(errors.get("worker").contains("bedient de helpdesk niet"));
        errors.clear();
        assertNull(read("2026-11-02", "06:00", "23:00", errors));
        assertTrue(errors.get("to").contains("16 uur"), errors.toString());
        errors.clear();
        Worker off = VERA.withProfile(Role.VOLUNTEER, Set.of("luisterlijn"), 3, Set.of("nl"), false);
        assertNull(ShiftForm.read(new JsonObject().put("line", "luisterlijn").put("date", "2026-11-02").put("from", "09:00")
                .put("to", "12:00"), "s1", off, LINES, NOW, errors));
        assertTrue(errors.get("worker").contains("staat uit"), errors.toString());
        errors.clear();
        assertNull(read("2028-01-01", "09:00", "12:00", errors));
        assertTrue(errors.containsKey("date"));
    }
}
