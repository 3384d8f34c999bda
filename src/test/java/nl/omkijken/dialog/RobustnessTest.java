package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever is in the folder, loading reports errors and never throws. */
class RobustnessTest {
    private static final String INTAKE = "luisterlijn/intake.yaml";

    @TempDir
    Path tmp;

    private int folders;

    private Path folder() { return TestFolders.copyOfValid(tmp.resolve("d" + (folders++))); }

    private static LoadResult loadWith(Path dir, String file, byte[] content) {
        TestFolders.write(dir, file, content);
        return DialogLoader.load(dir);
    }

    private static void assertOnly(LoadResult r, ErrorCode code, String file) {
        assertNull(r.dialogSet());
        assertEquals(List.of(code.code()), TestFolders.codes(r), () -> r.errors().toString());
        assertTrue(r.errors().stream().allMatch(e -> e.file().equals(file)), () -> r.errors().toString());
    }

    @Test
    void anEmptyDialogFileIsMissingItsKeys() {
        assertOnly(loadWith(folder(), "extra.yaml", new byte[0]), ErrorCode.MISSING_KEY, "extra.yaml");
    }

    @Test
    void aFileWithOnlyACommentIsEmpty() {
        assertOnly(loadWith(folder(), "extra.yaml", "# nothing yet\n".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.MISSING_KEY, "extra.yaml");
    }

    @Test
    void aYamlListIsNotADialog() {
        LoadResult r = loadWith(folder(), "extra.yaml", "- say: hi\n- next: x\n".getBytes(StandardCharsets.UTF_8));
        assertOnly(r, ErrorCode.INVALID_VALUE, "extra.yaml");
        assertTrue(r.errors().get(0).message().contains("a list"), r.errors().get(0).message());
    }

    @Test
    void aScalarIsNotADialog() {
        assertOnly(loadWith(folder(), "extra.yaml", "hello\n".getBytes(StandardCharsets.UTF_8)),
                ErrorCode.INVALID_VALUE, "extra.yaml");
    }

    @Test
    void binaryGarbageIsASyntaxError() {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        assertOnly(loadWith(folder(), "extra.yaml", garbage), ErrorCode.YAML_SYNTAX, "extra.yaml");
    }

    @Test
    void controlCharactersAreASyntaxErrorWithAPlace() {
        LoadResult r = loadWith(folder(), "extra.yaml", "id: x\u0007\n".getBytes(StandardCharsets.UTF_8));
        assertOnly(r, ErrorCode.YAML_SYNTAX, "extra.yaml");
        assertTrue(r.errors().get(0).message().matches("line \\d+:\\d+: .*"), r.errors().get(0).message());
    }

    @Test
    void latin1TextIsNotUtf8() {
        LoadResult r = loadWith(folder(), "extra.yaml", "id: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertOnly(r, ErrorCode.YAML_SYNTAX, "extra.yaml");
        assertTrue(r.errors().get(0).message().contains("UTF-8"));
    }

    @Test
    void aOneMegabyteFileIsReadWithoutThrowing() {
        StringBuilder big = new StringBuilder("id: big\nstart: s0\nsteps:\n");
        int i = 0;
        while (big.length() < 1024 * 1024) {
            big.append("  s").append(i).append(":\n    say: {nl: \"Regel ").append(i).append("\", en: \"Line ").append(i)
                    .append("\"}\n    next: s").append(i + 1).append('\n');
            i++;
        }
        big.append("  s").append(i).append(":\n    end: completed\n");
        int steps = i + 1;
        LoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> loadWith(folder(), "big.yaml", big.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), r.errors());
        assertEquals(steps, r.dialogSet().dialog("big").steps().size());
    }

    @Test
    void aOneMegabyteGarbageTextIsASyntaxError() {
        byte[] text = "[{: ".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
        LoadResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> loadWith(folder(), "big.yaml", text));
        assertOnly(r, ErrorCode.YAML_SYNTAX, "big.yaml");
    }

    @Test
    void aFileOverTheSizeLimitIsNotParsed() {
        byte[] huge = new byte[(int) DialogLoader.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        LoadResult r = loadWith(folder(), "huge.yaml", huge);
        assertOnly(r, ErrorCode.YAML_SYNTAX, "huge.yaml");
        assertTrue(r.errors().get(0).message().contains("KB"));
    }

    @Test
    void deepNestingIsASyntaxErrorNotAStackOverflow() {
        byte[] deep = ("a: " + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        assertOnly(loadWith(folder(), "deep.yaml", deep), ErrorCode.YAML_SYNTAX, "deep.yaml");
        byte[] deepMaps = ("a: " + "{b: ".repeat(200) + "c" + "}".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8);
        assertOnly(loadWith(folder(), "deep.yaml", deepMaps), ErrorCode.YAML_SYNTAX, "deep.yaml");
    }

    @Test
    void aliasesAreRefused() {
        Path dir = folder();
        TestFolders.replace(dir, INTAKE, "  klaar:\n    end: completed\n", "  klaar: &k\n    end: completed\n");
        TestFolders.replace(dir, INTAKE, "    next: klaar\n", "    next: *k\n");
        LoadResult r = DialogLoader.load(dir);
        assertOnly(r, ErrorCode.YAML_SYNTAX, INTAKE);
        assertTrue(r.errors().get(0).message().contains("alias"), r.errors().get(0).message());
    }

    @Test
    void twoDocumentsInOneFileAreRefused() {
        Path dir = folder();
        String intake = TestFolders.read(dir, INTAKE);
        TestFolders.write(dir, INTAKE, intake + "---\nid: second\n");
        assertOnly(DialogLoader.load(dir), ErrorCode.YAML_SYNTAX, INTAKE);
    }

    @Test
    void aMissingInterruptsFileIsReported() {
        Path dir = folder();
        assertTrue(dir.resolve("interrupts.yaml").toFile().delete());
        assertOnly(DialogLoader.load(dir), ErrorCode.MISSING_KEY, "interrupts.yaml");
    }

    @Test
    void anEmptyFolderIsReportedNotThrown() {
        LoadResult r = DialogLoader.load(tmp);
        assertNull(r.dialogSet());
        assertFalse(r.errors().isEmpty());
    }

    @Test
    void aFolderThatDoesNotExistIsAnError() {
        LoadResult r = DialogLoader.load(tmp.resolve("absent"));
        assertNull(r.dialogSet());
        assertEquals(1, r.errors().size());
    }

    /**
     * Every line of every file deleted, or its value replaced by odd shapes, one at a time: the loader must
     * report, never throw. This walks many half-broken folders a person could write while editing.
     */
    @Test
    void everySingleLineBreakageIsReportedNotThrown() {
        List<String> files = List.of("interrupts.yaml", "shared/crisis.yaml", "shared/human.yaml", INTAKE,
                "nlu/intents/stop.yaml");
        List<String> odd = List.of("", "[]", "{}", "~", "\"\"", "-1", "[a, [b]]", "{a: {b: c}}", "{nl: x}");
        int broken = 0;
        for (String file : files) {
            Path dir = folder();
            String original = TestFolders.read(dir, file);
            List<String> lines = original.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                List<String> variants = new java.util.ArrayList<>();
                variants.add(join(lines, i, null));
                int colon = lines.get(i).indexOf(':');
                if (colon > 0) for (String v : odd) variants.add(join(lines, i, lines.get(i).substring(0, colon + 1) + " " + v));
                for (String v : variants) {
                    TestFolders.write(dir, file, v);
                    LoadResult r = DialogLoader.load(dir);
                    assertEquals(r.errors().isEmpty(), r.dialogSet() != null);
                    for (DialogError e : r.errors()) assertFalse(e.message().isBlank());
                    if (!r.ok()) broken++;
                }
            }
            TestFolders.write(dir, file, original);
        }
        assertTrue(broken > 100, "most changes break the folder: " + broken);
    }

    private static String join(List<String> lines, int replace, String with) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = i == replace ? with : lines.get(i);
            if (line != null) b.append(line).append('\n');
        }
        return b.toString();
    }
}
