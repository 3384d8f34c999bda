package nl.omkijken.nlp;

import nl.omkijken.engine.Understanding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenNlpUnderstanderTest {
    private final OpenNlpUnderstander u = SharedUnderstander.get();

    private void assertOutOfScope(String text) {
        Understanding r = u.understand(text, "nl");
        assertEquals(Understanding.OUT_OF_SCOPE, r.intent(), "for " + (text == null ? "null" : text.substring(0, Math.min(40, text.length()))));
        assertFalse(r.crisis());
        assertTrue(r.language().equals("nl") || r.language().equals("en"));
    }

    @Test
    void badInputIsOutOfScopeNeverAnException() {
        assertOutOfScope(null);
        assertOutOfScope("");
        assertOutOfScope("   \n\t ");
        assertOutOfScope("😀😀😀🙏");
        assertOutOfScope("bla ".repeat(2500));
        assertOutOfScope("x".repeat(10_000));
        assertOutOfScope("<script>alert('x')</script>");
        assertOutOfScope("<img src=x onerror=alert(1)>");
        // Other scripts: no intent of ours, and a language we do not speak (the person hears which we do).
        Understanding scripts = u.understand("привет как дела 你好 مرحبا", "nl");
        assertEquals(Understanding.OUT_OF_SCOPE, scripts.intent());
        assertFalse(scripts.language().equals("nl") || scripts.language().equals("en"), scripts.language());
        assertOutOfScope("\u0000\u0001\u0002\uFFFD\uFFFD binary \u0003\u0004\u0005\u0006\u0007\u0008");
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[200 + random.nextInt(2000)];
            random.nextBytes(bytes);
            assertOutOfScope(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void crisisWordsWinInsideBadInputToo() {
        assertTrue(u.understand("<b>ik wil dood</b>", null).crisis());
        assertTrue(u.understand("привет 你好 ik wil niet meer leven", null).crisis());
        assertTrue(u.understand("bla ".repeat(2500) + " ik wil zelfmoord plegen", null).crisis());
        assertTrue(u.understand("😢😢 ik wil dood 😢", null).crisis());
    }

    /**
     * The kind of a crisis chooses its help: acute danger alone gets 112 first (its own dialog); when anything
     * else is in the message too (wanting to die), the shared crisis dialog with 113 as well. An overdose taken is
     * its own kind whatever else is said (112 first, then 113).
     */
    @Test
    void acuteDangerIsItsKindOnlyWhenNothingElseIsThere() {
        assertEquals("acute_danger", u.understand("ik ben gevallen in de badkamer en kom niet overeind", null).crisisKind());
        assertEquals("acute_danger", u.understand("mijn man ligt op de grond en reageert niet", null).crisisKind());
        assertEquals("acute_danger", u.understand("i fell and i cant get up", null).crisisKind());
        assertEquals("suicidal_thoughts", u.understand("ik lig op de grond en ik wil dood", null).crisisKind());
        assertEquals("overdose_taken", u.understand("bel 112, ik heb al mijn pillen tegelijk geslikt", null).crisisKind(),
                "an overdose taken has its own help: 112 first, 113 after");
        assertEquals("overdose_taken", u.understand("ik wil niet meer leven en heb net al mijn slaappillen genomen", null).crisisKind());
        assertEquals(null, u.understand("alles goed hoor", null).crisisKind());
        assertEquals("domestic_violence", u.understand("hij slaat me als hij gedronken heeft", null).crisisKind());
        assertEquals("domestic_violence", u.understand("my husband hits me", null).crisisKind());
        assertEquals("suicidal_thoughts", u.understand("hij slaat me en ik wil niet meer leven", null).crisisKind(),
                "violence and suicidal words: the crisis dialog, which gives 113 and 112");
    }

    @Test
    void crisisAlwaysBecomesTheIntent() {
        Understanding r = u.understand("hallo, ik wil een afspraak maar eigenlijk wil ik er niet meer zijn", null);
        assertEquals("crisis", r.intent());
        assertTrue(r.crisis());
        assertEquals(1.0, r.confidence());
    }

    @Test
    void everydayMessages() {
        assertEquals("checkin_ok", u.understand("ja hoor, prima, alles goed", null).intent());
        assertEquals("yes", u.understand("ja hoor, prima", null).entities().get("yes_no"));
        assertEquals("checkin_not_ok", u.understand("ik voel me vandaag niet zo goed", null).intent());
        assertEquals("found_foundation", u.understand("hoe richt ik een stichting op?", null).intent());
        assertEquals("subsidy_funding", u.understand("wij zoeken subsidie voor ons buurtfeest in Laak", null).intent());
        assertEquals("Laak", u.understand("wij zoeken subsidie voor ons buurtfeest in Laak", null).entities().get("stadsdeel"));
        assertEquals("en", u.understand("I feel so lonely tonight", "nl").language());
        assertEquals("want_to_talk", u.understand("I feel so lonely tonight", "nl").intent());
        Understanding booking = u.understand("kan ik dinsdagmiddag om 3 uur langskomen voor een afspraak", "nl");
        assertEquals("book_appointment", booking.intent());
        assertEquals("2026-03-17", booking.entities().get("date"));
        assertEquals("15:00", booking.entities().get("time"));
    }

    @Test
    void theThresholdDecidesWhatIsOutOfScope() {
        OpenNlpUnderstander strict = new OpenNlpUnderstander(modelOf(u), SharedUnderstander.risk(),
                new EntityExtractor(SharedUnderstander.CLOCK), LanguageDetector.fromClasspath(), 1.0);
        Understanding r = strict.understand("wat voor subsidie is er voor vrijwilligers", null);
        assertEquals(Understanding.OUT_OF_SCOPE, r.intent());
        assertTrue(r.confidence() > 0, "the model's confidence is still reported");
        assertTrue(strict.understand("ik wil dood", null).crisis(), "the threshold never hides a crisis");
        assertThrows(IllegalArgumentException.class, () -> new OpenNlpUnderstander(modelOf(u), null, null, null, 1.5));
    }

    @Test
    void manyThreadsGetTheSameAnswersAsOne() throws Exception {
        List<String> messages = new ArrayList<>(CrisisDetectorTest.CRISIS);
        messages.addAll(CrisisDetectorTest.NOT_CRISIS);
        List<Understanding> expected = new ArrayList<>();
        for (String m : messages) expected.add(u.understand(m, null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int offset = t;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < messages.size(); i++) {
                            int k = (i + offset * 7 + round) % messages.size();
                            if (!u.understand(messages.get(k), null).equals(expected.get(k))) return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static IntentModel modelOf(OpenNlpUnderstander understander) {
        return IntentModelTest.sharedModel();
    }
}
