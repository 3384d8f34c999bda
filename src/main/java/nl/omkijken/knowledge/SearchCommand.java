package nl.omkijken.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code omkijken search}: one question a line in, one JSON object a line out with the three best articles of the
 * knowledge base ({@code question, results: [{id, title, topics, score}]}), so anyone can try the search on their
 * own questions. The questions are read as Dutch first; English questions find the English texts as well.
 */
public final class SearchCommand {
    public static final int BAD_KNOWLEDGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchCommand() {}

    public static int run(Path dialogsDir, InputStream in, PrintStream out, PrintStream err) {
        KnowledgeIndex index;
        try {
            index = new KnowledgeIndex(KnowledgeBase.read(dialogsDir));
        } catch (KnowledgeBase.Invalid e) {
            err.println("search: " + e.getMessage());
            return BAD_KNOWLEDGE;
        }
        if (index.base().articles().isEmpty()) {
            err.println("search: no articles in " + dialogsDir.resolve(KnowledgeBase.DIR));
            return BAD_KNOWLEDGE;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                List<Map<String, Object>> results = new ArrayList<>();
                for (KnowledgeIndex.Hit h : index.search(line, new KnowledgeIndex.Ask(null, null, null), 3)) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", h.id());
                    r.put("title", h.title());
                    r.put("topics", h.topics());
                    r.put("score", Math.round(h.score() * 1000) / 1000.0);
                    results.add(r);
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("question", line);
                o.put("results", results);
                out.println(JSON.writeValueAsString(o));
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("search: cannot read standard input: " + e.getMessage());
            return 1;
        }
    }
}
