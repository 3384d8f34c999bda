package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a call-back is brought up: at its due time, then every quarter of an hour, four times in all. */
class CallbackRemindersTest {
    private static final Instant DUE = Instant.parse("2026-12-07T13:00:00Z");

    private static int between(String after, String upTo) {
        return CallbackReminders.reminderBetween(DUE, Instant.parse("2026-12-07T" + after + "Z"), Instant.parse("2026-12-07T" + upTo + "Z"));
    }

    @Test
    void theFirstReminderIsAtTheDueTimeItself() {
        assertEquals(-1, between("12:59:30", "12:59:45"));
        assertEquals(0, between("12:59:45", "13:00:00"));
        assertEquals(-1, between("13:00:00", "13:00:15"), "a reminder time belongs to one round only");
    }

    @Test
    void itComesBackEveryQuarterOfAnHourFourTimesInAll() {
        assertEquals(1, between("13:14:50", "13:15:05"));
        assertEquals(2, between("13:29:50", "13:30:05"));
        assertEquals(3, between("13:44:50", "13:45:05"));
        assertEquals(-1, between("13:59:50", "14:00:05"), "then the inbox keeps it, marked due");
        assertEquals(-1, between("13:16:00", "13:29:00"));
    }

    @Test
    void aLateRoundGivesTheLatestReminderItMissedOnce() {
        assertEquals(1, between("12:58:00", "13:20:00"));
        assertEquals(3, between("12:00:00", "18:00:00"));
    }
}
