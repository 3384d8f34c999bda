package nl.omkijken.nlp.bench;

import nl.omkijken.engine.Understanding;
import nl.omkijken.nlp.IntentModel;
import nl.omkijken.nlp.IntentScores;
import nl.omkijken.nlp.NluData;
import nl.omkijken.nlp.IntentTraining;
import nl.omkijken.nlp.OpenNlpUnderstander;
import nl.omkijken.nlp.TextFolding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Cost of understanding one 12-word message: the intent model alone (fold, tokenise, categorise)
 * and the whole understander (plus crisis lexicon, language, entities).
 * Run from the project folder: see docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UnderstandBench {
    /** Twelve words, as a resident would text them. */
    static final String DUTCH_12 = "hoi ik wil graag een afspraak maken over subsidie voor ons buurtfeest";
    static final String ENGLISH_12 = "hi we would like some help finding volunteers for our community centre";

    private IntentModel model;
    private OpenNlpUnderstander understander;

    @Setup
    public void setUp() throws Exception {
        Path dialogs = Path.of(System.getProperty("dialogs", "dialogs"));
        Path cache = Files.createTempDirectory("nlu-bench");
        model = IntentModel.loadOrTrain(NluData.load(dialogs).training(), IntentTraining.DEFAULT, cache);
        understander = OpenNlpUnderstander.fromDialogs(dialogs, cache, Clock.system(ZoneId.of("Europe/Amsterdam")),
                OpenNlpUnderstander.DEFAULT_THRESHOLD);
    }

    @Benchmark
    public IntentScores classifyDutch12Words() {
        return model.classify(TextFolding.tokens(TextFolding.fold(DUTCH_12)));
    }

    @Benchmark
    public IntentScores classifyEnglish12Words() {
        return model.classify(TextFolding.tokens(TextFolding.fold(ENGLISH_12)));
    }

    @Benchmark
    public Understanding understandDutch12Words() {
        return understander.understand(DUTCH_12, "nl");
    }

    @Benchmark
    public Understanding understandEnglish12Words() {
        return understander.understand(ENGLISH_12, "nl");
    }
}
