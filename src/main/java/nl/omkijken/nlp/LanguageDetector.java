package nl.omkijken.nlp;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Dutch or English, per message. Short texts ("ok", "ja hoor", "thx") fool any character model,
 * so common words decide first; only texts the word lists cannot settle go to OpenNLP's
 * langdetect model (103 languages, of which only Dutch and English are compared).
 * When nothing decides, the conversation's current language stays.
 * <p>Thread-safe: the OpenNLP detector keeps no state between calls.
 */
public final class LanguageDetector {
    public static final String DUTCH = "nl";
    public static final String ENGLISH = "en";
    private static final String MODEL_RESOURCE = "/langdetect-183.bin";
    private static final int MODEL_MIN_CHARS = 12;
    /** Languages close enough to ours that their guess says "Dutch or English" (Afrikaans, Frisian, Scots ...). */
    private static final Set<String> OURS_OR_ALIKE = Set.of("nld", "eng", "afr", "fry", "lim", "nds", "vls", "zea", "sco", "ltz", "deu");
    static final int OTHER_MIN_WORDS = 3;
    static final int OTHER_MIN_CHARS = 15;
    /**
     * How much likelier than Dutch and English the model must find another language. Its confidences are
     * spread over 103 languages (a few percent each), so the ratio says more than the value: Spanish,
     * Turkish, Polish, French and Portuguese help requests came out 2.0-4.6 times likelier, a Moroccan
     * name 1.4 (docs/ARCHITECTURE.md, language).
     */
    static final double OTHER_MIN_RATIO = 1.8;

    private static final Set<String> NL = Set.of(
            "ik", "je", "jij", "jou", "jouw", "u", "uw", "de", "het", "een", "en", "niet", "wel", "met", "van", "voor",
            "op", "aan", "maar", "mijn", "mn", "mij", "wil", "wilt", "kan", "kunt", "kunnen", "graag", "ja", "jawel",
            "nee", "neen", "hoi", "hallo", "hoor", "dank", "bedankt", "dankjewel", "dankuwel", "goed", "prima",
            "niks", "niets", "geen", "wat", "hoe", "waar", "wanneer", "waarom", "ook", "nog", "heb", "hebben",
            "ben", "bent", "zijn", "er", "dat", "die", "dit", "deze", "om", "te", "naar", "bij", "uit", "even", "ff",
            "idd", "wss", "mss", "ajb", "aub", "doei", "dag", "groetjes", "alsjeblieft", "alstublieft", "morgen",
            "vandaag", "gaat", "gaan", "zo", "al", "als", "ons", "onze", "wij", "jullie", "zou", "zouden", "moet",
            "moeten", "weet", "heel", "erg", "veel", "beetje", "iemand", "iets", "alles", "mee", "over", "stichting",
            "subsidie", "vrijwilliger", "vrijwilligers", "afspraak", "bellen", "terugbellen", "eenzaam", "alleen",
            "oke", "klopt", "tot", "ziens", "goedemorgen", "goedemiddag", "goedenavond", "welterusten", "hulp",
            "helpen", "praten", "mag", "zit", "voel", "nou", "toch", "echt", "gewoon", "hij", "zij", "ze");
    private static final Set<String> EN = Set.of(
            "i", "im", "you", "your", "youre", "the", "a", "an", "and", "not", "with", "of", "for", "on", "to", "but",
            "my", "want", "wanna", "can", "could", "would", "please", "pls", "plz", "yes", "yeah", "yep", "no",
            "nope", "hi", "hello", "hey", "thanks", "thank", "thx", "good", "fine", "nothing", "what", "how",
            "where", "when", "why", "also", "still", "have", "has", "am", "are", "it", "its", "that", "this",
            "these", "from", "at", "just", "bye", "goodbye", "tomorrow", "today", "dont", "cant", "wont", "is",
            "feel", "talk", "call", "back", "someone", "something", "everything", "help", "need", "we", "our",
            "they", "them", "do", "does", "did", "be", "been", "will", "should", "about", "very", "really",
            "foundation", "funding", "grant", "volunteer", "volunteers", "appointment", "lonely", "alone",
            "morning", "evening", "afternoon", "night", "see", "later", "sure", "okay", "great", "well", "there",
            "here", "much", "all", "any", "some", "like", "know", "get", "got", "go", "going", "speak", "person");

    private final LanguageDetectorME model;

    public LanguageDetector(LanguageDetectorModel model) {
        this.model = new LanguageDetectorME(model);
    }

    /** Loads the langdetect model shipped in {@code opennlp-models-langdetect}. */
    public static LanguageDetector fromClasspath() {
        try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) throw new NluDataException("language model " + MODEL_RESOURCE + " missing from the class path (opennlp-models-langdetect)");
            return new LanguageDetector(new LanguageDetectorModel(in));
        } catch (IOException e) {
            throw new NluDataException("language model unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * @param folded the message folded by {@link TextFolding#fold}
     * @param current the conversation's language so far ("nl", "en" or null)
     * @return "nl" or "en", or the ISO 639-3 code of another language the message is clearly written in
     */
    public String detect(String folded, String current) {
        String fallback = ENGLISH.equals(current) ? ENGLISH : DUTCH;
        if (folded == null || folded.isEmpty()) return fallback;
        String[] tokens = TextFolding.tokens(folded);
        int nl = 0, en = 0;
        for (String t : tokens) {
            if (NL.contains(t)) nl++;
            if (EN.contains(t)) en++;
        }
        // Few of our common words ("de" and "no" are Spanish too): perhaps another language altogether.
        String other = (nl + en) * 4 <= tokens.length ? other(folded, tokens.length) : null;
        if (other != null) return other;
        if (nl != en && (tokens.length <= 4 || Math.max(nl, en) >= 2 * Math.min(nl, en) + 1)) {
            return nl > en ? DUTCH : ENGLISH;
        }
        if (folded.length() >= MODEL_MIN_CHARS && TextFolding.hasLetters(folded)) {
            String byModel = byModel(folded);
            if (byModel != null) return byModel;
        }
        if (nl != en) return nl > en ? DUTCH : ENGLISH;
        return fallback;
    }

    /**
     * A language we do not speak (its ISO 639-3 code, e.g. "spa", "tur", "ara"), or null. Only for a message
     * with hardly any common Dutch or English words (at most one in four): another script (Arabic, Cyrillic, ...) whatever its
     * length; Latin letters only for a few words the model finds far likelier in another language than
     * in Dutch or English, so a name, an address or a typo is not taken for Spanish. German counts as
     * ours: the model takes plain Dutch for German too often to answer it in two foreign languages.
     */
    private String other(String folded, int tokens) {
        boolean latin = mostlyLatin(folded);
        if (latin && (tokens < OTHER_MIN_WORDS || folded.length() < OTHER_MIN_CHARS)) return null;
        if (!TextFolding.hasLetters(folded)) return null;
        Language[] all = model.predictLanguages(folded);
        if (all.length == 0 || OURS_OR_ALIKE.contains(all[0].getLang())) return null;
        double ours = 0;
        for (Language l : all) if (l.getLang().equals("nld") || l.getLang().equals("eng")) ours = Math.max(ours, l.getConfidence());
        if (latin && all[0].getConfidence() < OTHER_MIN_RATIO * ours) return null;
        return all[0].getLang();
    }

    private static boolean mostlyLatin(String folded) {
        int letters = 0, latin = 0;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) latin++;
        }
        return letters == 0 || latin * 2 > letters;
    }

    // Dutch against English only: summing related languages (Afrikaans, Limburgish) would let
    // their look-alike n-grams outvote plain English.
    private String byModel(String folded) {
        double pNl = 0, pEn = 0;
        for (Language l : model.predictLanguages(folded)) {
            if (l.getLang().equals("nld")) pNl = l.getConfidence();
            else if (l.getLang().equals("eng")) pEn = l.getConfidence();
        }
        if (pNl == pEn) return null;
        return pNl > pEn ? DUTCH : ENGLISH;
    }
}
