package nl.omkijken.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the risk model learns from, in {@code dialogs/nlu/risk/}:
 * <ul>
 *   <li>{@code high.yaml}: messages of danger, per kind (suicidal_thoughts, self_harm, acute_danger,
 *   domestic_violence, harm_others), Dutch and English;</li>
 *   <li>{@code possible.yaml}: warning signs that do not say it (hopelessness, being a burden, a goodbye
 *   that may be one): the assistant asks;</li>
 *   <li>{@code none.yaml}: everyday messages that use the same words (idioms, a pet that died, an
 *   organisation's prevention project);</li>
 *   <li>{@code settings.yaml}: thresholds and cue words.</li>
 * </ul>
 * Besides, every intent's training phrases count: the {@code crisis} intent's as danger (of the kind the lexicon
 * names, else suicidal thoughts), all others as none. The lexicon's means and farewell are suicidal
 * thoughts to the model: the help is the same.
 */
public final class RiskData {
    public static final String NONE = "none";
    public static final String POSSIBLE = "possible";
    public static final String HIGH = "high:";
    /** The kinds the model tells apart; the lexicon's finer categories fold into these. */
    public static final Set<String> KINDS = Set.of("suicidal_thoughts", "self_harm", "acute_danger", "domestic_violence", "harm_others");
    /** A key written twice (two nl: lists, a kind twice) is an error, not a list silently dropped. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<Example> examples;
    private final RiskThresholds thresholds;
    private final RiskCues cues;

    RiskData(List<Example> examples, RiskThresholds thresholds, RiskCues cues) {
        this.examples = List.copyOf(examples);
        this.thresholds = thresholds;
        this.cues = cues;
    }

    /** @throws NluDataException naming the file and what is wrong */
    public static RiskData load(Path dialogsDir, NluData intents, CrisisLexicon lexicon) {
        Path dir = dialogsDir.resolve("nlu").resolve("risk");
        if (!Files.isDirectory(dir)) throw new NluDataException("no risk folder: " + dir);
        List<Example> examples = new ArrayList<>();
        JsonNode high = read(dir.resolve("high.yaml"));
        JsonNode kinds = high.path("kinds");
        if (!kinds.isObject() || kinds.isEmpty()) throw new NluDataException(dir.resolve("high.yaml") + ": kinds must map a kind to nl/en lists");
        for (Iterator<Map.Entry<String, JsonNode>> it = kinds.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> k = it.next();
            if (!KINDS.contains(k.getKey())) {
                throw new NluDataException(dir.resolve("high.yaml") + ": unknown kind '" + k.getKey() + "' (one of " + new java.util.TreeSet<>(KINDS) + ")");
            }
            phrases(dir.resolve("high.yaml"), "kinds." + k.getKey(), k.getValue(), HIGH + k.getKey(), examples);
        }
        phrases(dir.resolve("possible.yaml"), "examples", read(dir.resolve("possible.yaml")).path("examples"), POSSIBLE, examples);
        phrases(dir.resolve("none.yaml"), "examples", read(dir.resolve("none.yaml")).path("examples"), NONE, examples);
        // The intents' training split only: their held-out phrases stay unseen by every model (docs/NLU.md).
        for (Example e : intents.forRisk()) {
            if (IntentModel.CRISIS.equals(e.intent())) {
                examples.add(new Example(HIGH + kindOf(lexicon.match(TextFolding.fold(e.text())).category()), e.language(), e.text()));
            } else {
                examples.add(new Example(NONE, e.language(), e.text()));
            }
        }
        Path settingsFile = dir.resolve("settings.yaml");
        JsonNode settings = read(settingsFile);
        RiskThresholds thresholds;
        RiskCues cues;
        try {
            JsonNode t = settings.path("thresholds");
            cues = new RiskCues(cueGroups(settings.path("cues")));
            List<String> evidence = new ArrayList<>();
            JsonNode needs = settings.path("high_needs");
            if (!needs.isMissingNode() && !needs.isArray()) throw new NluDataException("high_needs must be a list of cue groups, e.g. [moment, means]");
            for (JsonNode e : needs) {
                // A group, or two groups that must both be there ("medication+amount": pills alone are a morning's routine).
                String[] both = e.asText().split("\\+", -1);
                if (both.length > 2) throw new NluDataException("high_needs: '" + e.asText() + "' names more than two cue groups");
                if (both.length == 2 && both[0].equals(both[1])) throw new NluDataException("high_needs: '" + e.asText() + "' names one group twice");
                for (String name : both) {
                    if (!cues.names().contains(name)) throw new NluDataException("high_needs: '" + name + "' is not a cue group; one of " + cues.names());
                }
                java.util.Arrays.sort(both);
                evidence.add(String.join("+", both));
            }
            thresholds = new RiskThresholds(number(t, "high"), number(t, "possible"), number(t, "sensitive"), evidence);
        } catch (NluDataException e) {
            throw new NluDataException(settingsFile + ": " + e.getMessage(), e);
        }
        return new RiskData(examples, thresholds, cues);
    }

    /** The model's kind for a lexicon category (or a crisis phrase the lexicon does not know). */
    static String kindOf(String lexiconCategory) {
        if (lexiconCategory == null) return "suicidal_thoughts";
        return KINDS.contains(lexiconCategory) ? lexiconCategory : "suicidal_thoughts";
    }

    public List<Example> examples() { return examples; }

    public RiskThresholds thresholds() { return thresholds; }

    public RiskCues cues() { return cues; }

    /** The same data with other thresholds (tuning). */
    RiskData with(RiskThresholds t) { return new RiskData(examples, t, cues); }

    private static double number(JsonNode t, String name) {
        if (!t.path(name).isNumber()) throw new NluDataException("thresholds." + name + " must be a number");
        return t.path(name).asDouble();
    }

    private static Map<String, List<String>> cueGroups(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) throw new NluDataException("cues must map a name to a list of words");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) throw new NluDataException("cues." + e.getKey() + " must be a list of words");
            List<String> words = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                if (!w.isTextual() || w.asText().isBlank()) throw new NluDataException("cues." + e.getKey() + ": every cue must be text");
                words.add(w.asText());
            }
            out.put(e.getKey(), words);
        }
        return out;
    }

    private static JsonNode read(Path f) {
        try {
            JsonNode root = YAML.readTree(f.toFile());
            if (root == null || !root.isObject()) throw new NluDataException(f + ": expected a map");
            return root;
        } catch (IOException e) {
            throw new NluDataException(f + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void phrases(Path f, String where, JsonNode byLanguage, String label, List<Example> out) {
        if (!byLanguage.isObject() || byLanguage.isEmpty()) throw new NluDataException(f + ": " + where + " must map nl/en to lists");
        for (Iterator<Map.Entry<String, JsonNode>> it = byLanguage.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String lang = e.getKey();
            if (!lang.equals("nl") && !lang.equals("en")) throw new NluDataException(f + ": " + where + ": unknown language '" + lang + "' (nl or en)");
            if (!e.getValue().isArray()) throw new NluDataException(f + ": " + where + "." + lang + " must be a list");
            int i = 0;
            for (JsonNode p : e.getValue()) {
                i++;
                if (!p.isTextual() || p.asText().isBlank()) {
                    throw new NluDataException(f + ": " + where + "." + lang + " item " + i + " is not text (quote yes/no/on/off and numbers)");
                }
                out.add(new Example(label, lang, p.asText()));
            }
        }
    }
}
