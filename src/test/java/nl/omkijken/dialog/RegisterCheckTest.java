package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Dutch text addresses the person as its line does; shared texts in neither way, or with a polite variant. */
class RegisterCheckTest {
    @Test
    void theProjectsDialogsKeepTheirRegisters() {
        assertEquals(List.of(), DialogLoader.load(Path.of("dialogs")).errors());
    }

    @Test
    void aSlipIsNamedWithItsPlace(@TempDir Path dir) throws IOException {
        copy(Path.of("dialogs"), dir);
        Path checkin = dir.resolve("telefooncirkel/checkin.yaml");
        Files.writeString(checkin, Files.readString(checkin).replace("Fijn om te horen! Een goede dag verder", "Fijn dat je het goed hebt! Een goede dag verder"));
        Path crisis = dir.resolve("shared/crisis.yaml");
        Files.writeString(crisis, Files.readString(crisis).replace(
                "      nl_u: \"Wat fijn dat u het zegt. U staat er niet alleen voor.", "      nl_x: \"Wat fijn dat u het zegt. U staat er niet alleen voor."));
        Path intake = dir.resolve("luisterlijn/intake.yaml");
        Files.writeString(intake, Files.readString(intake).replace("Fijn. Hoe mag de vrijwilliger je noemen?", "Fijn. Hoe mag de vrijwilliger u noemen?"));
        Path referrals = dir.resolve("referrals.yaml");
        Files.writeString(referrals, Files.readString(referrals).replace("Vraag ernaar bij de bibliotheek in de buurt.", "Vraag ernaar bij je bibliotheek."));
        String all = DialogLoader.load(dir).errors().toString();
        for (String expected : new String[] {"telefooncirkel_checkin/goed", "says \"je\", but this line says \"u\"",
                "luisterlijn_intake/vraag_naam", "says \"u\", but this line says \"je\"", "crisis/veiligheid",
                "is shared by every line and says \"je\"", "referrals[0].say.default: every line hears this text"}) {
            assertTrue(all.contains(expected), expected + " not in " + all);
        }
        assertTrue(RegisterCheck.has("Kunt u mij bellen?", RegisterCheck.U));
        assertTrue(!RegisterCheck.has("{slots.u} uitgebreid uur", RegisterCheck.U), "words, not letters or placeholders");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
