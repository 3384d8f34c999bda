package nl.omkijken.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.omkijken.engine.Normalizer;
import nl.omkijken.engine.Referrals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** referrals.yaml: read from the project's dialogs, and every mistake in it named with its place. */
class ReferralsReaderTest {
    @Test
    void theProjectsReferralsAreReadWithTheirMunicipalities() {
        LoadResult r = DialogLoader.load(Path.of("dialogs"));
        assertEquals(java.util.List.of(), r.errors());
        Referrals refs = r.dialogSet().referrals();
        assertEquals("den_haag", refs.municipalityOf().get("helpdesk"));
        Referrals.Referral debts = refs.referralFor(Normalizer.fold("We hebben schulden bij de energieleverancier"));
        assertNotNull(debts);
        assertTrue(debts.textFor("den_haag").in("nl").contains("14 070"));
        assertTrue(debts.textFor("heemstede").in("nl").contains("geldfit.nl"), "a municipality without its own text: the default");
        assertEquals(null, refs.referralFor(Normalizer.fold("het is mijn schuld dat ze weg is")), "not every 'schuld' is a debt");
        assertEquals("praktijkondersteuner", refs.referredBy(Normalizer.fold("my GP's nurse told me to contact you")).id());
        assertEquals("huisarts", refs.referredBy(Normalizer.fold("De huisarts heeft me doorverwezen")).id());
        assertEquals(null, refs.referredBy(Normalizer.fold("de dokter zei dat ik moet rusten")));
    }

    @Test
    void mistakesAreNamedWithTheirPlace(@TempDir Path dir) throws IOException {
        TestFolders.copy(Path.of("dialogs"), dir);
        Files.writeString(dir.resolve("referrals.yaml"), """
                municipalities: {nergens: den_haag, helpdesk: "Den Haag"}
                referrals:
                  - id: schulden
                    keywords: [schulden]
                    say:
                      den_haag: {nl: "Bel 14 070."}
                  - id: schulden
                    say: {default: {nl: "a", en: "b"}}
                referred_in:
                  phrases: ["verwees me"]
                  sources: {huisarts: {keywords: [huisarts], name: {nl: "de huisarts", en: "your GP"}}}
                  say: {nl: "Fijn.", en: "Good."}
                """);
        LoadResult r = DialogLoader.load(dir);
        String all = r.errors().toString();
        for (String expected : new String[] {"there is no line 'nergens'", "municipalities.helpdesk", "has no en text", "default",
                "'schulden' is written twice", "keywords", "write {source} in both texts"}) {
            assertTrue(all.contains(expected), expected + " not in " + all);
        }
    }
}
