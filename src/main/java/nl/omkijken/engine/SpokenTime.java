package nl.omkijken.engine;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** A moment as a person is told it: "vandaag om 18:00", "morgen om 09:00", "maandag 8 december om 09:00". */
public final class SpokenTime {
    private SpokenTime() {}

    /** {@code at} said from {@code now}'s day, in Dutch (or English for "en"); both in the person's zone. */
    public static String describe(ZonedDateTime at, ZonedDateTime now, String language) {
        boolean en = "en".equals(language);
        Locale locale = en ? Locale.UK : Locale.forLanguageTag("nl");
        String time = String.format("%02d:%02d", at.getHour(), at.getMinute());
        LocalDate day = at.toLocalDate();
        if (day.equals(now.toLocalDate())) return (en ? "today at " : "vandaag om ") + time;
        if (day.equals(now.toLocalDate().plusDays(1))) return (en ? "tomorrow at " : "morgen om ") + time;
        // A moment just past (when a request was made).
        if (day.equals(now.toLocalDate().minusDays(1))) return (en ? "yesterday at " : "gisteren om ") + time;
        String weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
        String month = day.getMonth().getDisplayName(TextStyle.FULL, locale);
        // Beyond two months the year too: "maandag 6 september 2027".
        String year = day.isAfter(now.toLocalDate().plusDays(60)) ? " " + day.getYear() : "";
        return en ? "on " + weekday + " " + day.getDayOfMonth() + " " + month + year + " at " + time
                : weekday + " " + day.getDayOfMonth() + " " + month + year + " om " + time;
    }
}
