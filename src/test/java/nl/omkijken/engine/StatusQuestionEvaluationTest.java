package nl.omkijken.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import org.junit.jupiter.api.Test;

/**
 * Questions about a request made earlier ("hebben jullie al iets gedaan met mijn vraag?"), written by another hand who saw
 * neither the dialogs nor the training phrases (src/test/resources/nlu/status-eval.tsv: 70 that ask, 70 that say
 * something else after a request: a new question, more details, thanks, "wanneer is het spreekuur?"). After the
 * helpdesk's intake, each is answered with where the request stands, or not. The floors are this release's figures
 * (docs/NLU.md, "Questions about a request").
 */
class StatusQuestionEvaluationTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final Map<String, String> WAITING = Map.of("request", "waiting", "request_since", "vandaag om 10:00");
    private static final int FLOOR_1_MISSED = 20; // 18 before the risk model of 2026-12-06 (docs/NLU.md: two more get its direct question)
    private static final int FLOOR_1_WRONG = 5;
    private static final int FLOOR_2_MISSED = 25;
    private static final int FLOOR_2_WRONG = 7;
    private final Engine engine = new Engine(ProjectDialogs.shared());
    private final Contact contact = Contact.unknown("c1");

    private record Case(boolean asks, String language, String text) {}

    private Engine.Turn turn(Session s, String text, Map<String, String> facts) {
        return engine.handle(s, contact, new Input.Text(text, Nlu.shared().understand(text, s.language())), AT, facts);
    }

    /** A helpdesk conversation whose intake was handed to the account manager, in this language. */
    private Session afterTheIntake(String language) {
        Session s = Session.fresh("c1", "helpdesk", language, AT);
        for (String text : language.equals("nl")
                ? List.of("hallo", "8", "Stichting De Linde, stadsdeel Laak, ik ben Ans Vos, ans@delinde.nl, geen telefoon", "ja")
                : List.of("hello", "8", "org name De Linde, district Laak, my name Ans Vos, ans@delinde.nl, no phone please", "yes")) {
            s = turn(s, text, Map.of()).session();
        }
        return s;
    }

    private boolean answeredWithStatus(Session s, String text) {
        return turn(s, text, WAITING).events().stream().filter(e -> e instanceof Event.Reply)
                .map(e -> ((Event.Reply) e).text()).anyMatch(t -> t.startsWith("Het verzoek van") || t.startsWith("The request made"));
    }

    private record Result(int asks, int others, List<String> missed, List<String> wrong) {
        /** Counts only: the sets are held out, and a message read in a failure is a message that shapes the next phrase. */
        String report() {
            return "missed " + missed.size() + "/" + asks + ", answered wrongly " + wrong.size() + "/" + others;
        }
    }

    private Result run(String file) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/nlu", file), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", 3);
            cases.add(new Case(f[0].equals("status"), f[1], f[2]));
        }
        Session nl = afterTheIntake("nl");
        Session en = afterTheIntake("en");
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int asks = 0;
        for (Case c : cases) {
            boolean answered = answeredWithStatus(c.language().equals("nl") ? nl : en, c.text());
            if (c.asks()) {
                asks++;
                if (!answered) missed.add(c.text());
            } else if (answered) {
                wrong.add(c.text());
            }
        }
        return new Result(asks, cases.size() - asks, missed, wrong);
    }

    /** The first set: looked at once message by message (two ambiguous keywords were removed after), so partly development data. */
    @Test
    void theFirstSetHoldsThisReleasesFigures() throws IOException {
        holds("status-eval.tsv", FLOOR_1_MISSED, FLOOR_1_WRONG);
    }

    /**
     * The second set, by another hand again; its figures were kept at its first measurement. (Its messages were printed
     * once afterwards, by a run of a rule that was then not kept: asking again for a call-back or an appointment while
     * one waits as a question about it, which caught more and answered twice as many other messages wrongly.)
     */
    @Test
    void theSecondSetHoldsThisReleasesFigures() throws IOException {
        holds("status-eval-2.tsv", FLOOR_2_MISSED, FLOOR_2_WRONG);
    }

    /** A set of at least 60 of each, missing and answering wrongly no more than its floors (the counts printed). */
    private void holds(String file, int maxMissed, int maxWrong) throws IOException {
        Result r = run(file);
        System.out.println("status questions, " + file + ": missed " + r.missed().size() + "/" + r.asks() + ", answered wrongly "
                + r.wrong().size() + "/" + r.others());
        assertTrue(r.asks() >= 60 && r.others() >= 60, "the set: " + r.asks() + " and " + r.others());
        assertTrue(r.missed().size() <= maxMissed, r.report());
        assertTrue(r.wrong().size() <= maxWrong, r.report());
    }
}
