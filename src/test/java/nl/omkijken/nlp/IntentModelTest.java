package nl.omkijken.nlp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentModelTest {
    private static IntentModel shared;

    /** The model of the real data, trained once for the tests that need one without the rest. */
    static synchronized IntentModel sharedModel() {
        if (shared == null) {
            shared = IntentModel.loadOrTrain(NluData.load(SharedUnderstander.DIALOGS).training(), IntentTraining.DEFAULT,
                    Path.of(System.getProperty("buildDir", "target"), "nlu-test-cache"));
        }
        return shared;
    }

    private static List<Example> small() {
        List<Example> out = new ArrayList<>();
        for (String s : List.of("hallo", "hoi", "goedemorgen", "hey daar", "hello", "hi there")) out.add(new Example("greeting", "nl", s));
        for (String s : List.of("doei", "tot ziens", "dag dag", "tot morgen", "bye", "see you")) out.add(new Example("goodbye", "nl", s));
        for (String s : List.of("subsidie aanvragen", "geld voor ons project", "welke fondsen zijn er", "funding please",
                "subsidie voor een buurtfeest", "a grant for our group")) out.add(new Example("subsidy_funding", "nl", s));
        return out;
    }

    @Test
    void aTrainedModelIsCachedAndReusedUntilTheDataChanges(@TempDir Path cache) throws IOException {
        List<Example> data = small();
        IntentModel first = IntentModel.loadOrTrain(data, IntentTraining.DEFAULT, cache);
        List<Path> files = files(cache);
        assertEquals(1, files.size());
        FileTime written = Files.getLastModifiedTime(files.get(0));

        IntentModel again = IntentModel.loadOrTrain(data, IntentTraining.DEFAULT, cache);
        assertEquals(written, Files.getLastModifiedTime(files.get(0)), "loaded, not retrained");
        String[] tokens = TextFolding.tokens(TextFolding.fold("ik zoek subsidie"));
        assertEquals(first.classify(tokens), again.classify(tokens));
        assertEquals("subsidy_funding", again.classify(tokens).best());

        data.add(new Example("goodbye", "nl", "de groeten"));
        IntentModel.loadOrTrain(data, IntentTraining.DEFAULT, cache);
        assertEquals(2, files(cache).size(), "changed data, new cache file");
    }

    @Test
    void anUnreadableCacheFileIsReplaced(@TempDir Path cache) throws IOException {
        List<Example> data = small();
        Path file = cache.resolve("intent-" + IntentModel.cacheKey(data, IntentTraining.DEFAULT) + ".bin");
        Files.writeString(file, "not a model");
        IntentModel m = IntentModel.loadOrTrain(data, IntentTraining.DEFAULT, cache);
        assertEquals("greeting", m.classify(new String[] {"hallo"}).best());
        assertTrue(Files.size(file) > 100, "rewritten with a real model");
    }

    @Test
    void theCacheKeyFollowsPhrasesAndSettings() {
        List<Example> data = small();
        String key = IntentModel.cacheKey(data, IntentTraining.DEFAULT);
        assertEquals(key, IntentModel.cacheKey(small(), IntentTraining.DEFAULT));
        assertNotEquals(key, IntentModel.cacheKey(data, new IntentTraining("MAXENT_QN", 151, 1, 0.1)));
        List<Example> changed = small();
        changed.set(0, new Example("greeting", "nl", "hallo!"));
        assertNotEquals(key, IntentModel.cacheKey(changed, IntentTraining.DEFAULT));
    }

    @Test
    void scoresNameTheBestIntentOtherThanCrisis() {
        IntentScores s = sharedModel().classify(TextFolding.tokens(TextFolding.fold("ik wil dood")));
        assertEquals("crisis", s.best());
        assertNotEquals("crisis", s.bestOther());
        assertTrue(s.crisisProbability() > 0.5);
        assertTrue(sharedModel().intents().containsAll(Intents.REQUIRED));
        assertEquals(IntentScores.NOTHING, sharedModel().classify(new String[0]));
    }

    @Test
    void noDataIsAClearError() {
        assertThrows(NluDataException.class, () -> IntentModel.train(List.of(), IntentTraining.DEFAULT));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bin")).toList();
        }
    }
}
