package nl.omkijken.nlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Chooses the risk thresholds on data: five times, the model trains on four fifths of the risk phrases and
 * scores the fifth it never saw. Printed per threshold: the share of danger phrases that reach it, of warning
 * signs, and of everyday phrases. Phrases the lexicon already catches are left out of the danger figures
 * (the lexicon makes them high whatever the model says); everyday phrases count whole.
 */
public final class RiskTuning {
    public static final int FOLDS = 5;
    private static final double[] STEPS = {0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8};

    private RiskTuning() {}

    /** Unseen scores of every phrase: its label and what the model gave it. */
    public record Scored(Example example, RiskModel.Scores scores, boolean lexicon) {}

    public static List<Scored> crossValidate(RiskData data, CrisisLexicon lexicon, long seed) {
        List<Example> all = new ArrayList<>(data.examples());
        Collections.shuffle(all, new Random(seed));
        List<Scored> out = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) (i % FOLDS == fold ? test : train).add(all.get(i));
            RiskModel model = RiskModel.train(train, data.cues());
            for (Example e : test) {
                String folded = TextFolding.fold(e.text());
                CrisisLexicon.Match m = lexicon.match(folded);
                String[] tokens = TextFolding.tokens(m.visible());
                out.add(new Scored(e, model.score(data.cues().withCues(tokens)), m.hit()));
            }
        }
        return out;
    }

    /** The table printed by {@code omkijken risk-tune}. */
    public static String render(List<Scored> scored) {
        List<Scored> danger = scored.stream().filter(s -> s.example().intent().startsWith(RiskData.HIGH) && !s.lexicon()).toList();
        List<Scored> possible = scored.stream().filter(s -> s.example().intent().equals(RiskData.POSSIBLE) && !s.lexicon()).toList();
        List<Scored> none = scored.stream().filter(s -> s.example().intent().equals(RiskData.NONE)).toList();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "unseen in %d folds: %d danger phrases the lexicon does not catch, %d warning signs, %d everyday%n",
                FOLDS, danger.size(), possible.size(), none.size()));
        b.append("| threshold t | danger: P(danger) >= t | danger: P(any) >= t | warning: P(any) >= t | everyday: P(danger) >= t | everyday: P(any) >= t |\n");
        b.append("|---:|---:|---:|---:|---:|---:|\n");
        for (double t : STEPS) {
            b.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s | %s | %s |%n", t,
                    share(danger, s -> s.scores().danger() >= t), share(danger, s -> s.scores().any() >= t),
                    share(possible, s -> s.scores().any() >= t), share(none, s -> s.scores().danger() >= t),
                    share(none, s -> s.scores().any() >= t)));
        }
        return b.toString();
    }

    private static String share(List<Scored> list, java.util.function.Predicate<Scored> p) {
        long n = list.stream().filter(p).count();
        return String.format(Locale.ROOT, "%.1f%% (%d)", list.isEmpty() ? 0 : 100.0 * n / list.size(), n);
    }
}
