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
 * The risk classifier: an OpenNLP maximum-entropy categorizer of its own (not one intent among many), with
 * a class per kind of danger, one for warning signs ({@code possible}) and one for everything else. The
 * intent model answers "what does this person want"; this one only "how worried must we be", so its data
 * can be weighted for recall without bending the intents.
 * <p>Thread-safe: each thread gets its own {@link DocumentCategorizerME} over the shared, immutable model.
 */
public final class RiskModel {
    /** How the risk model is trained; part of the cache key. Stronger L2 than the intents: it must carry across wordings. */
    static final IntentTraining TRAINING = new IntentTraining("MAXENT_QN", 200, 1, 0.3);
    /** Danger and warning phrases together weigh this many times the everyday ones in training. */
    static final double BALANCE = 0.35;

    static {
        ExtensionLoader.registerAllowedPackage(RiskFeatures.class.getPackageName());
    }

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizer;
    private final String[] labels;

    private RiskModel(DoccatModel model) {
        this.model = model;
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        DocumentCategorizerME probe = new DocumentCategorizerME(model);
        labels = new String[probe.getNumberOfCategories()];
        for (int i = 0; i < labels.length; i++) labels[i] = probe.getCategory(i);
    }

    /** Probabilities per class of one message. */
    public record Scores(double danger, double possible, String kind, double kindProbability, double suicideOrSelfHarm) {
        static final Scores NOTHING = new Scores(0, 0, null, 0, 0);

        /** Danger and warning signs together. */
        public double any() { return danger + possible; }
    }

    static RiskModel train(List<Example> examples, RiskCues cues) {
        // Everyday phrases outnumber danger and warning signs many times over; left so, the model learns that
        // "none" is almost always right. Each danger and warning phrase is repeated until together they weigh
        // BALANCE times the everyday ones: recall first.
        long none = examples.stream().filter(e -> RiskData.NONE.equals(e.intent())).count();
        long other = examples.size() - none;
        int repeat = other == 0 ? 1 : (int) Math.max(1, Math.round(BALANCE * none / other));
        List<DocumentSample> samples = new ArrayList<>(examples.size() * 2);
        for (Example e : examples) {
            String[] tokens = TextFolding.tokens(TextFolding.fold(e.text()));
            if (tokens.length == 0) continue;
            DocumentSample sample = new DocumentSample(e.intent(), cues.withCues(tokens));
            int times = RiskData.NONE.equals(e.intent()) ? 1 : repeat;
            for (int i = 0; i < times; i++) samples.add(sample);
        }
        if (samples.isEmpty()) throw new NluDataException("no risk phrases");
        try {
            DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {new RiskFeatures()});
            return new RiskModel(DocumentCategorizerME.train("nl", new CollectionObjectStream<>(samples),
                    TRAINING.parameters(), factory));
        } catch (IOException e) {
            throw new NluDataException("training the risk model failed: " + e.getMessage(), e);
        }
    }

    /** The cached model for exactly this data, or a trained (and then cached) one; null cacheDir: no cache. */
    public static RiskModel loadOrTrain(RiskData data, Path cacheDir) {
        if (cacheDir == null) return train(data.examples(), data.cues());
        String key = ModelCache.key(RiskFeatures.VERSION + "|" + TRAINING + "|" + BALANCE + "|" + data.cues(), data.examples());
        return new RiskModel(ModelCache.loadOrTrain(cacheDir, "risk", key, () -> train(data.examples(), data.cues()).model));
    }

    /** Scores folded tokens with their cues appended ({@link RiskCues#withCues}). */
    public Scores score(String[] tokensWithCues) {
        if (tokensWithCues.length == 0) return Scores.NOTHING;
        double[] p = categorizer.get().categorize(tokensWithCues);
        double danger = 0;
        double possible = 0;
        double suicideOrSelfHarm = 0;
        String kind = null;
        double kindP = -1;
        for (int i = 0; i < p.length; i++) {
            String label = labels[i];
            if (RiskData.POSSIBLE.equals(label)) possible += p[i];
            else if (label.startsWith(RiskData.HIGH)) {
                danger += p[i];
                String k = label.substring(RiskData.HIGH.length());
                if (k.equals("suicidal_thoughts") || k.equals("self_harm")) suicideOrSelfHarm += p[i];
                if (p[i] > kindP) {
                    kindP = p[i];
                    kind = k;
                }
            }
        }
        return new Scores(danger, possible, kind, Math.max(0, kindP), suicideOrSelfHarm);
    }
}
