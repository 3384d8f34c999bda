package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void aShortReplyIsOneMessage() {
        assertEquals(List.of("Hallo daar."), MessageSplitter.split("  Hallo daar. ", 1600));
        assertEquals(List.of(), MessageSplitter.split("   ", 1600));
    }

    @Test
    void prefersABlankLine() {
        String a = "Eerste alinea. Met twee zinnen.";
        String b = "Tweede alinea.";
        assertEquals(List.of(a, b), MessageSplitter.split(a + "\n\n" + b, a.length() + 5));
    }

    @Test
    void thenASentenceEnd() {
        String text = "Een zin hier. En nog een zin daar! Dan een vraag? Klaar.";
        List<String> parts = MessageSplitter.split(text, 40);
        assertEquals(List.of("Een zin hier. En nog een zin daar!", "Dan een vraag? Klaar."), parts);
    }

    @Test
    void thenAWord() {
        String text = "woord ".repeat(20).strip();
        List<String> parts = MessageSplitter.split(text, 32);
        for (String p : parts) {
            assertTrue(p.length() <= 32);
            assertTrue(p.matches("(woord ?)+"), "cut between words: '" + p + "'");
        }
        assertEquals(text, String.join(" ", parts));
    }

    @Test
    void aWordLongerThanAPartIsCutButNeverInsideAnEmoji() {
        String text = "a".repeat(9) + "\uD83D\uDE0A" + "b".repeat(9);
        List<String> parts = MessageSplitter.split(text, 10);
        assertEquals("a".repeat(9), parts.get(0), "the emoji's surrogate pair stays whole");
        assertEquals(text, String.join("", parts));
        for (String p : parts) assertTrue(p.length() <= 10);
    }

    @Test
    void aBlankLineTooEarlyLosesToALaterSentenceEnd() {
        String text = "Kort.\n\n" + "Een lange zin die doorgaat. ".repeat(4).strip();
        List<String> parts = MessageSplitter.split(text, 60);
        assertTrue(parts.get(0).length() > 30, "the first part is not just 'Kort.': " + parts);
        for (String p : parts) assertTrue(p.length() <= 60);
    }

    @Test
    void everyPartFitsAndNothingIsLost() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) sb.append("Zin nummer ").append(i).append(i % 7 == 0 ? ".\n\n" : ". ");
        String text = sb.toString().strip();
        List<String> parts = MessageSplitter.split(text, MessageSplitter.MAX_BODY);
        assertTrue(parts.size() >= 3);
        for (String p : parts) assertTrue(p.length() <= MessageSplitter.MAX_BODY && p.endsWith("."), p);
        assertEquals(text.replaceAll("\\s+", " "), String.join(" ", parts).replaceAll("\\s+", " "));
    }
}
