package nl.omkijken.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingReaderTest {
    private static final List<String> LINES = List.of("helpdesk", "luisterlijn", "telefooncirkel");

    @Test
    void theProjectsRoutingGivesEachStadsdeelAQueue() {
        Routing r = RoutingReader.read(Path.of("dialogs"), LINES);
        assertEquals(8, r.partQueues().size());
        assertEquals("Leidschenveen-Ypenburg", r.partQueues().get("helpdesk:leidschenveen-ypenburg"));
        assertEquals("helpdesk:haagse-hout", r.queueFor("helpdesk", "helpdesk", Map.of("stadsdeel", "Haagse Hout")));
        assertEquals("helpdesk", r.queueFor("helpdesk", "helpdesk", Map.of("stadsdeel", "")), "part not known: the line's queue");
        assertEquals("helpdesk", r.queueFor("helpdesk", "helpdesk", Map.of()));
        assertEquals("luisterlijn", r.queueFor("luisterlijn", "luisterlijn", Map.of("stadsdeel", "Centrum")), "a line without parts");
        assertEquals("telefooncirkel", r.queueFor("helpdesk", "telefooncirkel", Map.of("stadsdeel", "Laak")),
                "a queue the dialog names itself stays");
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(t.plus(Duration.ofMinutes(15)), r.keptForPartUntil("helpdesk:laak", t));
        assertNull(r.keptForPartUntil("helpdesk", t));
    }

    @Test
    void everyProblemIsReportedWithItsPlace() {
        RoutingReader.Invalid e = assertThrows(RoutingReader.Invalid.class, () -> RoutingReader.parseText("""
                helpdesk:
                  districts:
                    slot: Stadsdeel!
                    names: [Centrum, centrum, "<>"]
                    whole_line_after: 15 minutes
                    colour: blue
                winkel:
                  districts: {}
                """, LINES));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("helpdesk.districts.slot"), all);
        assertTrue(all.contains("'centrum' is written twice"), all);
        assertTrue(all.contains("'<>' is not a name"), all);
        assertTrue(all.contains("helpdesk.districts.whole_line_after: write a time like 90s, 15m or 2h"), all);
        assertTrue(all.contains("helpdesk.districts.colour: unknown"), all);
        assertTrue(all.contains("winkel: there is no line 'winkel'"), all);
        assertEquals(6, e.problems().size(), all);
    }

    @Test
    void durationsAreCheckedAndZeroMeansTheWholeLineAtOnce() {
        Routing r = RoutingReader.parseText("helpdesk: {districts: {slot: wijk, names: [Noord], whole_line_after: 0}}", LINES);
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(t, r.keptForPartUntil("helpdesk:noord", t));
        assertThrows(RoutingReader.Invalid.class, () -> RoutingReader.parseText(
                "helpdesk: {districts: {slot: wijk, names: [Noord], whole_line_after: 25h}}", LINES));
        assertEquals(Instant.EPOCH.plusSeconds(90), RoutingReader.parseText(
                "helpdesk: {districts: {slot: wijk, names: [Noord], whole_line_after: 90s}}", LINES)
                .keptForPartUntil("helpdesk:noord", Instant.EPOCH));
    }

    @Test
    void offersAreALinesChoiceWithATimeToAccept() {
        Routing r = RoutingReader.read(Path.of("dialogs"), LINES);
        assertEquals(Duration.ofSeconds(30), r.offerFor("luisterlijn"));
        assertNull(r.offerFor("helpdesk"));
        assertNull(r.offerFor("telefooncirkel"));
        RoutingReader.Invalid e = assertThrows(RoutingReader.Invalid.class,
                () -> RoutingReader.parseText("luisterlijn: {offer: 5s}", LINES));
        assertTrue(e.problems().get(0).contains("luisterlijn.offer: between 10s and 5m"), e.problems().toString());
    }

    @Test
    void partNamesAreMatchedWhateverTheCapitalsAndAccents() {
        assertEquals("leidschenveen-ypenburg", DistrictQueues.id(" Leidschenveen-Ypenburg "));
        assertEquals("haagse-hout", DistrictQueues.id("Haagse  Hout"));
        assertEquals("cafe-noord", DistrictQueues.id("Café Noord"));
    }
}
