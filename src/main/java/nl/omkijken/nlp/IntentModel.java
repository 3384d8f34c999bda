package nl.omkijken.nlp;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.ext.ExtensionLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistical intent classifier: an OpenNLP maximum-entropy document categorizer trained on
 * the phrases in dialogs/nlu. Training takes a few seconds, so a trained model is kept in a cache
 * file named after a hash of the phrases and settings; changed data gives a new name and a retrain.
 * <p>Thread-safe: {@link DocumentCategorizerME} is not, so each thread gets its own over the
 * shared, immutable model.
 */
public final class IntentModel {
    public static final String CRISIS = "crisis";

    static {
        // OpenNLP only re-creates feature generators from packages it was told to trust.
        ExtensionLoader.registerAllowedPackage(IntentFeatures.class.getPackageName());
    }

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizer;
    private final int crisisIndex;

    private IntentModel(DoccatModel model) {
        this.model = model;
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        DocumentCategorizerME probe = new DocumentCategorizerME(model);
        int idx = -1;
        for (int i = 0; i < probe.getNumberOfCategories(); i++) if (CRISIS.equals(probe.getCategory(i))) idx = i;
        this.crisisIndex = idx;
    }

    /** Trains from scratch; no cache. */
    public static IntentModel train(List<Example> examples, IntentTraining settings) {
        if (examples.isEmpty()) throw new NluDataException("no training phrases");
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (Example e : examples) {
            String[] tokens = TextFolding.tokens(TextFolding.fold(e.text()));
            if (tokens.length > 0) samples.add(new DocumentSample(e.intent(), tokens));
        }
        try {
            DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {new IntentFeatures()});
            return new IntentModel(DocumentCategorizerME.train("nl", new CollectionObjectStream<>(samples),
                    settings.parameters(), factory));
        } catch (IOException e) {
            throw new NluDataException("training the intent model failed: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the cached model for exactly these phrases and settings, or trains and caches one
     * ({@link ModelCache}). A null {@code cacheDir} means: train, cache nothing.
     */
    public static IntentModel loadOrTrain(List<Example> examples, IntentTraining settings, Path cacheDir) {
        if (cacheDir == null) return train(examples, settings);
        return new IntentModel(ModelCache.loadOrTrain(cacheDir, "intent", cacheKey(examples, settings),
                () -> train(examples, settings).model));
    }

    /** Hash of everything that shapes the model: phrases in order, settings, feature version. */
    static String cacheKey(List<Example> examples, IntentTraining settings) {
        return ModelCache.key(IntentFeatures.VERSION + "|" + settings, examples);
    }

    /** Scores a folded, tokenised message. */
    public IntentScores classify(String[] tokens) {
        if (tokens.length == 0) return IntentScores.NOTHING;
        DocumentCategorizerME c = categorizer.get();
        double[] p = c.categorize(tokens);
        int best = 0;
        int other = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > p[best]) best = i;
            if (i != crisisIndex && (other < 0 || p[i] > p[other])) other = i;
        }
        double crisis = crisisIndex >= 0 ? p[crisisIndex] : 0;
        return new IntentScores(c.getCategory(best), p[best], c.getCategory(other), p[other], crisis);
    }

    /** The intents this model knows. */
    public List<String> intents() {
        DocumentCategorizerME c = categorizer.get();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.getNumberOfCategories(); i++) out.add(c.getCategory(i));
        return out;
    }
}
