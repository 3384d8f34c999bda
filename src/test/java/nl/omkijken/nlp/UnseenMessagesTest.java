package nl.omkijken.nlp;

import nl.omkijken.engine.Understanding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages written apart from the training data, as residents and organisations would send them.
 * A second, independent check next to the held-out split.
 */
class UnseenMessagesTest {
    private record Case(String intent, String text) {}

    @Test
    void mostUnseenMessagesGetTheirIntentAndEveryCrisisIsCaught() throws IOException {
        List<Case> cases = load();
        OpenNlpUnderstander u = SharedUnderstander.get();
        int right = 0, falseAlarms = 0, nonCrisis = 0;
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            Understanding r = u.understand(c.text(), null);
            if (r.intent().equals(c.intent())) right++;
            else wrong.add(c.intent() + " -> " + r.intent() + ": " + c.text());
            if (c.intent().equals("crisis")) {
                assertTrue(r.crisis(), "crisis missed: " + c.text());
            } else {
                nonCrisis++;
                if (r.crisis()) falseAlarms++;
            }
        }
        double accuracy = (double) right / cases.size();
        System.out.printf("unseen messages: %d/%d right (%.1f%%), crisis false alarms %d/%d%n", right, cases.size(),
                100 * accuracy, falseAlarms, nonCrisis);
        wrong.forEach(w -> System.out.println("  " + w));
        assertTrue(accuracy >= 0.90, "accuracy on unseen messages " + accuracy);
        assertEquals(0, falseAlarms, "no crisis alarm on these ordinary messages");
    }

    private static List<Case> load() throws IOException {
        try (InputStream in = UnseenMessagesTest.class.getResourceAsStream("/nlu/unseen-messages.tsv")) {
            assertNotNull(in);
            List<Case> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] p = line.split("\t", 2);
                out.add(new Case(p[0], p[1]));
            }
            assertTrue(out.size() >= 100);
            return out;
        }
    }
}
