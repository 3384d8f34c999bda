package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.omkijken.testing.ConsoleClient;
import nl.omkijken.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add-worker: the first admin from the command line, against the service's Redis; never a default password. */
class AddWorkerCommandTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(Path config, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AddWorkerCommand.run(List.of(args), config, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstAdminSignsInWithThePasswordGivenTwice(@TempDir Path data, @TempDir Path dir) throws Exception {
        try (RunningService service = RunningService.start(data)) {
            Path config = dir.resolve("omkijken.yaml");
            Files.writeString(config, "redis_url: " + service.redisUrl() + "\nport: " + service.port() + "\n");
            String pw = "vier woorden als wachtwoord";

            Run differ = run(config, pw + "\n" + pw + "x\n", "--name", "Anna de Vries", "--role", "admin");
            assertEquals(2, differ.exit());
            assertTrue(differ.err().contains("differ"), differ.err());
            Run once = run(config, pw + "\n", "--name", "Anna de Vries", "--role", "admin");
            assertEquals(2, once.exit(), "the password twice, never a default");
            Run common = run(config, "password1234\npassword1234\n", "--name", "Anna de Vries", "--role", "admin");
            assertEquals(2, common.exit());
            assertTrue(common.err().contains("veelgebruikte"), common.err());
            Run noLines = run(config, pw + "\n" + pw + "\n", "--name", "Vera", "--role", "volunteer");
            assertEquals(2, noLines.exit(), "a volunteer needs the lines they serve");
            Run badRole = run(config, pw + "\n" + pw + "\n", "--name", "Vera", "--role", "boss");
            assertEquals(2, badRole.exit());

            Run ok = run(config, pw + "\n" + pw + "\n", "--name", "Anna de Vries", "--role", "admin");
            assertEquals(0, ok.exit(), ok.err());
            assertTrue(ok.out().contains("Anna de Vries") && ok.out().contains("/console/"), ok.out());
            Run again = run(config, pw + "\n" + pw + "\n", "--name", "anna de vries", "--role", "staff", "--lines", "helpdesk");
            assertEquals(1, again.exit());
            assertTrue(again.err().contains("already"), again.err());

            ConsoleClient anna = new ConsoleClient(service.base());
            assertEquals(200, anna.signIn("Anna de Vries", pw).statusCode());

            // A stadsdeel's account holder: a part queue of routing.yaml, two at once, Dutch and English.
            Run unknown = run(config, pw + "\n" + pw + "\n", "--name", "Eva", "--role", "staff", "--lines", "helpdesk:nergens");
            assertEquals(2, unknown.exit());
            assertTrue(unknown.err().contains("helpdesk:escamp"), "the queues there are: " + unknown.err());
            assertEquals(2, run(config, pw + "\n" + pw + "\n", "--name", "Eva", "--role", "staff", "--lines", "helpdesk",
                    "--capacity", "11").exit());
            assertEquals(2, run(config, pw + "\n" + pw + "\n", "--name", "Eva", "--role", "staff", "--lines", "helpdesk",
                    "--languages", "fr").exit());
            Run eva = run(config, pw + "\n" + pw + "\n", "--name", "Eva Escamp", "--role", "staff", "--lines", "helpdesk:escamp",
                    "--capacity", "2", "--languages", "nl,en");
            assertEquals(0, eva.exit(), eva.err());
            io.vertx.core.json.JsonObject workers = new io.vertx.core.json.JsonObject(anna.get("/console/api/workers").body());
            io.vertx.core.json.JsonObject saved = workers.getJsonArray("workers").stream().map(o -> (io.vertx.core.json.JsonObject) o)
                    .filter(w -> w.getString("name").equals("Eva Escamp")).findFirst().orElseThrow();
            assertEquals(2, saved.getInteger("capacity"));
            assertEquals(List.of("helpdesk:escamp"), saved.getJsonArray("lines").getList());
            assertTrue(saved.getJsonArray("languages").getList().contains("en"));
        }
    }
}
