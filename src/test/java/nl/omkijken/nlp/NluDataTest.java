package nl.omkijken.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NluDataTest {

    @Test
    void theRealDataHasEveryIntentWithEnoughVariedPhrases() {
        NluData data = NluData.load(SharedUnderstander.DIALOGS);
        for (String intent : Intents.REQUIRED) {
            List<Example> all = new java.util.ArrayList<>();
            for (Example e : data.training()) if (e.intent().equals(intent)) all.add(e);
            for (Example e : data.heldOut()) if (e.intent().equals(intent)) all.add(e);
            long nl = all.stream().filter(e -> e.language().equals("nl")).count();
            long en = all.stream().filter(e -> e.language().equals("en")).count();
            assertTrue(all.size() >= 40, intent + " has " + all.size() + " phrases");
            assertTrue(nl > en && en >= 10, intent + ": Dutch majority and some English, got nl=" + nl + " en=" + en);
        }
    }

    @Test
    void noPhraseIsTrainedOnAndHeldOutOrGivenTwoIntents() {
        NluData data = NluData.load(SharedUnderstander.DIALOGS);
        Set<String> trained = new HashSet<>();
        java.util.Map<String, String> intentOf = new java.util.HashMap<>();
        for (Example e : data.training()) {
            trained.add(TextFolding.fold(e.text()));
            String before = intentOf.put(TextFolding.fold(e.text()), e.intent());
            assertTrue(before == null || before.equals(e.intent()), "'" + e.text() + "' is in " + before + " and " + e.intent());
        }
        for (Example e : data.heldOut()) {
            String before = intentOf.get(TextFolding.fold(e.text()));
            assertTrue(before == null || before.equals(e.intent()), "'" + e.text() + "' is in " + before + " and " + e.intent());
        }
        long leaked = data.heldOut().stream().filter(e -> trained.contains(TextFolding.fold(e.text()))).count();
        // A few one-word answers ("stop", "test") occur in both languages' lists; nothing else may leak.
        assertTrue(leaked <= 3, leaked + " held-out phrases also appear in training");
    }

    @Test
    void everyFifthPhraseIsHeldOut(@TempDir Path dir) throws IOException {
        write(dir, "greeting", "intent: greeting\nexamples:\n  nl: [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10]\n  en: [b1, b2, b3, b4, b5]\n");
        NluData data = NluData.load(dir);
        assertEquals(List.of("a5", "a10", "b5"), data.heldOut().stream().map(Example::text).toList());
        assertEquals(12, data.training().size());
    }

    @Test
    void unquotedYesNoIsRefusedWithTheFileName(@TempDir Path dir) throws IOException {
        write(dir, "affirm", "intent: affirm\nexamples:\n  en: [yes, sure]\n");
        NluDataException e = assertThrows(NluDataException.class, () -> NluData.load(dir));
        assertTrue(e.getMessage().contains("affirm.yaml") && e.getMessage().contains("quote"), e.getMessage());
    }

    @Test
    void badFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        assertTrue(assertThrows(NluDataException.class, () -> NluData.load(dir)).getMessage().contains("no intent folder"));
        write(dir, "thanks", "intent: greeting\nexamples:\n  nl: [hoi]\n");
        assertTrue(assertThrows(NluDataException.class, () -> NluData.load(dir)).getMessage().contains("belongs in greeting.yaml"));
        write(dir, "thanks", "intent: thanks\nexamples:\n  fr: [merci]\n");
        assertTrue(assertThrows(NluDataException.class, () -> NluData.load(dir)).getMessage().contains("unknown language"));
        write(dir, "thanks", "intent: thanks\nexamples: [oops\n");
        assertTrue(assertThrows(NluDataException.class, () -> NluData.load(dir)).getMessage().contains("not valid YAML"));
    }

    private static void write(Path dialogs, String intent, String yaml) throws IOException {
        Path dir = Files.createDirectories(dialogs.resolve("nlu").resolve("intents"));
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.writeString(dir.resolve(intent + ".yaml"), yaml);
    }
}
