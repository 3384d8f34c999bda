package nl.omkijken.nlp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageDetectorTest {
    private static final LanguageDetector DETECTOR = LanguageDetector.fromClasspath();

    private static String detect(String text, String current) {
        return DETECTOR.detect(TextFolding.fold(text), current);
    }

    @Test
    void shortMessagesByTheirWords() {
        assertEquals("nl", detect("ja hoor", "en"));
        assertEquals("nl", detect("hallo", null));
        assertEquals("nl", detect("doei", "en"));
        assertEquals("en", detect("thanks", "nl"));
        assertEquals("en", detect("hello", "nl"));
        assertEquals("en", detect("yes please", "nl"));
    }

    @Test
    void sentences() {
        assertEquals("nl", detect("Ik wil graag een afspraak maken met de accounthouder", "en"));
        assertEquals("en", detect("I would like to make an appointment with the advisor", "nl"));
        assertEquals("nl", detect("wij zoeken vrijwilligers voor ons buurthuis in Escamp", "en"));
        assertEquals("en", detect("we are looking for volunteers for our community centre", "nl"));
        assertEquals("nl", detect("mn moeder heeft dementie en ik zorg voor haar", "en"));
    }

    @Test
    void theModelSettlesWhatTheWordListsCannot() {
        assertEquals("nl", detect("Gezellige buurtactiviteiten georganiseerd", "en"));
        assertEquals("en", detect("Volunteering opportunities neighbourhood", "nl"));
    }

    @Test
    void nothingToGoOnKeepsTheConversationLanguage() {
        assertEquals("en", detect("ok", "en"));
        assertEquals("nl", detect("ok", "nl"));
        assertEquals("nl", detect("😀", null));
        assertEquals("en", detect("", "en"));
        assertEquals("nl", detect("12345", "fr"));
    }

    @Test
    void aLanguageWeDoNotSpeakIsNamed() {
        assertEquals("spa", detect("Hola, necesito ayuda con mi vecina que está sola", "nl"));
        assertEquals("tur", detect("Merhaba, yardıma ihtiyacım var lütfen", "nl"));
        assertEquals("pol", detect("Dzień dobry, potrzebuję pomocy dla mojej matki", "nl"));
        assertEquals("ara", detect("مرحبا أحتاج إلى مساعدة", "nl"));
        assertEquals("fra", detect("Bonjour, je voudrais parler avec quelqu'un s'il vous plait", "en"));
    }

    @Test
    void namesAddressesAndShortWordsAreNotTakenForAnotherLanguage() {
        assertEquals("nl", detect("Fatima el Amrani", "nl"));
        assertEquals("nl", detect("Stichting Het Anker Moerwijk", "nl"));
        assertEquals("nl", detect("Laan van Meerdervoort 12 Den Haag", "nl"));
        org.junit.jupiter.api.Assertions.assertTrue(java.util.Set.of("nl", "en").contains(detect("Potrzebuję pomocy", "en")),
                "two words: too little to tell another language");
        assertEquals("nl", detect("ik heb geen zin meer in die cursus", "nl"));
        assertEquals("en", detect("I need help for learn dutch language", "nl"));
    }
}
