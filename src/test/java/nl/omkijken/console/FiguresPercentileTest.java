package nl.omkijken.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The waits' percentiles as the figures show them: nearest rank, in seconds. */
class FiguresPercentileTest {
    @Test
    void nearestRank() {
        List<Long> waits = List.of(300L, 60L, 120L, 30L, 600L, 90L, 45L, 240L, 180L, 1200L);
        assertEquals("120", FiguresRoutes.percentile(waits, 0.5, ""));
        assertEquals("1200", FiguresRoutes.percentile(waits, 0.95, ""));
        assertEquals("42", FiguresRoutes.percentile(List.of(42L), 0.95, ""));
        assertEquals("-", FiguresRoutes.percentile(List.of(), 0.5, "-"));
    }
}
