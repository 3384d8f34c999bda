package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.omkijken.engine.Engine;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation corpus (conversations/*.yaml) through the real dialogs, the language model trained from
 * dialogs/nlu and a real redis-server: every rule holds outside the conversations marked pending. The
 * report, every transcript included, is written to target/conversation-report.txt for a read-through.
 */
class ConversationCorpusTest {
    private static RedisServer redis;
    private static Vertx vertx;
    private static RedisConnection conn;
    private static CorpusRun corpus;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        vertx = Vertx.vertx();
        conn = Await.result(RedisConnection.connect(vertx, redis.url()));
        // As the service answers: with the project's knowledge base.
        nl.omkijken.engine.Knowledge knowledge = new nl.omkijken.knowledge.KnowledgeAnswers(new nl.omkijken.knowledge.KnowledgeIndex(
                nl.omkijken.knowledge.KnowledgeBase.read(java.nio.file.Path.of("dialogs"))), "https://omkijken.example.nl");
        TurnRunner runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared(), knowledge), new RedisConversationStore(conn), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"),
                new SimpleMeterRegistry(), new Pseudonym("corpus-test-key-0123456789".getBytes()));
        corpus = new CorpusRun(runner, ProjectDialogs.shared(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        Await.result(conn.close());
        Await.result(vertx.close());
        redis.stop();
    }

    @Test
    void everyRuleOfTheCorpusHolds() throws Exception {
        CorpusRun.Report report = Await.result(corpus.run(ConversationCorpus.read(Path.of("conversations"))));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "conversation-report.txt"), report.render());
        assertTrue(report.played().size() >= 20, "the corpus: " + report.played().size());
        assertEquals(List.of(), report.failures(), report.render());
    }

    @Test
    void aBrokenRuleIsReportedWithItsTurn() throws Exception {
        ConversationCorpus.Conversation c = ConversationCorpus.conversation("made_up.yaml", new ObjectMapper(new YAMLFactory()).readTree("""
                line: luisterlijn
                turns:
                  - user: "hoi"
                    expect: {says: ["iets dat er niet staat"], handoff: true, restart: false}
                """));
        CorpusRun.Report report = Await.result(corpus.run(new ConversationCorpus(List.of(c))));
        assertEquals(List.of("made_up.yaml: turn 1: does not say \"iets dat er niet staat\"",
                "made_up.yaml: turn 1: starts over with the welcome", "made_up.yaml: turn 1: no request for a person is open"),
                report.failures());
        assertTrue(report.render().contains("  > hoi") && report.render().contains("  < Hoi"), report.render());
    }

    @Test
    void aPendingConversationThatPassesMustLoseItsMark() throws Exception {
        ConversationCorpus.Conversation c = ConversationCorpus.conversation("closed_gap.yaml", new ObjectMapper(new YAMLFactory()).readTree("""
                line: luisterlijn
                pending: "a gap that was closed"
                turns:
                  - user: "hoi"
                    expect: {restart: true}
                """));
        CorpusRun.Report report = Await.result(corpus.run(new ConversationCorpus(List.of(c))));
        assertEquals(List.of("closed_gap.yaml: passes now; remove its pending: line"), report.failures());
    }

    @Test
    void aCorpusFileWithAMistakeSaysWhere() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ConversationCorpus.Invalid e = assertThrows(ConversationCorpus.Invalid.class, () -> ConversationCorpus.conversation("x.yaml",
                yaml.readTree("line: helpdesk\nturns:\n  - user: hoi\n    expect: {sayz: [a]}\n")));
        assertTrue(e.getMessage().startsWith("x.yaml: turn 1 expect has an unknown key 'sayz'"), e.getMessage());
        assertThrows(ConversationCorpus.Invalid.class, () -> ConversationCorpus.conversation("y.yaml", yaml.readTree("turns: []")));
    }
}
