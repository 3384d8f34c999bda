package nl.omkijken.booking;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A slot as the person is told it: when, with whom and where, e.g. "maandag 11 januari om 14:00, met Sanne
 * (telefonisch)" or "woensdag 13 januari om 10:30, Pop-up Helpdesk in Wijkcentrum Moerwijk". Always the date itself,
 * never "morgen": the words are kept in the conversation and said again later (the reminder, a change), when
 * "morgen" would be wrong. Staff write the place and the name; nothing here is made up.
 */
public final class SlotLabel {
    private SlotLabel() {}

    public static String of(Slot s, Instant now, String language) {
        boolean en = "en".equals(language);
        ZonedDateTime at = s.start().atZone(BookingRules.ZONE);
        Locale locale = en ? Locale.UK : Locale.forLanguageTag("nl");
        // The year too beyond two months: "maandag 6 september 2027".
        String year = at.toLocalDate().isAfter(now.atZone(BookingRules.ZONE).toLocalDate().plusDays(60)) ? " " + at.getYear() : "";
        String when = (en ? "on " : "") + at.getDayOfWeek().getDisplayName(TextStyle.FULL, locale) + " " + at.getDayOfMonth() + " "
                + at.getMonth().getDisplayName(TextStyle.FULL, locale) + year + (en ? " at " : " om ")
                + String.format("%02d:%02d", at.getHour(), at.getMinute());
        StringBuilder b = new StringBuilder(when);
        if (s.kind() == Slot.Kind.POPUP) {
            b.append(en ? ", Pop-up Helpdesk" : ", Pop-up Helpdesk");
            if (!s.place().isBlank()) b.append(en ? " at " : " in ").append(s.place());
        } else {
            if (!s.holder().isBlank()) b.append(en ? ", with " : ", met ").append(s.holder());
            if (!s.place().isBlank()) b.append(" (").append(s.place()).append(')');
        }
        return b.toString();
    }

    /** The date and time alone, absolute ("ma 11 jan 14:00"), for staff and a short button. */
    public static String shortly(Instant start, String language) {
        ZonedDateTime at = start.atZone(BookingRules.ZONE);
        Locale locale = "en".equals(language) ? Locale.UK : Locale.forLanguageTag("nl");
        return at.getDayOfWeek().getDisplayName(TextStyle.SHORT, locale) + " " + at.getDayOfMonth() + " "
                + at.getMonth().getDisplayName(TextStyle.SHORT, locale).replace(".", "") + " "
                + String.format("%02d:%02d", at.getHour(), at.getMinute());
    }
}
