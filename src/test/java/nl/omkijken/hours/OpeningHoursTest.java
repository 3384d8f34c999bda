package nl.omkijken.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opening hours across a week with holidays, an exception, a season and a daylight-saving night. */
class OpeningHoursTest {
    private static final List<String> LINES = List.of("luisterlijn", "helpdesk", "telefooncirkel");

    private static OpeningHours project() {
        return OpeningHoursReader.read(Path.of("dialogs"), LINES);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(OpeningHours.ZONE).toInstant();
    }

    private static OpeningHours parse(String yaml) throws Exception {
        return OpeningHoursReader.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), LINES);
    }

    @Test
    void dutchPublicHolidaysWithTheirRules() {
        DutchHolidays h = new DutchHolidays();
        assertTrue(h.on(LocalDate.parse("2026-04-06")).isPresent(), "Easter Monday 2026");
        assertTrue(h.on(LocalDate.parse("2026-04-27")).isPresent(), "Koningsdag on a Monday");
        assertTrue(h.on(LocalDate.parse("2031-04-26")).isPresent(), "Koningsdag 2031: the 27th is a Sunday, so Saturday the 26th");
        assertFalse(h.on(LocalDate.parse("2031-04-27")).isPresent());
        assertTrue(h.on(LocalDate.parse("2025-05-05")).isPresent(), "Bevrijdingsdag in a lustrum year");
        assertTrue(h.on(LocalDate.parse("2030-05-05")).isPresent());
        assertFalse(h.on(LocalDate.parse("2026-05-05")).isPresent(), "not a day off in other years");
        assertTrue(h.on(LocalDate.parse("2027-05-06")).isPresent(), "Ascension 2027");
        assertFalse(h.on(LocalDate.parse("2026-04-03")).isPresent(), "Goede Vrijdag is no day off");
        assertTrue(h.on(LocalDate.parse("2026-12-26")).isPresent());
    }

    @Test
    void theLuisterlijnThroughAWinterWeekWithChristmas() {
        OpeningHours hours = project();
        // The winter line's season: until 23:00.
        assertTrue(hours.isOpen("luisterlijn", local("2026-12-07T22:30")));
        assertFalse(hours.isOpen("luisterlijn", local("2026-12-07T23:30")));
        assertFalse(hours.isOpen("luisterlijn", local("2026-12-08T08:59")));
        assertTrue(hours.isOpen("luisterlijn", local("2026-12-08T09:00")));
        // Christmas Eve (exception) until 16:00; both Christmas days closed; Sunday the 27th from 10:00.
        assertTrue(hours.isOpen("luisterlijn", local("2026-12-24T15:59")));
        assertFalse(hours.isOpen("luisterlijn", local("2026-12-24T23:00")));
        assertFalse(hours.isOpen("luisterlijn", local("2026-12-25T12:00")));
        assertEquals(local("2026-12-27T10:00"), hours.nextOpening("luisterlijn", local("2026-12-24T23:00")).orElseThrow().toInstant());
        Map<String, String> facts = hours.facts("luisterlijn", local("2026-12-24T23:00"), "nl");
        assertEquals(Map.of("line_open", "false", "opens_at", "zondag 27 december om 10:00"), facts);
        assertEquals("on Sunday 27 December at 10:00", hours.facts("luisterlijn", local("2026-12-24T23:00"), "en").get("opens_at"));
        assertEquals(Map.of("line_open", "true"), hours.facts("luisterlijn", local("2026-12-28T12:00"), "nl"));
        // After the season, the usual hours: Monday 1 March until 21:00.
        assertFalse(hours.isOpen("luisterlijn", local("2027-03-01T22:00")));
        assertEquals("morgen om 09:00", hours.facts("luisterlijn", local("2027-03-01T22:00"), "nl").get("opens_at"));
        assertEquals("vandaag om 09:00", hours.facts("luisterlijn", local("2027-03-02T07:00"), "nl").get("opens_at"));
    }

    @Test
    void theDaylightSavingNight() {
        OpeningHours hours = project();
        // Saturday 27 March 2027 after closing; clocks go forward that night. That Sunday is Easter and the
        // Monday Easter Monday, so the line opens Tuesday 09:00, which is 07:00 UTC in summer time.
        assertEquals(Instant.parse("2027-03-30T07:00:00Z"),
                hours.nextOpening("luisterlijn", local("2027-03-27T18:00")).orElseThrow().toInstant());
        assertEquals("dinsdag 30 maart om 09:00", hours.facts("luisterlijn", local("2027-03-27T18:00"), "nl").get("opens_at"));
        // And back in October: Sunday 31 October 2027 10:00 is 09:00 UTC.
        assertEquals(Instant.parse("2027-10-31T09:00:00Z"),
                hours.nextOpening("luisterlijn", local("2027-10-30T18:00")).orElseThrow().toInstant());
        assertTrue(hours.isOpen("luisterlijn", Instant.parse("2027-10-31T09:30:00Z")));
        assertFalse(hours.isOpen("luisterlijn", Instant.parse("2027-10-31T08:30:00Z")), "09:30 CET is open, 09:30 CEST was not yet");
    }

    @Test
    void aLineWithoutHoursIsAlwaysOpenAndThePreviewShowsTwoWeeks() throws Exception {
        OpeningHours only = parse("helpdesk:\n  weekly:\n    monday: \"09:00-12:00, 13:00-17:00\"\n");
        assertTrue(only.isOpen("luisterlijn", local("2026-12-06T03:00")));
        assertEquals(Map.of(), only.facts("luisterlijn", local("2026-12-06T03:00"), "nl"));
        assertFalse(only.isOpen("helpdesk", local("2026-12-07T12:30")), "the lunch break");
        List<OpeningHours.Day> days = project().preview("helpdesk", LocalDate.parse("2026-12-21"), 14);
        assertEquals(14, days.size());
        assertEquals(List.of("09:00-17:00"), days.get(0).hours());
        assertEquals(List.of(), days.get(4).hours(), "Christmas Day");
        assertEquals("Eerste Kerstdag", days.get(4).holiday());
    }

    @Test
    void everyMistakeIsNamedWithItsPlace() {
        OpeningHoursReader.Invalid e = assertThrows(OpeningHoursReader.Invalid.class, () -> parse("""
                luisterlijn:
                  weekly:
                    monday: "9-17"
                    funday: "09:00-17:00"
                    tuesday: "17:00-09:00"
                    friday: "09:00-13:00, 12:00-17:00"
                  public_holidays: sometimes
                  exceptions:
                    2026-13-01: closed
                  seasons:
                    - {name: winterlijn, from: 2027-02-28, to: 2026-12-01}
                  colour: blue
                nachtlijn:
                  weekly: {}
                """));
        String all = String.join("\n", e.problems());
        for (String expected : List.of("luisterlijn.weekly.monday: '9-17' is not a time span", "luisterlijn.weekly.funday: not a day",
                "luisterlijn.weekly.tuesday: '17:00-09:00' ends before it begins", "luisterlijn.weekly.friday: '12:00-17:00' overlaps",
                "luisterlijn.public_holidays: write closed or open", "luisterlijn.exceptions.2026-13-01: '2026-13-01' is not a date",
                "luisterlijn.seasons[0]: 'to' (2026-12-01) is before 'from' (2027-02-28)", "luisterlijn.colour: unknown key",
                "nachtlijn: there is no line 'nachtlijn'")) {
            assertTrue(all.contains(expected), "missing: " + expected + "\n" + all);
        }
    }

    @Test
    void twiceWrittenOrMissingIsAMistakeToo() {
        String all = String.join("\n", assertThrows(OpeningHoursReader.Invalid.class, () -> parse("""
                luisterlijn:
                  weekly:
                    monday: "09:00-17:00"
                    maandag: "10:00-17:00"
                  seasons:
                    - {name: winter, from: 2026-12-01, to: 2027-02-28, weekly: {}}
                    - {name: kerst, from: 2026-12-20, to: 2027-01-02, weekly: {}}
                helpdesk:
                  public_holidays: open
                """)).problems());
        assertTrue(all.contains("luisterlijn.weekly.maandag: this day is written twice"), all);
        assertTrue(all.contains("'winter' and 'kerst' overlap"), all);
        assertTrue(all.contains("helpdesk.weekly: missing"), all);
        assertTrue(assertThrows(OpeningHoursReader.Invalid.class, () -> OpeningHoursReader.parseText(
                "luisterlijn:\n  weekly:\n    monday: closed\n    monday: closed\n", LINES)).getMessage().contains("YAML"));
    }
}
