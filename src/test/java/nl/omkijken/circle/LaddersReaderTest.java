package nl.omkijken.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** dialogs/circles.yaml: the project's file, a circle's own ladder over the standard, and every mistake named at once. */
class LaddersReaderTest {
    private static Participant in(String circle) {
        return new Participant("p", "Truus", "+31612345678", "nl", LocalTime.of(9, 0), LocalTime.of(10, 0), EnumSet.allOf(DayOfWeek.class),
                null, null, circle, "", new Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true, Instant.EPOCH);
    }

    @Test
    void theProjectsFileIsTheDefaultLadder() {
        assertEquals(Ladder.DEFAULT, LaddersReader.read(Path.of("dialogs")).of(in("")));
        // The sandbox's circle for watching the ladder run: a minute or two a step.
        Ladder oefen = LaddersReader.read(Path.of("dialogs")).of(in("Oefenkring"));
        assertEquals(2, oefen.tries());
        assertEquals(Duration.ofMinutes(1), oefen.retryAfter());
        // Only in the sandbox: with a real phone a participant put in it by mistake has the standard ladder.
        assertEquals(Ladder.DEFAULT, LaddersReader.read(Path.of("dialogs")).withoutSandboxOnly().of(in("oefenkring")));
        LaddersReader.Invalid e = org.junit.jupiter.api.Assertions.assertThrows(LaddersReader.Invalid.class,
                () -> LaddersReader.parseText("circles:\n  Proef:\n    sandbox_only: ja\n"));
        assertEquals(java.util.List.of("circles.Proef.sandbox_only: true or false, not 'ja'"), e.problems());
    }

    @Test
    void aCircleHasItsOwnLadderAndTakesWhatItLeavesOutFromTheStandardOne() {
        Ladders l = LaddersReader.parseText("""
                ladder:
                  retry_after: 10m
                  look_wait: 1h
                circles:
                  Hofje Zonnehoek:
                    tries: 2
                    text_wait: 15m
                """);
        Ladder hofje = l.of(in("  hofje zonnehoek "));
        assertEquals(2, hofje.tries());
        assertEquals(Duration.ofMinutes(15), hofje.textWait());
        assertEquals(Duration.ofMinutes(10), hofje.retryAfter(), "from the standard ladder of this file");
        assertEquals(Duration.ofHours(1), hofje.lookWait());
        Ladder other = l.of(in("Heemstede ochtend"));
        assertEquals(3, other.tries());
        assertEquals(Duration.ofMinutes(10), other.retryAfter());
        assertEquals(Duration.ofMinutes(30), other.textWait());
    }

    @Test
    void everyMistakeIsNamedWithItsPlace() {
        LaddersReader.Invalid e = assertThrows(LaddersReader.Invalid.class, () -> LaddersReader.parseText("""
                ladder:
                  tries: 7
                  retry_after: 15 minutes
                  txt_wait: 30m
                circles:
                  Noord:
                    look_wait: 6h
                  noord:
                    tries: 2
                """));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("ladder.tries: 1 to 5"), all);
        assertTrue(all.contains("ladder.retry_after: write a time like 15m or 2h, not '15 minutes'"), all);
        assertTrue(all.contains("ladder.txt_wait: unknown"), all);
        assertTrue(all.contains("circles.Noord.look_wait: from 1m to 4h"), all);
        assertTrue(all.contains("circles.noord: written twice"), all);
        assertEquals(5, e.problems().size(), all);
    }
}
