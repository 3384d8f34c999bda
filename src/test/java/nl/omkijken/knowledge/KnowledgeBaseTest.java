package nl.omkijken.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base as staff write it: the project's own articles load; every mistake named with its file and field. */
class KnowledgeBaseTest {
    private static final String GOOD = """
            ---
            id: proef-artikel
            title: {nl: Een proef, en: A test}
            summary: {nl: "Kort.", en: "Short."}
            topics: [stichting]
            stadsdelen: [escamp]
            audience: organisaties
            source: "kvk.nl"
            last_reviewed: 2026-01-10
            review_before: 2026-07-10
            ---
            <!-- nl -->
            Tekst.
            <!-- en -->
            Text.
            """;

    @Test
    void theProjectsArticlesLoadInBothLanguages() {
        KnowledgeBase kb = KnowledgeBase.read(Path.of("dialogs"));
        assertTrue(kb.articles().size() >= 10, "articles: " + kb.articles().size());
        for (Article a : kb.articles()) {
            for (String lang : Article.LANGUAGES) {
                assertFalse(a.body().get(lang).isBlank(), a.id() + " " + lang);
                assertTrue(a.summary().get(lang).length() <= ArticleReader.MAX_SUMMARY, a.id());
            }
        }
        assertTrue(kb.wordParts().contains("vergoeding"));
    }

    @Test
    void anArticleLoadsAndKnowsWhenItIsOverdue(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("knowledge/proef.md"), GOOD);
        Article a = KnowledgeBase.read(dir).byId("proef-artikel");
        assertEquals("Een proef", a.title().get("nl"));
        assertEquals(List.of("escamp"), a.stadsdelen());
        assertFalse(a.overdue(LocalDate.of(2026, 7, 10)));
        assertTrue(a.overdue(LocalDate.of(2026, 7, 11)), "past its review date: flagged, still served");
    }

    @Test
    void everyMistakeIsNamedWithItsFileAndField(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("knowledge/a.md"), GOOD.replace("id: proef-artikel", "id: Proef Artikel")
                .replace("title: {nl: Een proef, en: A test}", "title: {nl: Een proef}").replace("audience: organisaties", "audience: iedereen")
                .replace("review_before: 2026-07-10", "review_before: morgen").replace("<!-- en -->\nText.\n", ""));
        Files.writeString(dir.resolve("knowledge/b.md"), "id: zonder-kop\n");
        Files.writeString(dir.resolve("knowledge/c.md"), GOOD);
        Files.writeString(dir.resolve("knowledge/d.md"), GOOD.replace("topics: [stichting]", "topics: [stichting]\nauteur: Piet"));
        Files.writeString(dir.resolve("knowledge/e.md"), GOOD);
        Files.writeString(dir.resolve("knowledge/woorden.txt"), "vergoeding\nVrijwilliger\n");
        KnowledgeBase.Invalid e = assertThrows(KnowledgeBase.Invalid.class, () -> KnowledgeBase.read(dir));
        String all = String.join("\n", e.problems());
        for (String expected : List.of("knowledge/a.md: id: lower-case letters", "knowledge/a.md: title.en: missing",
                "knowledge/a.md: audience: one of organisaties", "knowledge/a.md: review_before: a date as 2026-11-20",
                "knowledge/a.md: the text: write the Dutch after a line <!-- nl --> and then the English",
                "knowledge/b.md: start with a line ---", "knowledge/d.md: auteur: not a field of an article",
                "knowledge/e.md: id: proef-artikel is another article's id too",
                "knowledge/woorden.txt:2: one word part a line")) {
            assertTrue(all.contains(expected), expected + " in\n" + all);
        }
    }
}
