package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundReceiptTest {
    @Test
    void theAcceptanceTimeIsTheStreamEntrysClock() {
        assertEquals(Instant.ofEpochMilli(1795368943317L), new InboundReceipt(3, "1795368943317-0").acceptedAt());
        assertEquals(Instant.ofEpochMilli(1795368943317L), new InboundReceipt(3, "1795368943317-12").acceptedAt());
        assertNull(new InboundReceipt(3, "not-an-id").acceptedAt(), "an id of another form has no time");
    }
}
