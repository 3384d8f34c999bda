package nl.omkijken.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.omkijken.knowledge.KnowledgeBase;
import nl.omkijken.knowledge.KnowledgeIndex;

/**
 * Issue 14's search timing: the whole knowledge base (dialogs/knowledge) in memory, the evaluation questions asked
 * one after another on one thread, many rounds after a warm-up; each search timed (analysis, the query, the top
 * three). Prints p50, p99 and max in microseconds.
 *
 * <pre>mvn -B -q -Pbench -DskipTests package exec:exec -Dbench.main=nl.omkijken.bench.KnowledgeSearch -Dbench.args="--rounds 200"</pre>
 */
public final class KnowledgeSearch {
    public static void main(String[] args) throws Exception {
        int rounds = args.length >= 2 && "--rounds".equals(args[0]) ? Integer.parseInt(args[1]) : 200;
        KnowledgeIndex index = new KnowledgeIndex(KnowledgeBase.read(Path.of("dialogs")));
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/knowledge/eval-questions.tsv"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) questions.add(line.split("\t")[0]);
        }
        for (int i = 0; i < 50; i++) for (String q : questions) index.search(q, KnowledgeIndex.Ask.in(null), 3);
        long[] micros = new long[rounds * questions.size()];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : questions) {
                long t = System.nanoTime();
                index.search(q, KnowledgeIndex.Ask.in(null), 3);
                micros[n++] = (System.nanoTime() - t) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("| articles | searches | p50 | p99 | max |%n|---|---|---|---|---|%n| %d | %d | %d µs | %d µs | %d µs |%n",
                index.base().articles().size(), micros.length, micros[micros.length / 2], micros[(int) (micros.length * 0.99)],
                micros[micros.length - 1]);
    }
}
