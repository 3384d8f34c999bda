package nl.omkijken.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The knowledge search on the project's articles (dialogs/knowledge): the retrieval evaluation on questions kept
 * apart from the articles (src/test/resources/knowledge/eval-questions.tsv), with the issue's thresholds (the right
 * article in the top 3 for at least 90%, first for at least 75%); compound words split; typos; the district filter
 * and the topic boost.
 */
class KnowledgeSearchTest {
    private static KnowledgeIndex index;

    @BeforeAll
    static void build() {
        index = new KnowledgeIndex(KnowledgeBase.read(Path.of("dialogs")));
    }

    private record Case(String question, String expected) {}

    private static List<Case> evaluation() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/knowledge/eval-questions.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t");
            assertEquals(2, parts.length, "question<TAB>article: " + line);
            out.add(new Case(parts[0], parts[1]));
        }
        return out;
    }

    @Test
    void theRightArticleIsInTheTopThreeForNineInTenAndFirstForThreeInFour() throws IOException {
        List<Case> cases = evaluation();
        int top1 = 0;
        int top3 = 0;
        List<String> missed = new ArrayList<>();
        for (Case c : cases) {
            assertTrue(index.base().byId(c.expected()) != null, "the evaluation names an article that exists: " + c.expected());
            List<String> ids = index.search(c.question(), KnowledgeIndex.Ask.in(null), 3).stream().map(KnowledgeIndex.Hit::id).toList();
            if (!ids.isEmpty() && ids.get(0).equals(c.expected())) top1++;
            if (ids.contains(c.expected())) top3++;
            else missed.add(c.question() + " -> " + ids);
        }
        double r1 = (double) top1 / cases.size();
        double r3 = (double) top3 / cases.size();
        System.out.printf("knowledge search: %d questions, top-1 %.1f%%, top-3 %.1f%%%n", cases.size(), 100 * r1, 100 * r3);
        assertTrue(cases.size() >= 40, "an evaluation of some size");
        assertTrue(r3 >= 0.90, "top 3: " + r3 + "; missed: " + missed);
        assertTrue(r1 >= 0.75, "top 1: " + r1);
    }

    @Test
    void compoundsAreFoundByTheirPartsAndTyposAreForgiven() {
        assertEquals("vrijwilligersvergoeding", first("hoe hoog mag de vergoeding voor vrijwilligers zijn"));
        assertEquals("verzekering-vrijwilligers", first("vrijwilligersverzekering"));
        assertEquals("subsidie-gemeente", first("subsidieregeling van de gemeente"));
        assertEquals("stichting-oprichten", first("stichtnig oprichtne"));
    }

    @Test
    void aDistrictKeepsOutArticlesAboutOtherDistrictsAndATopicWeighs() {
        // Every article of the project is for all of Den Haag: a district filters none of them out.
        assertEquals("ruimte-vinden", index.search("zaal huren", new KnowledgeIndex.Ask("nl", "escamp", null), 1).get(0).id());
        // "Geld voor ons project": the project plan and the funds both fit; the conversation's topic weighs.
        assertTrue(score("geld voor ons project", "subsidie", "fondsen-aanvragen") > score("geld voor ons project", null, "fondsen-aanvragen"));
        assertEquals("projectplan-begroting", index.search("geld voor ons project", new KnowledgeIndex.Ask("nl", null, "projectplan"), 1).get(0).id());
        assertEquals("vrijwilligersvergoeding",
                index.search("wat mogen we betalen", new KnowledgeIndex.Ask("nl", null, "vrijwilligers"), 1).get(0).id());
    }

    @Test
    void aQuestionWithNothingToFindFindsNothing() {
        assertEquals(List.of(), index.search("", KnowledgeIndex.Ask.in("nl"), 3));
        assertEquals(List.of(), index.search("de het een", KnowledgeIndex.Ask.in("nl"), 3));
    }

    private static float score(String question, String topic, String article) {
        return index.search(question, new KnowledgeIndex.Ask("nl", null, topic), 20).stream().filter(h -> h.id().equals(article))
                .findFirst().orElseThrow().score();
    }

    private static String first(String question) {
        List<KnowledgeIndex.Hit> hits = index.search(question, KnowledgeIndex.Ask.in("nl"), 1);
        return hits.isEmpty() ? null : hits.get(0).id();
    }
}
