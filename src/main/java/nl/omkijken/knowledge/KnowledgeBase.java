package nl.omkijken.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The helpdesk's knowledge base as staff keep it: every {@code *.md} in {@code dialogs/knowledge/}, each an
 * {@link Article}, and {@code woorden.txt}, the word parts Dutch compounds are split into for search
 * ("vrijwilligersvergoeding" is found by "vergoeding"). Checked at start: every mistake with its file and field.
 */
public record KnowledgeBase(List<Article> articles, List<String> wordParts) {
    public static final String DIR = "knowledge";
    public static final String WORD_PARTS = "woorden.txt";
    /** Where the service shows the articles in full ({@code /kennis/ID}, {@code ?lang=en} for English). */
    public static final String PAGES = "/kennis/";
    public static final KnowledgeBase EMPTY = new KnowledgeBase(List.of(), List.of());

    public KnowledgeBase {
        articles = List.copyOf(articles);
        wordParts = List.copyOf(wordParts);
    }

    /** Everything wrong with the knowledge base, one line per problem. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super("the knowledge base (dialogs/" + DIR + ") has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + ":\n  " + String.join("\n  ", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The link the bot sends with an article, on {@code baseUrl} (the service's public address). */
    public static String link(String baseUrl, String id, String language) {
        return baseUrl.replaceAll("/+$", "") + PAGES + id + ("en".equals(language) ? "?lang=en" : "");
    }

    public Article byId(String id) {
        for (Article a : articles) if (a.id().equals(id)) return a;
        return null;
    }

    /** The knowledge base in {@code dialogsDir/knowledge}; empty when there is none. */
    public static KnowledgeBase read(Path dialogsDir) {
        Path dir = dialogsDir.resolve(DIR);
        if (!Files.isDirectory(dir)) return EMPTY;
        List<String> problems = new ArrayList<>();
        Map<String, Article> byId = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // Editors' hidden files (".#artikel.md", "._artikel.md") are no articles.
            files = s.filter(p -> p.getFileName().toString().endsWith(".md") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new Invalid(List.of(DIR + ": cannot be read: " + e.getClass().getSimpleName()));
        }
        for (Path f : files) {
            String name = DIR + "/" + f.getFileName();
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(name + ": cannot be read as UTF-8 text");
                continue;
            }
            Article a = ArticleReader.read(name, text, problems);
            if (a == null) continue;
            Article other = byId.putIfAbsent(a.id(), a);
            if (other != null) problems.add(name + ": id: " + a.id() + " is another article's id too");
        }
        List<String> parts = new ArrayList<>();
        Path words = dir.resolve(WORD_PARTS);
        if (Files.exists(words)) {
            try {
                int line = 0;
                for (String w : Files.readAllLines(words, StandardCharsets.UTF_8)) {
                    line++;
                    String t = w.strip();
                    if (t.isEmpty() || t.startsWith("#")) continue;
                    if (!t.matches("\\p{Ll}{3,20}")) problems.add(DIR + "/" + WORD_PARTS + ":" + line + ": one word part a line, 3 to 20 lower-case letters, not '" + t + "'");
                    else parts.add(t);
                }
            } catch (IOException e) {
                problems.add(DIR + "/" + WORD_PARTS + ": cannot be read as UTF-8 text");
            }
        }
        if (!problems.isEmpty()) throw new Invalid(problems);
        return new KnowledgeBase(new ArrayList<>(byId.values()), parts);
    }
}
