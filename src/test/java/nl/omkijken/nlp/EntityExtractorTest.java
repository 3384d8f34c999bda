package nl.omkijken.nlp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Entities against a fixed clock: Tuesday 10 March 2026, 10:00 in Den Haag. */
class EntityExtractorTest {
    private final EntityExtractor extractor = new EntityExtractor(SharedUnderstander.CLOCK);

    private String get(String text, String entity) {
        return extractor.extract(text).get(entity);
    }

    @Test
    void stadsdelenAndTheirNeighbourhoods() {
        assertEquals("Centrum", get("ik woon in de Schilderswijk", "stadsdeel"));
        assertEquals("Centrum", get("wij zitten in het Zeeheldenkwartier", "stadsdeel"));
        assertEquals("Escamp", get("buurthuis in Moerwijk", "stadsdeel"));
        assertEquals("Escamp", get("Bouwlust/Vrederust", "stadsdeel"));
        assertEquals("Haagse Hout", get("we zitten in haagse hout", "stadsdeel"));
        assertEquals("Haagse Hout", get("Mariahoeve", "stadsdeel"));
        assertEquals("Laak", get("in spoorwijk", "stadsdeel"));
        assertEquals("Leidschenveen-Ypenburg", get("Leidschenveen-Ypenburg", "stadsdeel"));
        assertEquals("Leidschenveen-Ypenburg", get("ik woon in ijpenburg", "stadsdeel"));
        assertEquals("Loosduinen", get("kijkduin", "stadsdeel"));
        assertEquals("Scheveningen", get("Duindorp!", "stadsdeel"));
        assertEquals("Scheveningen", get("Scheveningen", "stadsdeel"));
        assertEquals("Segbroek", get("Regentessekwartier", "stadsdeel"));
        assertEquals("Segbroek", get("segbroek", "stadsdeel"));
        assertNull(get("ik woon in Rotterdam", "stadsdeel"));
    }

    @Test
    void postcodes() {
        assertEquals("2511 AB", get("mijn postcode is 2511AB", "postcode"));
        assertEquals("2511 AB", get("2511 ab", "postcode"));
        assertEquals("2564 XZ", get("Laan 12, 2564 XZ Den Haag", "postcode"));
        assertNull(get("in 2024 is de subsidie gestopt", "postcode"));
        assertNull(get("2511 SS", "postcode"));
        assertNull(get("0612345678", "postcode"));
    }

    @Test
    void phoneNumbersBecomeInternational() {
        assertEquals("+31612345678", get("bel me op 06-12345678", "phone"));
        assertEquals("+31612345678", get("06 1234 5678", "phone"));
        assertEquals("+31701234567", get("070 123 45 67", "phone"));
        assertEquals("+31612345678", get("+31 6 1234 5678", "phone"));
        assertEquals("+31612345678", get("+31 (0)6 12345678", "phone"));
        assertEquals("+31701234567", get("0031 70 1234567", "phone"));
        assertEquals("+31701234567", get("(070) 1234567", "phone"));
        assertEquals("+442079460958", get("+44 20 7946 0958", "phone"));
        assertNull(get("postcode 2511 AB, huisnummer 12", "phone"));
        assertNull(get("op 12-03-2026", "phone"));
    }

    @Test
    void emailInLowerCase() {
        assertEquals("piet.jansen@example.nl", get("Mail: Piet.Jansen@Example.NL.", "email"));
        assertNull(get("mail me maar", "email"));
    }

    @Test
    void relativeDatesInDutchAndEnglish() {
        assertEquals("2026-03-10", get("vandaag", "date"));
        assertEquals("2026-03-11", get("morgen", "date"));
        assertEquals("2026-03-11", get("Tomorrow please", "date"));
        assertEquals("2026-03-11", get("kan het mrgn?", "date"));
        assertEquals("2026-03-12", get("overmorgen", "date"));
        assertEquals("2026-03-12", get("the day after tomorrow", "date"));
        assertEquals("2026-03-09", get("gisteren", "date"));
        assertEquals("2026-03-11", get("woensdag", "date"));
        assertEquals("2026-03-17", get("dinsdag", "date"), "a weekday is the next one after today");
        assertEquals("2026-03-20", get("volgende week vrijdag", "date"));
        assertEquals("2026-03-16", get("next week monday", "date"));
        assertEquals("2026-03-17", get("over een week", "date"));
        assertEquals("2026-03-24", get("over 2 weken", "date"));
        assertEquals("2026-03-13", get("in three days", "date"));
        assertEquals("2026-03-17", get("volgende week", "date"));
        assertEquals("2026-04-10", get("over een maand", "date"));
        assertEquals("2026-03-14", get("dit weekend", "date"));
    }

    @Test
    void dayPartsAndCompounds() {
        Map<String, String> e = extractor.extract("dinsdagmiddag");
        assertEquals("2026-03-17", e.get("date"));
        assertEquals("afternoon", e.get("daypart"));
        assertEquals("morning", extractor.extract("morgenochtend").get("daypart"));
        assertEquals("2026-03-11", extractor.extract("morgenochtend").get("date"));
        assertEquals("2026-03-10", extractor.extract("vanavond").get("date"));
        assertEquals("evening", extractor.extract("vanavond").get("daypart"));
        assertEquals("morning", get("'s ochtends", "daypart"));
        assertEquals("evening", get("tonight", "daypart"));
        assertEquals("2026-03-13", get("friday afternoon", "date"));
        assertEquals("afternoon", get("friday afternoon", "daypart"));
    }

    @Test
    void greetingsAreNotDates() {
        Map<String, String> e = extractor.extract("goedemorgen");
        assertFalse(e.containsKey("date"));
        assertFalse(e.containsKey("daypart"));
        assertFalse(extractor.extract("goede morgen").containsKey("date"));
        assertFalse(extractor.extract("goedemiddag, met Ria").containsKey("daypart"));
        assertFalse(extractor.extract("good evening").containsKey("daypart"));
        assertFalse(extractor.extract("ik vroeg me af").containsKey("daypart"));
    }

    @Test
    void explicitDates() {
        assertEquals("2026-03-12", get("12 maart", "date"));
        assertEquals("2026-04-15", get("op 15-04", "date"));
        assertEquals("2026-04-15", get("15/4/2026", "date"));
        assertEquals("2026-05-01", get("2026-05-01", "date"));
        assertEquals("2027-03-03", get("3 march", "date"), "a date already past is next year's");
        assertEquals("2026-06-21", get("June 21st", "date"));
        assertEquals("2026-12-24", get("24 dec", "date"));
        assertNull(get("31-02", "date"));
    }

    @Test
    void times() {
        assertEquals("14:30", get("om 14:30", "time"));
        assertEquals("14:30", get("om 14.30 uur", "time"));
        assertEquals("14:30", get("half drie", "time"));
        assertEquals("10:15", get("kwart over 10", "time"));
        assertEquals("09:45", get("kwart voor tien", "time"));
        assertEquals("15:00", get("om 3 uur", "time"), "a bare 3 means the afternoon");
        assertEquals("20:00", get("8 uur 's avonds", "time"));
        assertEquals("10:00", get("om 10 uur", "time"));
        assertEquals("10:00", get("10u", "time"));
        assertEquals("15:00", get("at 3pm", "time"));
        assertEquals("10:00", get("10am", "time"));
        assertEquals("07:30", get("07:30", "time"));
        assertEquals("11:00", get("morgen om 11", "time"));
        assertNull(get("ik kan 8 uur per week helpen", "time"));
        assertNull(get("het kost € 12.50", "time"));
        assertNull(get("12.03.2026", "time"));
    }

    @Test
    void yesNoIncludingPhoneKeys() {
        assertEquals("yes", get("ja hoor, prima", "yes_no"));
        assertEquals("yes", get("Jazeker", "yes_no"));
        assertEquals("yes", get("yes please", "yes_no"));
        assertEquals("yes", get("1", "yes_no"));
        assertEquals("yes", get("no problem", "yes_no"));
        assertEquals("no", get("Nee dank je", "yes_no"));
        assertEquals("no", get("liever niet", "yes_no"));
        assertEquals("no", get("nope", "yes_no"));
        assertEquals("no", get("2", "yes_no"));
        assertNull(get("'n beetje", "yes_no"));
        assertNull(get("3", "yes_no"));
        assertNull(get("ik wil een afspraak", "yes_no"));
    }

    @Test
    void allTogether() {
        Map<String, String> e = extractor.extract(
                "Morgen om half 3 in de Schilderswijk? Bel 06-12345678 of mail piet@example.nl, postcode 2512 AB");
        assertEquals(Map.of("date", "2026-03-11", "time", "14:30", "stadsdeel", "Centrum", "phone", "+31612345678",
                "email", "piet@example.nl", "postcode", "2512 AB"), e);
    }

    @Test
    void nothingBreaksOnStrangeInput() {
        assertEquals(Map.of(), extractor.extract(null));
        assertEquals(Map.of(), extractor.extract(""));
        assertEquals(Map.of(), extractor.extract("😀😀"));
        extractor.extract("9".repeat(10_000));
        extractor.extract("over 99999999999999 dagen");
    }
}
