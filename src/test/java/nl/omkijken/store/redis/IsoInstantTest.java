package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of stored instants gives exactly what {@link Instant#parse} gives, and refuses what it refuses. */
class IsoInstantTest {
    @Test
    void everyInstantThisServiceWritesReadsBackTheSame() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong() % 4_000_000_000L + 1_000_000_000L, switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            });
            assertEquals(at, IsoInstant.parse(at.toString()), at.toString());
        }
        for (String s : List.of("2026-12-06T09:03:05Z", "2026-12-06T09:03:05.1Z", "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2026-12-06T09:03:05.12Z")) {
            assertEquals(Instant.parse(s), IsoInstant.parse(s), s);
        }
    }

    @Test
    void whatInstantParseRefusesIsRefused() {
        for (String s : List.of("2026-02-30T09:03:05Z", "2026-13-06T09:03:05Z", "2026-12-06T24:03:05Z", "2026-12-06T09:60:05Z",
                "2026-12-06T09:03:05.1234567890Z", "2026-12-06 09:03:05Z", "2026-12-0xT09:03:05Z",
                "2026-12-06T0x:03:05Z", "gisteren", "", "2023-02-29T10:00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoInstant.parse(s), s);
        }
    }
}
