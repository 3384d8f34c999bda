package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a call-back for a part of the day may start, in Dutch time. */
class CallbackWindowTest {
    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final Step.CallbackWindow WINDOW = new Step.CallbackWindow("dagdeel", Map.of(
            "ochtend", new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(12, 0)},
            "avond", new LocalTime[] {LocalTime.of(17, 0), LocalTime.of(21, 0)}));

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(AMS);
    }

    @Test
    void laterTodayWithinItOrTomorrow() {
        assertEquals(at("2026-12-05T17:00"), WINDOW.from("avond", at("2026-12-05T10:30")));
        assertNull(WINDOW.from("avond", at("2026-12-05T18:15")), "within it: at once");
        assertEquals(at("2026-12-06T09:00"), WINDOW.from("Ochtend", at("2026-12-05T12:00")), "its end is past: tomorrow");
        assertNull(WINDOW.from("geen voorkeur", at("2026-12-05T23:00")), "no preference: at once");
        assertNull(WINDOW.from(null, at("2026-12-05T23:00")));
        // The night the clocks go back: 09:00 the next morning is still 09:00 Dutch time.
        assertEquals(at("2026-10-25T09:00"), WINDOW.from("ochtend", at("2026-10-24T22:00")));
    }
}
