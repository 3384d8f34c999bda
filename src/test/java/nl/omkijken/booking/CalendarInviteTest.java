package nl.omkijken.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invite as RFC 5545 wants it: CRLF lines of at most 75 octets, text escaped, times in UTC, cancelled said. */
class CalendarInviteTest {
    private static final Instant NOW = Instant.parse("2027-01-05T09:00:00Z");

    @Test
    void aPopUpHelpdeskWithALongPlaceIsFoldedAndEscaped() {
        Slot s = new Slot("s1", "Escamp", Slot.Kind.POPUP, Instant.parse("2027-01-08T09:30:00Z"), 45,
                "Buurthuis De Regenboog, Zuiderparklaan; zaal 2 (naast de bibliotheek), ingang aan de achterkant", "", "b1");
        Booking b = new Booking("abcdefghijklmnopqrstuvwxyz", "s1", "c1", "sms", "a1", "nl", Map.of(), NOW, null);
        String ics = CalendarInvite.of(b, s, NOW);
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "folded: " + line);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertTrue(unfolded.contains("DTSTART:20270108T093000Z\r\nDTEND:20270108T101500Z\r\n"), unfolded);
        assertTrue(unfolded.contains("LOCATION:Buurthuis De Regenboog\\, Zuiderparklaan\\; zaal 2 (naast de bibliotheek)\\, ingang"), unfolded);
        assertTrue(unfolded.contains("SUMMARY:Pop-up Helpdesk in Buurthuis De Regenboog"), unfolded);
        assertTrue(unfolded.contains("UID:abcdefghijklmnopqrstuvwxyz@omkijken\r\n"));
        assertTrue(unfolded.contains("STATUS:CONFIRMED"));
    }

    @Test
    void aCancelledTalkIsSaidCancelledInEnglishToo() {
        Slot s = new Slot("s1", "Escamp", Slot.Kind.ACCOUNTHOUDER, Instant.parse("2027-01-08T13:00:00Z"), 30, "", "Sanne", null);
        Booking b = new Booking("abcdefghijklmnopqrstuvwxyz", "s1", "c1", "sms", "a1", "en", Map.of(), NOW, NOW.plusSeconds(60));
        String unfolded = CalendarInvite.of(b, s, NOW).replace("\r\n ", "");
        assertTrue(unfolded.contains("STATUS:CANCELLED\r\n"), unfolded);
        // A later version of the event than the invite: a calendar takes it.
        long confirmed = sequence(CalendarInvite.of(b, s, NOW, false));
        assertEquals(confirmed + 1, sequence(CalendarInvite.of(b, s, NOW)));
        Booking again = new Booking(b.id(), "s1", "c1", "sms", "a1", "en", Map.of(), NOW.plusSeconds(3_600), null);
        assertTrue(sequence(CalendarInvite.of(again, s, NOW)) > confirmed + 1, "booked again after its cancellation: later still");
        assertTrue(unfolded.contains("SUMMARY:Meeting with Sanne (PEP Helpdesk)"), unfolded);
        assertEquals(-1, unfolded.indexOf("LOCATION:"));
    }

    private static long sequence(String ics) {
        return Long.parseLong(ics.lines().filter(l -> l.startsWith("SEQUENCE:")).findFirst().orElseThrow().substring(9).strip());
    }
}
