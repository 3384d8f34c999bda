package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer.Form;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    /** The definition of folding, written the slow and obvious way. */
    private static String reference(String text) {
        String s = java.text.Normalizer.normalize(text, Form.NFD).replaceAll("\\p{M}+", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}@+]+", " ").trim();
    }

    @Test
    void foldsLikeTheDefinitionOnRandomText() {
        Random random = new Random(42);
        String alphabet = "abcXYZ019 @+.,!?-_\t\n'\"/éÉëçñ ØŒß𝔘İ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(14);
            boolean asciiOnly = random.nextBoolean();
            for (int j = 0; j < len; j++) {
                int bound = asciiOnly ? 22 : alphabet.length();
                sb.append(alphabet.charAt(random.nextInt(bound)));
            }
            String text = sb.toString();
            assertEquals(reference(text), Normalizer.fold(text), () -> "fold of [" + text + "]");
        }
    }

    @Test
    void foldsTypicalMessages() {
        assertEquals("hoi ik wil graag hulp", Normalizer.fold("Hoi, ik wil graag HULP!!"));
        assertEquals("cafe", Normalizer.fold("Café"));
        assertEquals("", Normalizer.fold("?!"));
        assertEquals("", Normalizer.fold(null));
        assertEquals("mail me@x nl +31", Normalizer.fold("  mail me@x.nl  +31 "));
    }

    @Test
    void findsPhrasesAsWholeWordsOnly() {
        assertTrue(Normalizer.containsPhrase("ik wil een mens spreken", "Mens"));
        assertTrue(Normalizer.containsPhrase("mens", "mens"));
        assertTrue(Normalizer.containsPhrase("een echte mens spreken", "mens spreken"));
        assertFalse(Normalizer.containsPhrase("mensen zijn aardig", "mens"));
        assertFalse(Normalizer.containsPhrase("ik ben een gemens", "mens"));
        assertTrue(Normalizer.containsPhrase("mensen of een mens", "mens"), "a later whole-word hit counts");
        assertFalse(Normalizer.containsPhrase("iets", "?!"), "a phrase that folds to nothing never matches");
    }

    @Test
    void keywordFoldIsRemembered() {
        String k = "Één Keer";
        assertEquals(Normalizer.fold(k), Normalizer.foldKeyword(k));
        assertTrue(Normalizer.foldKeyword(k) == Normalizer.foldKeyword(k), "the same folded instance comes back");
    }
}
