package nl.omkijken.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dialogs/bookings.yaml: the project's file, and every mistake named with its place and what to write. */
class BookingRulesReaderTest {
    @Test
    void theProjectsRulesCloseDecemberAndTheSummer() {
        BookingRules r = BookingRulesReader.read(Path.of("dialogs"));
        assertEquals(Duration.ofHours(18), r.notice());
        assertEquals(3, r.offer());
        assertEquals(LocalTime.of(10, 0), r.reminderAt());
        assertTrue(r.closedOn(LocalDate.of(2027, 12, 24)).isPresent());
        assertTrue(r.closedOn(LocalDate.of(2027, 8, 1)).isPresent());
        assertTrue(r.closedOn(LocalDate.of(2027, 1, 11)).isEmpty());
        assertTrue(r.closedOn(LocalDate.of(2027, 11, 30)).isEmpty());
    }

    @Test
    void aClosureOverTheNewYearCoversBothEnds() {
        BookingRules r = BookingRulesReader.parseText("closed: [{from: \"12-20\", to: \"01-05\", why: kerst}]");
        assertTrue(r.closedOn(LocalDate.of(2027, 12, 31)).isPresent());
        assertTrue(r.closedOn(LocalDate.of(2028, 1, 3)).isPresent());
        assertTrue(r.closedOn(LocalDate.of(2028, 1, 6)).isEmpty());
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        BookingRulesReader.Invalid e = assertThrows(BookingRulesReader.Invalid.class, () -> BookingRulesReader.parseText("""
                notice: 30m
                horizon: 400d
                offer: 9
                reminder: "03:00"
                closed:
                  - {from: "02-30", to: "03-01", why: ""}
                  - {from: "07-20", to: "08-16", why: zomer, until: "x"}
                colour: blue
                """));
        List<String> p = e.problems();
        assertTrue(p.stream().anyMatch(s -> s.startsWith("colour: unknown")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("notice: write a time like 18h or 42d")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("horizon: from 7d to 90d")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("offer: 1 to 5")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("reminder: between 08:00 and 20:00")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("closed[1].from: a day of the year")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("closed[1].why:")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("closed[2].until: unknown")), p.toString());
        assertTrue(e.getMessage().startsWith("bookings.yaml has 8 problems"), e.getMessage());
    }

    @Test
    void noFileIsTheDefault() {
        assertEquals(BookingRules.DEFAULT, BookingRulesReader.read(Path.of("src/test/resources/knowledge")));
        assertEquals(BookingRules.DEFAULT, BookingRulesReader.parseText(""));
    }
}
