package nl.omkijken.nlp;

import nl.omkijken.engine.RiskLevel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The risk levels on the evaluation set written apart from the training data (src/test/resources/nlu/risk-eval,
 * by other hands, never trained on; docs/NLU.md, "Risk"). The floors are the figures of the release that wrote
 * them: a change that loses crisis messages or asks everyday people more often fails here. The issue's targets
 * (every crisis at possible or above) are not met yet; docs/NLU.md says by how much.
 */
class RiskEvaluationTest {
    private static final Path SET = Path.of("src/test/resources/nlu/risk-eval");
    private static final Path FRESH = Path.of("src/test/resources/nlu/risk-eval-fresh");

    @Test
    void theEvaluationSetHoldsWhatTheIssueAsks() throws IOException {
        List<RiskEvaluation.Item> items = RiskEvaluation.read(files());
        long danger = items.stream().filter(RiskEvaluation.Item::danger).count();
        assertTrue(danger >= 300, "at least 300 crisis messages, got " + danger);
        assertTrue(items.size() - danger >= 600, "at least 600 everyday messages, got " + (items.size() - danger));
        for (String lang : List.of("nl", "en")) {
            for (String line : List.of("luisterlijn", "helpdesk", "telefooncirkel")) {
                assertTrue(items.stream().anyMatch(i -> i.danger() && i.language().equals(lang) && i.line().equals(line)), lang + "/" + line);
            }
        }
    }

    @Test
    void noFewerCrisesCaughtAndNoMoreEverydayAlarmsThanThisRelease() throws IOException {
        OpenNlpUnderstander u = SharedUnderstander.get();
        RiskEvaluation e = RiskEvaluation.run(RiskEvaluation.read(files()), text -> u.understand(text, null));
        double caught = 1 - (double) e.missed().size() / e.dangerCount();
        assertTrue(caught >= 0.962, "crisis messages at possible or high: " + caught + "\n" + e.render());
        assertTrue(e.everydayRate(RiskLevel.HIGH) <= 0.023, "everyday messages taken for a crisis: " + e.everydayRate(RiskLevel.HIGH));
        assertTrue(e.everydayRate(RiskLevel.POSSIBLE) <= 0.055, "everyday messages asked the direct question: " + e.everydayRate(RiskLevel.POSSIBLE));
    }

    /**
     * The fresh sets (risk-eval-fresh): four sets written by more hands after the set above (sets 2 and 3 on
     * 2026-12-05, set 4 and set 5, everyday messages about other people, on 2026-12-06), never used to choose a phrase
     * or a lexicon entry; measured before and after each change of the understanding (docs/NLU.md). Their floors are
     * this release's figures on all of them together. (risk-eval-dev holds a first set 5 whose messages were quoted to
     * the writers of training data: a development set now, not in these figures.)
     */
    @Test
    void theFreshSetHoldsThisReleasesFigures() throws IOException {
        OpenNlpUnderstander u = SharedUnderstander.get();
        List<RiskEvaluation.Item> items = RiskEvaluation.read(files(FRESH));
        assertTrue(items.stream().filter(RiskEvaluation.Item::danger).count() >= 300, "at least 300 crisis messages");
        RiskEvaluation e = RiskEvaluation.run(items, text -> u.understand(text, null));
        double caught = 1 - (double) e.missed().size() / e.dangerCount();
        assertTrue(caught >= 0.969, "crisis messages at possible or high: " + caught + "\n" + e.render());
        assertTrue(e.everydayRate(RiskLevel.HIGH) <= 0.051, "everyday messages taken for a crisis: " + e.everydayRate(RiskLevel.HIGH));
        assertTrue(e.everydayRate(RiskLevel.POSSIBLE) <= 0.090, "everyday messages asked the direct question: " + e.everydayRate(RiskLevel.POSSIBLE));
    }

    @Test
    void theConfiguredThresholdsAreTheBestOnTheDevelopmentHalf() throws IOException {
        // settings.yaml says the thresholds were chosen on the development half (odd lines); when the data or the
        // model changes, `risk-thresholds` must be run again and one of its best pairs (as many caught, as many at high)
        // written there.
        RiskAssessor assessor = SharedUnderstander.get().risk();
        List<RiskEvaluation.Item> dev = RiskEvaluation.read(files()).stream().filter(i -> i.lineNumber() % 2 == 1).toList();
        List<RiskThresholdSearch.Point> points = RiskThresholdSearch.search(dev, assessor);
        RiskThresholdSearch.Point best = points.get(0);
        RiskThresholdSearch.Point configured = points.stream()
                .filter(p -> p.high() == assessor.thresholds().high() && p.possible() == assessor.thresholds().possible())
                .findFirst().orElseThrow(() -> new AssertionError("the configured thresholds are not on the grid"));
        assertTrue(configured.qualifies(), "configured thresholds outside the limits: " + configured);
        assertEquals(best.caught(), configured.caught(), RiskThresholdSearch.render(points, 5));
        assertEquals(best.crisesHigh(), configured.crisesHigh(), RiskThresholdSearch.render(points, 5));
    }

    @Test
    void aMalformedLineIsNamed() throws IOException {
        Path bad = Files.createTempFile("risk-eval", ".tsv");
        Files.writeString(bad, "suicide\tluisterlijn\tnl\tik wil niet meer\nnone\tluisterlijn\tfr\tbonjour\n");
        IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RiskEvaluation.read(List.of(bad)));
        assertTrue(ex.getMessage().endsWith(":2: language must be nl or en"), ex.getMessage());
        Files.delete(bad);
    }

    @Test
    void riskDataRefusesAnUnknownKindAndBadThresholds() {
        assertEquals("thresholds.high must be between 0 and 1, got 1.5",
                org.junit.jupiter.api.Assertions.assertThrows(NluDataException.class, () -> new RiskThresholds(1.5, 0.1, 0.05)).getMessage());
        assertEquals("thresholds.sensitive must not be above thresholds.possible",
                org.junit.jupiter.api.Assertions.assertThrows(NluDataException.class, () -> new RiskThresholds(0.6, 0.1, 0.2)).getMessage());
    }

    private static List<Path> files() throws IOException {
        return files(SET);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
    }
}
