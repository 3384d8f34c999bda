package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One broken example folder per rule: each reports exactly its own code, and the valid folder none. */
class BrokenExamplesTest {

    @Test
    void theValidMinimalFolderHasNoErrors() {
        LoadResult r = DialogLoader.load(TestFolders.valid());
        assertEquals(List.of(), r.errors());
        assertNotNull(r.dialogSet());
        assertEquals(java.util.Set.of("crisis", "human", "luisterlijn_intake"), r.dialogSet().dialogs().keySet());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void eachBrokenExampleReportsExactlyItsCode(ErrorCode code) {
        Path dir = TestFolders.resource("dialogs-broken/" + code.name().toLowerCase(Locale.ROOT));
        LoadResult r = DialogLoader.load(dir);
        assertNull(r.dialogSet(), "a folder with errors gives no dialogs");
        assertFalse(r.errors().isEmpty(), code + " was not reported");
        assertEquals(List.of(code.code()), TestFolders.codes(r), () -> "errors: " + r.errors());
        for (DialogError e : r.errors()) {
            assertNotNull(e.file());
            assertFalse(e.message().isBlank());
            assertTrue(e.toString().contains("[" + code.code() + "]"), e.toString());
        }
    }

    @Test
    void everyBrokenFolderBelongsToARule() throws IOException {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList();
        try (Stream<Path> dirs = Files.list(TestFolders.resource("dialogs-broken"))) {
            assertEquals(codes, dirs.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
