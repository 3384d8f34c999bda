package nl.omkijken.nlp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFoldingTest {

    @Test
    void foldsCaseAccentsPunctuationAndRepeats() {
        assertEquals("ik wil een cafe", TextFolding.fold("Ik wil een CAFÉ!!!"));
        assertEquals("mn moeder s ochtends", TextFolding.fold("m'n moeder, ’s ochtends"));
        assertEquals("heel dood nee", TextFolding.fold("heeeeel doooood neeee"));
        assertEquals("alert x hulp", TextFolding.fold("<script>alert('x')</script> <b>hulp</b>"));
        assertEquals("a b", TextFolding.fold("a < b"));
        assertEquals("", TextFolding.fold("😀 🙏 !!!"));
        assertEquals("", TextFolding.fold(null));
        assertEquals("leidschenveen ypenburg", TextFolding.fold("Leidschenveen-Ypenburg"));
    }

    @Test
    void tokensAreCapped() {
        assertArrayEquals(new String[] {"a", "b"}, TextFolding.tokens("a b"));
        assertEquals(TextFolding.MAX_TOKENS, TextFolding.tokens("x ".repeat(1000).trim()).length);
        assertEquals(0, TextFolding.tokens("").length);
    }

    @Test
    void recognisesTextAndNoise() {
        assertTrue(TextFolding.looksLikeText("Ik wil een afspraak", "ik wil een afspraak"));
        assertTrue(TextFolding.looksLikeText("Crème brûlée", TextFolding.fold("Crème brûlée")));
        assertFalse(TextFolding.looksLikeText("привет как дела", TextFolding.fold("привет как дела")));
        assertFalse(TextFolding.looksLikeText("\u0000\u0001ab\uFFFD\u0002", TextFolding.fold("\u0000\u0001ab\uFFFD\u0002")));
        assertFalse(TextFolding.looksLikeText("12345", "12345"));
    }
}
