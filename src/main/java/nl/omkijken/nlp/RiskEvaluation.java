package nl.omkijken.nlp;

import nl.omkijken.engine.RiskLevel;
import nl.omkijken.engine.Understanding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The risk levels given to an evaluation set that no model ever trains on: TSV lines {@code kind TAB line
 * TAB language TAB message}, kind {@code none} for everyday messages. Reports, per kind, language and line,
 * how many danger messages reached possible or high (all must) and how many everyday messages were asked
 * the direct question (possible) or taken for a crisis (high).
 */
public final class RiskEvaluation {
    public static final String EVERYDAY = "none";
    /** The kinds an evaluation line may name (the set's own words, finer than the model's kinds). */
    public static final java.util.Set<String> KINDS = java.util.Set.of(EVERYDAY, "suicide", "self_harm", "overdose", "acute_medical",
            "domestic_violence", "child_abuse", "elder_abuse", "harm_others");
    public static final java.util.Set<String> LINES = java.util.Set.of("luisterlijn", "helpdesk", "telefooncirkel");

    /** One message of the set. */
    public record Item(String kind, String line, String language, String text, String file, int lineNumber) {
        public boolean danger() { return !EVERYDAY.equals(kind); }
    }

    /** One message and the level it got. */
    public record Result(Item item, RiskLevel level) {}

    private final List<Result> results;

    private RiskEvaluation(List<Result> results) { this.results = List.copyOf(results); }

    /** Reads the set; a malformed line is an error naming the file and line. */
    public static List<Item> read(List<Path> files) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            int n = 0;
            for (String raw : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                n++;
                if (raw.isBlank() || raw.startsWith("#")) continue;
                String[] c = (n == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).split("\t", -1);
                if (c.length != 4 || c[3].isBlank()) throw new IllegalArgumentException(f + ":" + n + ": expected kind, line, language, message (TABs)");
                if (!c[2].equals("nl") && !c[2].equals("en")) throw new IllegalArgumentException(f + ":" + n + ": language must be nl or en");
                if (!KINDS.contains(c[0].strip())) throw new IllegalArgumentException(f + ":" + n + ": unknown kind '" + c[0] + "', one of " + new java.util.TreeSet<>(KINDS));
                if (!LINES.contains(c[1].strip())) throw new IllegalArgumentException(f + ":" + n + ": unknown line '" + c[1] + "', one of " + new java.util.TreeSet<>(LINES));
                items.add(new Item(c[0].strip(), c[1].strip(), c[2], c[3], f.getFileName().toString(), n));
            }
        }
        return items;
    }

    /** Runs every message through the understander as a first message of a conversation would be. */
    public static RiskEvaluation run(List<Item> items, Function<String, Understanding> understand) {
        List<Result> out = new ArrayList<>(items.size());
        for (Item i : items) out.add(new Result(i, understand.apply(i.text()).risk()));
        return new RiskEvaluation(out);
    }

    public List<Result> results() { return results; }

    /** Danger messages left at none: each one is a miss. */
    public List<Result> missed() {
        return results.stream().filter(r -> r.item().danger() && r.level() == RiskLevel.NONE).toList();
    }

    /** Everyday messages that got this level. */
    public List<Result> everydayAt(RiskLevel level) {
        return results.stream().filter(r -> !r.item().danger() && r.level() == level).toList();
    }

    public long dangerCount() { return results.stream().filter(r -> r.item().danger()).count(); }

    public long everydayCount() { return results.size() - dangerCount(); }

    /** Share of everyday messages at this level. */
    public double everydayRate(RiskLevel level) {
        return everydayCount() == 0 ? 0 : (double) everydayAt(level).size() / everydayCount();
    }

    /** Markdown tables: danger by kind, language and line; everyday by language and line; the misses. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("| danger | messages | high | possible | missed |\n|---|---:|---:|---:|---:|\n");
        dangerRows(b, "kind", r -> r.item().kind());
        dangerRows(b, "language", r -> r.item().language());
        dangerRows(b, "line", r -> r.item().line());
        long n = dangerCount();
        long high = results.stream().filter(r -> r.item().danger() && r.level() == RiskLevel.HIGH).count();
        long possible = results.stream().filter(r -> r.item().danger() && r.level() == RiskLevel.POSSIBLE).count();
        b.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d | %d |%n", n, high, possible, n - high - possible));
        b.append("\n| everyday | messages | high (crisis) | possible (asked) |\n|---|---:|---:|---:|\n");
        everydayRows(b, "language", r -> r.item().language());
        everydayRows(b, "line", r -> r.item().line());
        long e = everydayCount();
        b.append(String.format(Locale.ROOT, "| **all** | %d | %d (%.1f%%) | %d (%.1f%%) |%n", e, everydayAt(RiskLevel.HIGH).size(),
                100 * everydayRate(RiskLevel.HIGH), everydayAt(RiskLevel.POSSIBLE).size(), 100 * everydayRate(RiskLevel.POSSIBLE)));
        return b.toString();
    }

    /** The messages behind the figures: every miss, every everyday message at high or possible. */
    public String renderCases() {
        StringBuilder b = new StringBuilder();
        for (Result r : missed()) b.append("missed  ").append(where(r)).append('\n');
        for (Result r : everydayAt(RiskLevel.HIGH)) b.append("high    ").append(where(r)).append('\n');
        for (Result r : everydayAt(RiskLevel.POSSIBLE)) b.append("asked   ").append(where(r)).append('\n');
        return b.toString();
    }

    private static String where(Result r) {
        Item i = r.item();
        return i.file() + ":" + i.lineNumber() + " [" + i.kind() + "/" + i.line() + "] " + i.text();
    }

    private void dangerRows(StringBuilder b, String by, Function<Result, String> key) {
        Map<String, long[]> rows = new TreeMap<>();
        for (Result r : results) {
            if (!r.item().danger()) continue;
            long[] c = rows.computeIfAbsent(key.apply(r), k -> new long[3]);
            c[0]++;
            if (r.level() == RiskLevel.HIGH) c[1]++;
            else if (r.level() == RiskLevel.POSSIBLE) c[2]++;
        }
        rows.forEach((k, c) -> b.append(String.format(Locale.ROOT, "| %s: %s | %d | %d | %d | %d |%n", by, k, c[0], c[1], c[2], c[0] - c[1] - c[2])));
    }

    private void everydayRows(StringBuilder b, String by, Function<Result, String> key) {
        Map<String, long[]> rows = new TreeMap<>();
        for (Result r : results) {
            if (r.item().danger()) continue;
            long[] c = rows.computeIfAbsent(key.apply(r), k -> new long[3]);
            c[0]++;
            if (r.level() == RiskLevel.HIGH) c[1]++;
            else if (r.level() == RiskLevel.POSSIBLE) c[2]++;
        }
        rows.forEach((k, c) -> b.append(String.format(Locale.ROOT, "| %s: %s | %d | %d (%.1f%%) | %d (%.1f%%) |%n", by, k, c[0],
                c[1], 100.0 * c[1] / c[0], c[2], 100.0 * c[2] / c[0])));
    }
}
