package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwilioAddressTest {
    @Test
    void numbersAreAnOptionalPlusAndThreeToFifteenDigits() {
        for (String ok : new String[] {"+31612345678", "3197010200300", "whatsapp:+31612345678", "123", "+123456789012345"}) {
            assertTrue(TwilioAddress.isNumber(ok), ok);
        }
        for (String bad : new String[] {null, "", "+", "12", "+1234567890123456", "+31 6 12345678", "whatsapp:", "whatsapp:+12",
                "++31612345678", "+3161234567a", "sms:+31612345678", "０１２３"}) {
            assertFalse(TwilioAddress.isNumber(bad), String.valueOf(bad));
        }
    }
}
