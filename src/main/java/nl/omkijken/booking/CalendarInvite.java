package nl.omkijken.booking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A booked talk as an iCalendar event (RFC 5545), for the person's own calendar: when (in UTC), with whom or at which
 * Pop-up Helpdesk, where. Its UID is the booking's: a moved talk is a new booking with an invite of its own, and the
 * earlier invite, read again, says STATUS:CANCELLED, as a cancelled talk's does.
 */
public final class CalendarInvite {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CalendarInvite() {}

    public static String of(Booking b, Slot s, Instant now) {
        return of(b, s, now, !b.standing());
    }

    /** @param cancelled written as cancelled (its cancellation's e-mail may go before the cancellation is stored) */
    public static String of(Booking b, Slot s, Instant now, boolean cancelled) {
        boolean en = "en".equals(b.language());
        String summary = s.kind() == Slot.Kind.POPUP
                ? "Pop-up Helpdesk" + (s.place().isBlank() ? "" : (en ? " at " : " in ") + s.place())
                : (en ? "Meeting with " : "Gesprek met ") + (s.holder().isBlank() ? (en ? "the account manager" : "de accounthouder") : s.holder())
                        + (en ? " (PEP Helpdesk)" : " (PEP Helpdesk)");
        String description = en ? "Your appointment with the PEP Helpdesk. To move or cancel it, send \"move my appointment\" or "
                + "\"cancel my appointment\" in the conversation where you booked it."
                : "Uw afspraak met de PEP Helpdesk. Verzetten of afzeggen? Stuur \"afspraak verzetten\" of \"afspraak afzeggen\" "
                + "in het gesprek waarin u boekte.";
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Omkijken//Helpdesk//NL");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + b.id() + "@omkijken");
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART:" + UTC.format(s.start()));
        line(out, "DTEND:" + UTC.format(s.end()));
        line(out, "SUMMARY:" + text(summary));
        if (!s.place().isBlank()) line(out, "LOCATION:" + text(s.place()));
        line(out, "DESCRIPTION:" + text(description));
        line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        // Always higher for a later version of the event (a talk re-booked after its cancellation included): minutes
        // since 2020 of its booking, one more once cancelled.
        long sequence = (b.bookedAt().getEpochSecond() - 1_577_836_800L) / 60 * 2 + (cancelled ? 1 : 0);
        line(out, "SEQUENCE:" + Math.max(0, sequence));
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** A TEXT value escaped (RFC 5545 3.3.11). */
    static String text(String v) {
        return v.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** A content line, folded at 75 octets with CRLF and a space (RFC 5545 3.1). */
    private static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int start = 0;
        boolean first = true;
        while (start < bytes.length) {
            int limit = first ? 75 : 74;
            int end = Math.min(bytes.length, start + limit);
            // Never split a UTF-8 character: step back over continuation bytes.
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) end--;
            if (!first) out.append(' ');
            out.append(new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8)).append("\r\n");
            start = end;
            first = false;
        }
    }
}
