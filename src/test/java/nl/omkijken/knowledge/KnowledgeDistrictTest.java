package nl.omkijken.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.omkijken.engine.Knowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An article written for one stadsdeel is given to people of that stadsdeel (as the intake names it) and of no other. */
class KnowledgeDistrictTest {
    private static String article(String id, String stadsdelen, String title) {
        return """
                ---
                id: %s
                title: {nl: "%s", en: "%s"}
                summary: {nl: "Een zaal huren voor uw activiteit in de buurt.", en: "Renting a hall for your activity nearby."}
                topics: [huisvesting]
                stadsdelen: %s
                audience: organisaties
                source: "PEP Den Haag"
                last_reviewed: 2026-11-20
                review_before: 2027-05-20
                ---
                <!-- nl -->
                # %s

                Een zaal huren in het buurthuis kan vaak voor weinig geld.
                <!-- en -->
                # %s

                Renting a hall in the community centre is often cheap.
                """.formatted(id, title, title, stadsdelen, title, title);
    }

    @Test
    void anArticleForHaagseHoutIsNotGivenInEscamp(@TempDir Path dialogs) throws Exception {
        Files.createDirectories(dialogs.resolve("knowledge"));
        Files.writeString(dialogs.resolve("knowledge/zaal-haagse-hout.md"), article("zaal-haagse-hout", "[haagse-hout]", "Een zaal in Haagse Hout"));
        Files.writeString(dialogs.resolve("knowledge/zaal-overal.md"), article("zaal-overal", "[]", "Een zaal huren"));
        Knowledge k = new KnowledgeAnswers(new KnowledgeIndex(KnowledgeBase.read(dialogs)), null);
        List<String> anywhere = k.find("zaal huren", "nl", "huisvesting", null, 5).stream().map(Knowledge.Found::id).sorted().toList();
        assertEquals(List.of("zaal-haagse-hout", "zaal-overal"), anywhere);
        assertEquals(List.of("zaal-haagse-hout", "zaal-overal"),
                k.find("zaal huren", "nl", "huisvesting", "Haagse Hout", 5).stream().map(Knowledge.Found::id).sorted().toList());
        assertEquals(List.of("zaal-overal"), k.find("zaal huren", "nl", "huisvesting", "Escamp", 5).stream().map(Knowledge.Found::id).toList());
    }
}
