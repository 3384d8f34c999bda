package nl.omkijken.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboundWorkerOptionsTest {
    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void defaultsAreValidAndRenewWellWithinTheLease() {
        InboundWorker.Options o = InboundWorker.Options.defaults();
        assertTrue(o.renewEvery().multipliedBy(2).compareTo(o.lease()) <= 0);
        assertEquals(5, o.maxDeliveries());
    }

    @Test
    void badSettingsAreRefusedWithTheSettingNamed() {
        assertMessage("batch size", () -> new InboundWorker.Options(0, S, S.dividedBy(2), S, S, 5, S, S));
        assertMessage("renewed at least twice", () -> new InboundWorker.Options(10, S, S, S, S, 5, S, S));
        assertMessage("max deliveries", () -> new InboundWorker.Options(10, S, S.dividedBy(2), S, S, 0, S, S));
        assertMessage("poll interval", () -> new InboundWorker.Options(10, S, S.dividedBy(2), Duration.ZERO, S, 5, S, S));
        assertMessage("claim idle", () -> new InboundWorker.Options(10, S, S.dividedBy(2), S, null, 5, S, S));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
