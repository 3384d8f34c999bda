package nl.omkijken.nlp.bench;

import nl.omkijken.nlp.Example;
import nl.omkijken.nlp.IntentModel;
import nl.omkijken.nlp.IntentTraining;
import nl.omkijken.nlp.NluData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Training the intent model from scratch on the training split of dialogs/nlu, no cache. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingBench {
    private List<Example> training;

    @Setup
    public void setUp() {
        training = NluData.load(Path.of(System.getProperty("dialogs", "dialogs"))).training();
    }

    @Benchmark
    public IntentModel trainFromScratch() {
        return IntentModel.train(training, IntentTraining.DEFAULT);
    }
}
