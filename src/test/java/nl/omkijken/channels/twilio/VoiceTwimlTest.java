package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TwiML the caller hears, as exact documents: the renderer is a pure function. */
class VoiceTwimlTest {
    private static final VoiceSettings VOICE = VoiceSettings.of(List.of("telefooncirkel"), "Google.nl-NL-Wavenet-A",
            "Google.en-GB-Wavenet-A", "90%", Duration.ofSeconds(8));

    @Test
    void aQuestionListensForOneKeyOrSpeechAroundWhatIsSaid() {
        String twiml = VoiceTwiml.render(VoiceTwiml.Answer.in("nl", List.of("Hoe gaat het? Toets 1 als alles goed is.", "Toets 9 om de vraag nog eens te horen."),
                new VoiceTwiml.Listen("nl", "https://x.nl/webhooks/twilio/voice?heard=0", List.of("1", "2"), List.of("Alles goed", "Graag, teruggebeld"))),
                VOICE);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Gather action=\"https://x.nl/webhooks/twilio/voice?heard=0\" actionOnEmptyResult=\"true\""
                + " hints=\"Alles goed, Graag  teruggebeld\" input=\"dtmf speech\" language=\"nl-NL\" method=\"POST\" numDigits=\"1\""
                + " speechTimeout=\"auto\" timeout=\"8\">"
                + "<Say language=\"nl-NL\" voice=\"Google.nl-NL-Wavenet-A\"><prosody rate=\"90%\">Hoe gaat het? Toets 1 als alles goed is.</prosody></Say>"
                + "<Say language=\"nl-NL\" voice=\"Google.nl-NL-Wavenet-A\"><prosody rate=\"90%\">Toets 9 om de vraag nog eens te horen.</prosody></Say>"
                + "</Gather></Response>", twiml);
    }

    @Test
    void anEndSaysItsTextsThenHangsUpAndEscapesWhatItSays() {
        String twiml = VoiceTwiml.render(new VoiceTwiml.Answer(List.of(new nl.omkijken.channels.CallFlow.Spoken("nl", "Tot morgen & <dag>!"),
                new nl.omkijken.channels.CallFlow.Spoken("en", "Call 112.")), null), VOICE);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say language=\"nl-NL\" voice=\"Google.nl-NL-Wavenet-A\"><prosody rate=\"90%\">Tot morgen &amp; &lt;dag&gt;!</prosody></Say>"
                + "<Say language=\"en-GB\" voice=\"Google.en-GB-Wavenet-A\"><prosody rate=\"90%\">Call 1 1 2.</prosody></Say>"
                + "<Hangup/></Response>", twiml);
    }

    @Test
    void answersOfTwoKeysEndWithHashAndEnglishListensInEnglish() {
        String twiml = VoiceTwiml.render(VoiceTwiml.Answer.in("en", List.of("Pick one."),
                new VoiceTwiml.Listen("en", "https://x.nl/v?heard=1", List.of("1", "12"), List.of())), VOICE);
        assertTrue(twiml.contains("finishOnKey=\"#\"") && !twiml.contains("numDigits"), twiml);
        assertTrue(twiml.contains("language=\"en-GB\" method=\"POST\""), twiml);
        assertTrue(!twiml.contains("hints="), "no hints without labels: " + twiml);
    }

    @Test
    void helplineNumbersAreSaidDigitByDigitAndOtherNumbersAreLeftAlone() {
        assertEquals("Bel gratis 0 8 0 0, 0 1 1 3 of 1 1 3. Direct gevaar? Bel 1 1 2.",
                SpokenNumbers.say("Bel gratis 0800-0113 of 113. Direct gevaar? Bel 112."));
        assertEquals("Veilig Thuis: 0 8 0 0, 2 0 0 0.", SpokenNumbers.say("Veilig Thuis: 0800-2000."));
        assertEquals("Bel 0 7 0, 1 2 3 4 5 6 7", SpokenNumbers.say("Bel 070-1234567"));
        assertEquals("zondag 6 december 2026 om 11:30, 1120 euro, 113.5 km, 1130, 115 euro",
                SpokenNumbers.say("zondag 6 december 2026 om 11:30, 1120 euro, 113.5 km, 1130, 115 euro"));
        assertEquals("De Kindertelefoon: 1 1 6, 1 1 1. Zelfmoordpreventie EU: 1 1 6, 1 2 3.",
                SpokenNumbers.say("De Kindertelefoon: 116 111. Zelfmoordpreventie EU: 116 123."));
    }

    @Test
    void aVoiceTwilioDoesNotKnowIsRefusedWithExamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VoiceSettings.of(List.of(), "Google.nl-NL-Robot-Z", "Google.en-GB-Wavenet-A", "90%", Duration.ofSeconds(8)));
        assertTrue(e.getMessage().contains("Google.nl-NL-Wavenet-A"), e.getMessage());
    }
}
