package nl.omkijken.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The reviewed crisis word list ({@code dialogs/nlu/crisis-lexicon.yaml}): per category, Dutch and
 * English phrases and regular expressions, all matched on folded text, plus idioms that must not
 * count ("ik ga dood van het lachen"). An idiom only hides its own words: "ik lach me dood maar
 * ik wil echt dood" still matches.
 */
public final class CrisisLexicon {
    /**
     * The crisis category found (null when none) and whether an idiom was hidden. An overdose already taken comes
     * first, whatever else the message says: its dialog gives 112 before 113 ("ik heb al mijn slaappillen genomen,
     * ik wil dood"). Acute danger and domestic violence, whose own dialogs give 112 and Veilig Thuis but not 113,
     * are named only when no suicidal thoughts, self-harm, means or farewell are there too: "ik lig op de grond en
     * ik wil dood" and "hij slaat me en ik wil niet meer leven" are suicidal first (that dialog gives 112 as well).
     */
    /** @param visible the folded text with every known idiom's words masked: what may still speak of a crisis */
    public record Match(String category, boolean excludedIdiom, String visible) {
        public boolean hit() { return category != null; }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_TOKENS = 5000;
    private static final String MASK = "~";

    private final String version;
    private final Set<String> categories;
    private final PhraseIndex phrases;
    private final PhraseIndex exclusions;
    private final CombinedPatterns patterns;
    /** The phrases and patterns of every category but the specific ones: asked only after a specific one was found. */
    private final PhraseIndex otherPhrases;
    private final CombinedPatterns otherPatterns;
    /** The phrases and patterns of the categories that come first: asked whenever another one was found. */
    private final PhraseIndex firstPhrases;
    private final CombinedPatterns firstPatterns;
    public static final String ACUTE_DANGER = "acute_danger";
    public static final String DOMESTIC_VIOLENCE = "domestic_violence";
    /** The categories whose own dialogs do not say 113: named only when no other category is there. */
    static final Set<String> SPECIFIC = Set.of(ACUTE_DANGER, DOMESTIC_VIOLENCE);
    public static final String OVERDOSE_TAKEN = "overdose_taken";
    /** The categories named whatever else is there: an overdose taken needs 112 before anything else. */
    static final Set<String> FIRST = Set.of(OVERDOSE_TAKEN);

    private CrisisLexicon(String version, Set<String> categories, PhraseIndex phrases, PhraseIndex exclusions,
                          CombinedPatterns patterns, PhraseIndex otherPhrases, CombinedPatterns otherPatterns,
                          PhraseIndex firstPhrases, CombinedPatterns firstPatterns) {
        this.version = version;
        this.categories = Set.copyOf(categories);
        this.phrases = phrases;
        this.exclusions = exclusions;
        this.patterns = patterns;
        this.otherPhrases = otherPhrases;
        this.otherPatterns = otherPatterns;
        this.firstPhrases = firstPhrases;
        this.firstPatterns = firstPatterns;
    }

    public static CrisisLexicon load(Path dialogsDir) {
        Path file = dialogsDir.resolve("nlu").resolve("crisis-lexicon.yaml");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new NluDataException(file + ": cannot read the crisis lexicon: " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (NluDataException e) {
            throw new NluDataException(file + ": " + e.getMessage(), e);
        }
    }

    static CrisisLexicon parse(JsonNode root) {
        if (root == null || !root.isObject()) throw new NluDataException("expected a map");
        String version = root.path("version").asText("");
        if (version.isBlank()) throw new NluDataException("a version is required");
        if (!root.path("reviewed").isObject() || root.path("reviewed").path("date").asText("").isBlank()) {
            throw new NluDataException("reviewed.date is required: the list is only used once someone has reviewed it");
        }
        JsonNode cats = root.path("categories");
        if (!cats.isObject() || cats.isEmpty()) throw new NluDataException("categories must not be empty");
        Set<String> categories = new LinkedHashSet<>();
        List<LexiconPhrase> phraseList = new ArrayList<>();
        List<String> patternCategories = new ArrayList<>();
        List<String> patternTexts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cats.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String category = c.getKey();
            categories.add(category);
            for (String lang : List.of("nl", "en")) {
                for (String p : texts(c.getValue().path(lang), category + "." + lang)) phraseList.add(LexiconPhrase.parse(category, p));
            }
            for (String p : texts(c.getValue().path("patterns"), category + ".patterns")) {
                check(category, p);
                patternCategories.add(category);
                patternTexts.add(p);
            }
        }
        // Idioms match exactly: a typo-tolerant idiom could hide a real crisis word.
        List<LexiconPhrase> exclusionList = new ArrayList<>();
        JsonNode ex = root.path("exclusions");
        for (String lang : List.of("nl", "en")) {
            for (String p : texts(ex.path(lang), "exclusions." + lang)) exclusionList.add(LexiconPhrase.parse("exclusion", "=" + p.strip()));
        }
        return new CrisisLexicon(version, categories, new PhraseIndex(phraseList), new PhraseIndex(exclusionList),
                new CombinedPatterns(patternCategories, patternTexts),
                new PhraseIndex(phraseList.stream().filter(p -> !SPECIFIC.contains(p.category())).toList()),
                patternsOf(patternCategories, patternTexts, c -> !SPECIFIC.contains(c)),
                new PhraseIndex(phraseList.stream().filter(p -> FIRST.contains(p.category())).toList()),
                patternsOf(patternCategories, patternTexts, FIRST::contains));
    }

    private static CombinedPatterns patternsOf(List<String> categories, List<String> texts, java.util.function.Predicate<String> keep) {
        List<String> kept = new ArrayList<>();
        List<String> keptTexts = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            if (!keep.test(categories.get(i))) continue;
            kept.add(categories.get(i));
            keptTexts.add(texts.get(i));
        }
        return new CombinedPatterns(kept, keptTexts);
    }

    public String version() { return version; }

    public Set<String> categories() { return categories; }

    /** Looks for crisis words in a text folded by {@link TextFolding#fold}. */
    public Match match(String folded) {
        if (folded == null || folded.isEmpty()) return new Match(null, false, "");
        String[] tokens = folded.split(" ", MAX_TOKENS + 1);
        if (tokens.length > MAX_TOKENS) tokens[MAX_TOKENS] = "";
        boolean[] masked = new boolean[tokens.length];
        boolean anyMasked = false;
        for (int i = 0; i < tokens.length; i++) {
            LexiconPhrase idiom = exclusions.matchAt(tokens, i, null);
            if (idiom != null) {
                for (int k = 0; k < idiom.words().length; k++) masked[i + k] = true;
                anyMasked = true;
            }
        }
        String text = anyMasked ? maskedText(tokens, masked) : folded;
        String category = find(tokens, masked, text, phrases, patterns);
        if (category != null && !FIRST.contains(category)) {
            String first = find(tokens, masked, text, firstPhrases, firstPatterns);
            if (first != null) return new Match(first, anyMasked, text);
        }
        if (category != null && SPECIFIC.contains(category)) {
            String other = find(tokens, masked, text, otherPhrases, otherPatterns);
            if (other != null) category = other;
        }
        return new Match(category, anyMasked, text);
    }

    /** The category of the first phrase found, else of the first pattern; null when none. */
    private static String find(String[] tokens, boolean[] masked, String text, PhraseIndex phrases, CombinedPatterns patterns) {
        for (int i = 0; i < tokens.length; i++) {
            LexiconPhrase hit = phrases.matchAt(tokens, i, masked);
            if (hit != null) return hit.category();
        }
        return patterns.match(text);
    }

    private static String maskedText(String[] tokens, boolean[] masked) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            if (i > 0) b.append(' ');
            b.append(masked[i] ? MASK : tokens[i]);
        }
        return b.toString();
    }

    private static void check(String category, String regex) {
        if (!regex.equals(regex.toLowerCase(java.util.Locale.ROOT))) {
            throw new NluDataException(category + ".patterns: '" + regex + "' must be lower case (text is folded)");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new NluDataException(category + ".patterns: '" + regex + "' is not a valid pattern: " + e.getDescription(), e);
        }
    }

    private static List<String> texts(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) return List.of();
        if (!node.isArray()) throw new NluDataException(where + " must be a list");
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) throw new NluDataException(where + ": every item must be quoted text, got " + n);
            out.add(n.asText());
        }
        return out;
    }

    /**
     * Phrases looked up by their exact first word; stems and single long words that also match
     * with a typo by their first letter.
     */
    private static final class PhraseIndex {
        private final Map<String, List<LexiconPhrase>> byFirstWord = new HashMap<>();
        // Stems and typo-tolerant words by their first letter (typos are only looked for after it).
        private final Map<Character, List<LexiconPhrase>> byFirstLetter = new HashMap<>();

        PhraseIndex(List<LexiconPhrase> all) {
            for (LexiconPhrase p : all) {
                boolean fuzzySingle = p.words().length == 1 && !p.exact() && p.words()[0].length() >= LexiconPhrase.FUZZY_PREFIX_MIN_LENGTH;
                if (p.prefix()[0] || fuzzySingle) {
                    byFirstLetter.computeIfAbsent(p.words()[0].charAt(0), k -> new ArrayList<>()).add(p);
                }
                if (!p.prefix()[0]) byFirstWord.computeIfAbsent(p.words()[0], k -> new ArrayList<>()).add(p);
            }
        }

        LexiconPhrase matchAt(String[] tokens, int i, boolean[] masked) {
            if (tokens[i].isEmpty()) return null;
            List<LexiconPhrase> exact = byFirstWord.get(tokens[i]);
            if (exact != null) {
                for (LexiconPhrase p : exact) if (p.matchesAt(tokens, i, masked)) return p;
            }
            List<LexiconPhrase> near = byFirstLetter.get(tokens[i].charAt(0));
            if (near != null) {
                for (LexiconPhrase p : near) if (p.matchesAt(tokens, i, masked)) return p;
            }
            return null;
        }
    }
}
