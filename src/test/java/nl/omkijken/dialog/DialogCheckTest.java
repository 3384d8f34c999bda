package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check-dialogs command: what it prints and the exit codes. */
class DialogCheckTest {
    @TempDir
    Path tmp;

    private record Run(int exit, List<String> lines) {}

    private static Run run(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DialogCheck.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aValidFolderPrintsTheSummaryAndExitsZero() {
        Run r = run(TestFolders.valid());
        assertEquals(0, r.exit());
        assertEquals(List.of("3 dialogs, 7 steps: ok"), r.lines());
    }

    @Test
    void aBrokenFolderPrintsEveryErrorOnALineAndExitsOne() {
        Run r = run(TestFolders.resource("dialogs-broken/missing_target"));
        assertEquals(1, r.exit());
        assertEquals(List.of("luisterlijn/intake.yaml: luisterlijn_intake/vraag: [MISSING_TARGET] goto of route 2 names"
                + " 'einde', which is not a step of this dialog; it must be one of bedankt, klaar, naam, vraag",
                "1 error"), r.lines());
    }

    @Test
    void countsSeveralErrors() {
        Path dir = TestFolders.copyOfValid(tmp.resolve("d"));
        TestFolders.replace(dir, "luisterlijn/intake.yaml", "end: completed", "end: done");
        TestFolders.replace(dir, "luisterlijn/intake.yaml", "goto: klaar", "goto: einde");
        Run r = run(dir);
        assertEquals(1, r.exit());
        assertEquals(3, r.lines().size(), r.lines().toString());
        assertTrue(r.lines().get(0).contains("[UNKNOWN_OUTCOME]"), r.lines().get(0));
        assertTrue(r.lines().get(1).contains("[MISSING_TARGET]"), r.lines().get(1));
        assertEquals("2 errors", r.lines().get(2));
    }

    @Test
    void aMissingFolderExitsTwo() {
        Run r = run(tmp.resolve("nothing-here"));
        assertEquals(2, r.exit());
        assertEquals(1, r.lines().size());
        assertTrue(r.lines().get(0).contains("nothing-here"), r.lines().get(0));
    }

    @Test
    void aFileInsteadOfAFolderExitsTwo() {
        TestFolders.write(tmp, "dialogs.yaml", "id: x\n");
        assertEquals(2, run(tmp.resolve("dialogs.yaml")).exit());
    }
}
