package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberMaskTest {
    @Test
    void numbersAndAddressesAreHiddenDatesAndAmountsAreNot() {
        assertEquals("Mogen we je bellen op ··78?", NumberMask.text("Mogen we je bellen op +31612345678?"));
        assertEquals("bel ··78 of ··67", NumberMask.text("bel 06-12345678 of (070) 123 45 67"));
        assertEquals("mijn nummer is ··78", NumberMask.text("mijn nummer is +31 6 1234 5678"));
        assertEquals("mail (e-mailadres verborgen) maar", NumberMask.text("mail jan.de.vries@example.nl maar"));
        assertEquals("op 04-12-2026 om 14.30 uur, 250 euro", NumberMask.text("op 04-12-2026 om 14.30 uur, 250 euro"));
        assertEquals("bel 113 of 0800-0113 of 112", NumberMask.text("bel 113 of 0800-0113 of 112"), "helplines stay");
        assertEquals("kvk 12345678", NumberMask.text("kvk 12345678"));
        assertEquals("app me op ··78 of ··78", NumberMask.text("app me op 612345678 of 31612345678"));
    }
}
