package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageChunksTest {

    @Test
    void aShortTextIsOneMessage() {
        assertEquals(List.of("Hallo"), MessageChunks.split("  Hallo \n"));
    }

    @Test
    void paragraphsAreKeptWhole() {
        String a = "a".repeat(30);
        String b = "b".repeat(30);
        assertEquals(List.of(a, b), MessageChunks.split(a + "\n\n" + b, 40));
    }

    @Test
    void aLineBreakComesBeforeASentenceEnd() {
        assertEquals(List.of("Eerste regel. Nog wat", "Tweede regel"), MessageChunks.split("Eerste regel. Nog wat\nTweede regel", 25));
    }

    @Test
    void withoutBreaksItCutsAtASpace() {
        assertEquals(List.of("aaaa bbbb", "cccc"), MessageChunks.split("aaaa bbbb cccc", 10));
    }

    @Test
    void aWordLongerThanAMessageIsCutWithoutSplittingAnEmoji() {
        String s = "x".repeat(9) + "😊" + "y".repeat(5);
        List<String> parts = MessageChunks.split(s, 10);
        assertEquals("x".repeat(9), parts.get(0), "the emoji's surrogate pair stays together");
        assertEquals("😊" + "y".repeat(5), parts.get(1));
        for (String p : parts) assertTrue(p.length() <= 10);
    }

    @Test
    void everyPartFitsTelegramsLimit() {
        String text = ("Een zin van een lang bericht, met komma's en zo. ").repeat(400);
        List<String> parts = MessageChunks.split(text);
        assertTrue(parts.size() >= 5);
        for (String p : parts) assertTrue(p.length() <= MessageChunks.MAX && !p.isBlank());
        assertEquals(text.strip(), String.join(" ", parts));
    }
}
