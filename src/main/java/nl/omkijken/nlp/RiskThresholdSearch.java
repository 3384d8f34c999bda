package nl.omkijken.nlp;

import nl.omkijken.engine.RiskLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the risk thresholds on the development half of the evaluation set (docs/NLU.md, "Thresholds"), the
 * way settings.yaml says they are chosen, so that the choice can be made again by anyone: every pair of
 * {@code high} and {@code possible} thresholds on a grid is tried on the whole pipeline (lexicon floor, idiom
 * exclusions, the evidence rule); a pair qualifies when at most {@link #MAX_HIGH} of everyday messages are high
 * and at most {@link #MAX_POSSIBLE} are asked; among those the most crisis messages caught wins, then the most
 * at high (the right help at once), then the fewest everyday messages touched.
 */
public final class RiskThresholdSearch {
    public static final double MAX_HIGH = 0.02;
    /**
     * Below the 8%: on sets never tuned on, the share asked ran 3 to 6 points above the development half's
     * (this release: 3.2% there, 6.7% on the test half, 9.2% on the fresh sets), and unseen messages may be asked at
     * most 10%.
     */
    public static final double MAX_POSSIBLE = 0.05;
    private static final double[] HIGH = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};
    private static final double[] POSSIBLE = {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};

    private RiskThresholdSearch() {}

    /** One pair of thresholds and what it gives on the items. */
    public record Point(double high, double possible, int crises, int caught, int crisesHigh, int everyday,
                        int everydayHigh, int everydayAsked) {
        public boolean qualifies() {
            return everydayHigh <= MAX_HIGH * everyday && everydayAsked <= MAX_POSSIBLE * everyday;
        }
    }

    /** Every pair on the grid, best first (qualifying pairs before the others). */
    public static List<Point> search(List<RiskEvaluation.Item> items, RiskAssessor assessor) {
        List<String> folded = items.stream().map(i -> TextFolding.fold(i.text())).toList();
        List<Boolean> text = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) text.add(TextFolding.looksLikeText(items.get(i).text(), folded.get(i)));
        List<Point> points = new ArrayList<>();
        RiskThresholds base = assessor.thresholds();
        for (double h : HIGH) {
            for (double p : POSSIBLE) {
                if (p > h) continue;
                RiskAssessor a = assessor.withThresholds(new RiskThresholds(h, p, Math.min(base.sensitive(), p), base.evidence()));
                int crises = 0, caught = 0, crisesHigh = 0, everyday = 0, everydayHigh = 0, everydayAsked = 0;
                for (int i = 0; i < items.size(); i++) {
                    RiskLevel level = a.judge(folded.get(i), text.get(i)).level();
                    if (items.get(i).danger()) {
                        crises++;
                        if (level != RiskLevel.NONE) caught++;
                        if (level == RiskLevel.HIGH) crisesHigh++;
                    } else {
                        everyday++;
                        if (level == RiskLevel.HIGH) everydayHigh++;
                        if (level == RiskLevel.POSSIBLE) everydayAsked++;
                    }
                }
                points.add(new Point(h, p, crises, caught, crisesHigh, everyday, everydayHigh, everydayAsked));
            }
        }
        // Where several pairs catch as many, the fewest everyday messages touched first. Settings.yaml may take another of
        // the equally good pairs (the same crises caught, as many at high): docs/NLU.md says which and why.
        points.sort(Comparator.comparing((Point x) -> !x.qualifies())
                .thenComparing(Comparator.comparingInt(Point::caught).reversed())
                .thenComparing(Comparator.comparingInt(Point::crisesHigh).reversed())
                .thenComparingInt(x -> x.everydayHigh() + x.everydayAsked()));
        return points;
    }

    /** The table printed by {@code omkijken risk-thresholds}: the best pairs first. */
    public static String render(List<Point> points, int rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "at most %.0f%% of everyday messages high and %.0f%% asked; best first%n",
                100 * MAX_HIGH, 100 * MAX_POSSIBLE));
        b.append("| high | possible | crises caught | crises high | everyday high | everyday asked | within the limits |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---|\n");
        for (Point p : points.subList(0, Math.min(rows, points.size()))) {
            b.append(String.format(Locale.ROOT, "| %.2f | %.2f | %d/%d (%.1f%%) | %d | %d (%.1f%%) | %d (%.1f%%) | %s |%n",
                    p.high(), p.possible(), p.caught(), p.crises(), pct(p.caught(), p.crises()), p.crisesHigh(),
                    p.everydayHigh(), pct(p.everydayHigh(), p.everyday()), p.everydayAsked(), pct(p.everydayAsked(), p.everyday()),
                    p.qualifies() ? "yes" : "no"));
        }
        return b.toString();
    }

    private static double pct(int n, int of) {
        return of == 0 ? 0 : 100.0 * n / of;
    }
}
