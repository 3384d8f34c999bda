package nl.omkijken.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.dialog.LoadResult;
import nl.omkijken.engine.Engine;
import nl.omkijken.nlp.OpenNlpUnderstander;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.EmbeddedRedis;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;

/**
 * {@code conversations [DIR]}: plays the conversation corpus (default: conversations/) through the
 * configured dialogs and the language model trained from them, on a Redis of its own that is removed
 * afterwards, and prints every transcript and every broken rule. Opening hours are left out: every line
 * is open, so the result does not depend on the hour it runs. Exit code 1 when a rule is broken outside
 * the conversations marked pending, 2 when the corpus or the dialogs cannot be read.
 */
final class CorpusCommand {
    private CorpusCommand() {}

    static int run(List<String> args, Path configFile, PrintStream out, PrintStream err) {
        Path dir = args.isEmpty() ? Path.of("conversations") : Path.of(args.get(0));
        AppConfig config;
        ConversationCorpus corpus;
        try {
            config = ConfigLoader.fromEnvironment(configFile);
            corpus = ConversationCorpus.read(dir);
        } catch (ConfigException | ConversationCorpus.Invalid | IOException e) {
            err.println(e.getMessage());
            return 2;
        }
        LoadResult loaded = DialogLoader.load(config.dialogsDir());
        if (!loaded.errors().isEmpty()) {
            err.println("the dialogs have errors; run check-dialogs first");
            return 2;
        }
        Path data = null;
        EmbeddedRedis redis = null;
        Vertx vertx = Vertx.vertx();
        try {
            data = Files.createTempDirectory("omk-conversations");
            redis = EmbeddedRedis.start(data, 0);
            RedisConnection conn = await(RedisConnection.connect(vertx, redis.url()));
            Clock clock = Clock.systemUTC();
            OpenNlpUnderstander nlu = OpenNlpUnderstander.fromDialogs(config.dialogsDir(), config.modelCacheDir(), clock,
                    config.nluThreshold());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // As the service answers: with the knowledge base (links on an example address).
            nl.omkijken.engine.Knowledge knowledge = new nl.omkijken.knowledge.KnowledgeAnswers(
                    new nl.omkijken.knowledge.KnowledgeIndex(loaded.knowledge()), "https://omkijken.example.nl");
            TurnRunner runner = new TurnRunner(vertx, new Engine(loaded.dialogSet(), knowledge), new RedisConversationStore(conn), nlu, clock,
                    new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), config.defaultLanguage()),
                    new SimpleMeterRegistry(), new Pseudonym(key));
            CorpusRun.Report report = await(new CorpusRun(runner, loaded.dialogSet(), clock).run(corpus));
            out.print(report.render());
            await(conn.close());
            return report.failures().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            err.println("cannot start a Redis for the conversations: " + e.getMessage());
            return 2;
        } finally {
            vertx.close();
            if (redis != null) redis.stop();
            if (data != null) delete(data);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the conversations could not be played: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it up otherwise
        }
    }
}
