package nl.omkijken.nlp;

import opennlp.tools.util.TrainingParameters;

/**
 * How the intent model is trained. L-BFGS maximum entropy with L2 regularisation generalises
 * better on a few thousand short phrases than plain GIS; cutoff 1 keeps rare words (a typo seen
 * once is still a signal). Part of the model cache key through {@link #toString()}.
 */
public record IntentTraining(String algorithm, int iterations, int cutoff, double l2) {
    public static final IntentTraining DEFAULT = new IntentTraining("MAXENT_QN", 150, 1, 0.1);

    TrainingParameters parameters() {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        p.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        p.put(TrainingParameters.THREADS_PARAM, 1);
        if ("MAXENT_QN".equals(algorithm)) {
            p.put("L2Cost", l2);
            p.put("L1Cost", 0.0);
        }
        return p;
    }
}
