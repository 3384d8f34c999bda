package nl.omkijken.bench.resilience;

import java.util.ArrayList;
import java.util.List;

/** What one scenario found: its figures with targets, the accounting, notes for finding causes. */
final class ScenarioResult {
    final String name;
    final List<Figure> figures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Tally tally;
    long seconds;
    String error;
    /** Malformed scenario: requests not answered with a 4xx; slow scenario: connections still open at the cap. */
    Integer requestsNot4xx;
    Integer heldAtCap;

    ScenarioResult(String name) {
        this.name = name;
    }

    void add(Figure f) { figures.add(f); }

    boolean met() {
        return error == null && figures.stream().allMatch(Figure::met);
    }
}
