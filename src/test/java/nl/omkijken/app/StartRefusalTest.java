package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service and the command line refuse what is broken and say how to fix it. */
class StartRefusalTest {
    @TempDir
    Path dir;

    private Path brokenDialogs() throws Exception {
        Path d = dir.resolve("dialogs");
        copy(Path.of("dialogs"), d);
        Path crisis = d.resolve("shared/crisis.yaml");
        Files.writeString(crisis, Files.readString(crisis).replace("0800-0113", "0900-0113"));
        Files.writeString(d.resolve("luisterlijn/broken.yaml"), "id: broken\nstart: a\nsteps:\n  a:\n    say: {nl: \"hoi\"\n");
        return d;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    @Test
    void serveRefusesInvalidDialogsAndSaysWhy() throws Exception {
        Path dialogs = brokenDialogs();
        AppConfig config = ConfigLoader.load(null, Map.of("DIALOGS_DIR", dialogs.toString(),
                "DATA_DIR", dir.resolve("data").toString(), "PORT", "1"));
        var e = assertThrows(OmkijkenService.StartException.class, () -> OmkijkenService.start(config, System.out));
        assertTrue(e.getMessage().contains("HELPLINE_NUMBER"), e.getMessage());
        assertTrue(e.getMessage().contains("YAML_SYNTAX") && e.getMessage().contains("luisterlijn/broken.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("check-dialogs"), "says how to check: " + e.getMessage());
        assertTrue(!Files.exists(dir.resolve("data/redis")), "nothing was started");
    }

    @Test
    void checkDialogsCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int ok = Main.run(new String[] {"check-dialogs", "dialogs"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, ok, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok"));

        out.reset();
        int bad = Main.run(new String[] {"check-dialogs", brokenDialogs().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, bad);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("shared/crisis.yaml") && printed.contains("[HELPLINE_NUMBER]"), printed);
    }

    @Test
    void unknownCommandsAndMissingConfigValues() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"launch"}, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'launch'"));
        assertEquals(2, Main.run(new String[] {"serve", "--config"}, System.out, errStream));
        assertEquals(2, Main.run(new String[] {"serve", "--config", dir.resolve("none.yaml").toString()}, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"));
    }
}
