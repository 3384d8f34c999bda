package nl.omkijken.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import nl.omkijken.engine.Understanding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crisis detection end to end: idioms never fire, real crisis phrasings (none of them in training) always do. */
class CrisisDetectorTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Written apart from dialogs/nlu; typos, texting, capitals and English on purpose. */
    static final List<String> CRISIS = List.of(
            "ik wil echt dood", "IK WIL DOOD", "ik wil dooooood", "ik wil gwn dood", "wil nie meer leve",
            "ik wil niet meer leven!!!", "zelfmood", "zelfmoordgedachtes heb ik", "ik ben suicidaal",
            "ik zie het echt niet meer zitten", "het leven heeft voor mij geen zin meer", "niemand zal me missen",
            "ik wil mezelf wat aandoen", "ik snij mezelf weer", "ik heb een afscheidsbrief geschreven",
            "vaarwel allemaal", "ik heb alle pillen in 1 keer genomen", "ik wil van het dak springen",
            "mijn man slaat mij", "hij heeft me gewurgd", "ik ben bang voor mijn man",
            "help er staat iemand met een mes voor de deur", "ik krijg geen lucht meer",
            "ik ben gevallen en kom niet meer overeind", "er is brand bij mij in huis",
            "ik ga dood van het lachen, maar eigenlijk wil ik dood", "<b>ik wil dood</b>",
            "I WANT TO DIE", "i want to end it all", "im gonna kill myself", "wanna kms", "thinking of suicide",
            "my boyfriend beats me", "he keeps hitting me", "i'm standing on the tracks", "i have saved up pills",
            "i wrote my goodbye letter", "i can't go on like this", "suicidal thoughts every night",
            "i'm scared my husband will kill me",
            "mijn buurvrouw is gevallen en ligt op de grond", "mijn man ligt op de vloer en reageert niet",
            "hij is bewusteloos", "ze ademt niet meer", "my neighbour is lying on the floor", "my wife is not breathing");

    /** Idioms and ordinary talk that contain crisis-like words. */
    static final List<String> NOT_CRISIS = List.of(
            "ik ga dood van het lachen", "deze aanvraag maakt me gek", "ik ben doodmoe", "ik ben doodop na het sporten",
            "ik lach me dood om die film", "ik verveel me dood", "ik schrok me dood toen de bel ging",
            "dat is financiele zelfmoord voor onze stichting", "ik word gek van dat formulier",
            "ik heb me in mijn vinger gesneden bij het koken", "ik ga ophangen, tot morgen", "ik spring een gat in de lucht",
            "de deadline is morgen", "we wonen in een doodlopende straat", "ik voel me veilig thuis",
            "mijn gegevens zijn misbruikt", "ik heb mijn pillen genomen", "ik kan dinsdag niet, kan het woensdag",
            "i'm dying to know", "you're killing it!", "this cake is to die for", "i was bored to death",
            "we are killing it with our fundraiser", "i can't go on tuesday, is wednesday ok",
            "our farewell party for a volunteer", "i'm dead tired", "ik ben een beetje moe vandaag",
            "mijn man is vorig jaar overleden", "we willen een stichting oprichten",
            "de sleutel ligt op de grond bij de deur", "ik ben vorige week gevallen maar het gaat alweer");

    @Test
    void realCrisisPhrasingsFire() {
        OpenNlpUnderstander u = SharedUnderstander.get();
        for (String text : CRISIS) {
            Understanding r = u.understand(text, null);
            assertTrue(r.crisis(), "must be crisis: " + text);
            assertEquals("crisis", r.intent(), text);
        }
    }

    @Test
    void realCrisisPhrasingsFireOnTheLexiconAlone() {
        CrisisLexicon lexicon = CrisisLexicon.load(SharedUnderstander.DIALOGS);
        for (String text : CRISIS) assertTrue(lexicon.match(TextFolding.fold(text)).hit(), "lexicon must match: " + text);
    }

    @Test
    void idiomsDoNotFire() {
        OpenNlpUnderstander u = SharedUnderstander.get();
        for (String text : NOT_CRISIS) assertFalse(u.understand(text, null).crisis(), "must not be crisis: " + text);
    }

    @Test
    void noExclusionFiresOnItsOwnOrInASentence() throws IOException {
        OpenNlpUnderstander u = SharedUnderstander.get();
        JsonNode root = YAML.readTree(SharedUnderstander.DIALOGS.resolve("nlu/crisis-lexicon.yaml").toFile());
        int checked = 0;
        for (JsonNode lang : root.path("exclusions")) {
            for (JsonNode idiom : lang) {
                String phrase = idiom.asText().replace("*", "");
                assertFalse(u.understand(phrase, null).crisis(), "exclusion fired: " + phrase);
                assertFalse(u.understand("ja, " + phrase + " echt", null).crisis(), "exclusion fired in a sentence: " + phrase);
                checked++;
            }
        }
        assertTrue(checked >= 40, "exclusions checked: " + checked);
    }

    @Test
    void theLexiconIsVersionedReviewedAndCoversEveryCategoryInBothLanguages() throws IOException {
        JsonNode root = YAML.readTree(SharedUnderstander.DIALOGS.resolve("nlu/crisis-lexicon.yaml").toFile());
        assertFalse(root.path("version").asText().isBlank());
        assertFalse(root.path("reviewed").path("date").asText().isBlank());
        assertFalse(root.path("reviewed").path("notes").asText().isBlank());
        Set<String> required = Set.of("suicidal_thoughts", "self_harm", "means", "farewell", "acute_danger", "overdose_taken",
                "domestic_violence");
        assertEquals(required, CrisisLexicon.load(SharedUnderstander.DIALOGS).categories());
        for (String c : required) {
            assertTrue(root.path("categories").path(c).path("nl").size() > 0, c + " nl");
            assertTrue(root.path("categories").path(c).path("en").size() > 0, c + " en");
        }
    }

    @Test
    void oneTypoInALongWordStillMatchesButNotInShortOnes() {
        CrisisLexicon lexicon = CrisisLexicon.load(SharedUnderstander.DIALOGS);
        assertTrue(lexicon.match(TextFolding.fold("zelfmoodr")).hit());
        assertTrue(lexicon.match(TextFolding.fold("ik denk aan zelfdodnig")).hit());
        assertTrue(lexicon.match(TextFolding.fold("overdossis")).hit());
        assertFalse(lexicon.match(TextFolding.fold("ambulante begeleiding")).hit(), "=ambulance is exact only");
        assertFalse(lexicon.match(TextFolding.fold("een beroerde dag")).hit());
    }

    @Test
    void theModelAloneCanRaiseTheLevelButNotOverAnIdiom() {
        RiskAssessor risk = SharedUnderstander.risk();
        RiskAssessor.Verdict plan = risk.judge(TextFolding.fold("morgenavond als iedereen slaapt neem ik de strips allemaal"), true);
        assertEquals(nl.omkijken.engine.RiskLevel.HIGH, plan.level(), plan.toString());
        RiskAssessor.Verdict idiom = risk.judge(TextFolding.fold("ik ga dood van het lachen"), true);
        assertEquals(nl.omkijken.engine.RiskLevel.NONE, idiom.level(), "an idiom's words are hidden from the model: " + idiom);
        assertEquals("lexicon", risk.judge(TextFolding.fold("ik wil dood"), true).source());
        assertEquals("suicidal_thoughts", risk.judge(TextFolding.fold("ik wil dood"), true).kind());
        assertEquals(nl.omkijken.engine.RiskLevel.NONE, risk.judge(TextFolding.fold("qwrtz xkcd"), false).level(), "noise is none");
    }

    @Test
    void medicinesTakenAsEveryDayAreNoCrisisAllOfThemAre() {
        // high_needs: medication+amount. The Telefooncirkel hears "I took my pills" every morning.
        RiskAssessor risk = SharedUnderstander.risk();
        for (String routine : List.of("i took my pills this morning", "ik heb mijn pillen genomen", "ik heb mijn medicijnen ingenomen",
                "yes dear, pills taken and breakfast eaten")) {
            assertEquals(nl.omkijken.engine.RiskLevel.NONE, risk.judge(TextFolding.fold(routine), true).level(), routine);
        }
        for (String all : List.of("i took all my pills", "mijn pillen heb ik gespaard en vanavond neem ik ze",
                "ik heb al mijn medicijnen ingenomen, zeg maar tegen niemand dat het erg was", "ik heb 15 tabletten geslikt")) {
            assertTrue(SharedUnderstander.get().understand(all, null).crisis(), all);
        }
    }

    /**
     * An overdose already taken, the writer's or someone else's, is its own kind (112 first) and wins over suicidal words
     * in the same message; an everyday dose, a dose in milligrams or an idiom is not one.
     */
    @Test
    void anOverdoseTakenComesFirstAndADailyDoseIsNone() {
        CrisisLexicon lexicon = CrisisLexicon.load(SharedUnderstander.DIALOGS);
        for (String taken : List.of("ik heb net al mijn slaappillen genomen", "mijn man heeft een hele strip pillen ingenomen",
                "heb 30 paracetamol genomen vanmiddag, voel nog niks", "ik heb te veel van mijn oxazepam geslikt",
                "ik wil dood, ik heb alle slaappillen in een keer ingenomen", "ze nam een handvol pillen en nu slaapt ze",
                "i took too many pills", "I've taken a whole bottle of Tylenol", "my mum swallowed a handful of sleeping pills",
                "i overdosed last night", "she drank bleach", "Mijn vader heeft twintig van die bloedverdunners ingenomen!",
                "ik heb 8 oxazepam genomen", "ik heb vijftien slaappillen geslikt", "ik heb heel veel pillen geslikt",
                "I took a bunch of pills", "i took a bottle of pills", "i took like 12 sleeping pills", "ik heb te veel ingenomen",
                "I've taken too much", "bel 112, ik heb al mijn pillen tegelijk geslikt")) {
            assertEquals(CrisisLexicon.OVERDOSE_TAKEN, lexicon.match(TextFolding.fold(taken)).category(), taken);
        }
        for (String not : List.of("ik heb mijn pillen genomen", "ja hoor, ik heb al mijn pillen genomen vanochtend",
                "ik heb 20 mg oxazepam genomen zoals de dokter zei", "ik heb te veel hooi op mijn vork genomen",
                "i took 2 paracetamol for my headache", "ik heb te veel pillen op voorraad liggen",
                "the doctor gave me too many pills to take", "ik neem al 20 jaar medicijnen",
                // The daily check-in's answers, a habit, "al" meaning already, denials (a reviewer's cases):
                "Ja hoor, ik heb mijn 12 pillen genomen", "I took my 10 pills this morning", "I've taken all 12 of my pills today, thanks",
                "mijn man slikte twintig pillen per dag voor zijn hart", "ik heb al slaappillen genomen maar ik kan niet slapen",
                "al die slaappillen die ik heb genomen helpen niet", "ik heb gelukkig niet te veel pillen genomen",
                "I have not taken too many pills", "het zijn er te veel pillen, maar ik heb ze netjes genomen",
                "ik heb een hele strip paracetamol gekocht en er twee van genomen", "ik heb mijn ochtendpillen tegelijk genomen",
                "ik heb 2 paracetamol genomen", "I keep thinking about taking an overdose", "overdoses are not in my family")) {
            assertFalse(CrisisLexicon.OVERDOSE_TAKEN.equals(lexicon.match(TextFolding.fold(not)).category()), not);
        }
    }

    @Test
    void highNeedsNamesCueGroupsAloneOrTwoTogether() throws IOException {
        java.nio.file.Path copy = java.nio.file.Files.createTempDirectory("risk-needs");
        java.nio.file.Path from = java.nio.file.Path.of("dialogs");
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path p : walk.toList()) {
                java.nio.file.Path to = copy.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(p, to);
            }
        }
        java.nio.file.Path settings = copy.resolve("nlu/risk/settings.yaml");
        String text = java.nio.file.Files.readString(settings);
        java.nio.file.Files.writeString(settings, text.replace("medication+amount]", "medication+amount+final]"));
        NluDataException more = assertThrows(NluDataException.class, () -> RiskData.load(copy, NluData.load(copy), CrisisLexicon.load(copy)));
        assertTrue(more.getMessage().contains("names more than two cue groups"), more.getMessage());
        java.nio.file.Files.writeString(settings, text.replace("medication+amount]", "medication+amout]"));
        NluDataException typo = assertThrows(NluDataException.class, () -> RiskData.load(copy, NluData.load(copy), CrisisLexicon.load(copy)));
        assertTrue(typo.getMessage().contains("'amout' is not a cue group"), typo.getMessage());
        java.nio.file.Files.writeString(settings, text.replace("medication+amount]", "medication+medication]"));
        NluDataException twice = assertThrows(NluDataException.class, () -> RiskData.load(copy, NluData.load(copy), CrisisLexicon.load(copy)));
        assertTrue(twice.getMessage().contains("names one group twice"), twice.getMessage());
    }

    @Test
    void brokenLexiconFilesAreRefusedWithAReason() throws IOException {
        String ok = "version: 1\nreviewed: {date: '2026-01-01', notes: x}\ncategories:\n  means:\n    nl: [overdosis]\n";
        assertTrue(CrisisLexicon.parse(YAML.readTree(ok)).match("overdosis").hit());
        assertMessage("version: 1\ncategories:\n  means:\n    nl: [x]\n", "reviewed.date");
        assertMessage("reviewed: {date: '2026-01-01'}\ncategories:\n  means:\n    nl: [x]\n", "version");
        assertMessage(ok + "    patterns: ['(unclosed']\n", "not a valid pattern");
        assertMessage(ok + "    patterns: ['Hoofdletter']\n", "lower case");
        assertMessage(ok + "    en: [yes]\n", "quoted text");
    }

    private static void assertMessage(String yaml, String part) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        NluDataException e = assertThrows(NluDataException.class, () -> CrisisLexicon.parse(root));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
