package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A yes-word followed by a negation is a no: "klopt niet" answered to "Klopt dit?" used to be saved as
 * yes, confirming wrong details.
 */
class YesNoNegationTest {
    @Test
    void aYesWordFollowedByANegationIsNo() {
        assertEquals(Optional.of("no"), SlotValidation.yesNo("Klopt niet"));
        assertEquals(Optional.of("no"), SlotValidation.yesNo("klopt niet helemaal"));
        assertEquals(Optional.of("no"), SlotValidation.yesNo("OK, not quite"));
    }

    @Test
    void plainAnswersStayAsTheyWere() {
        assertEquals(Optional.of("yes"), SlotValidation.yesNo("klopt"));
        assertEquals(Optional.of("yes"), SlotValidation.yesNo("ja hoor, klopt"));
        assertEquals(Optional.of("yes"), SlotValidation.yesNo("prima, geen probleem"));
        assertEquals(Optional.of("no"), SlotValidation.yesNo("nee"));
        assertEquals(Optional.of("no"), SlotValidation.yesNo("niet goed"));
        assertEquals(Optional.empty(), SlotValidation.yesNo("misschien"));
    }
}
