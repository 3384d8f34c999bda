package nl.omkijken.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training phrases in {@code dialogs/nlu/intents/*.yaml}, one file per intent:
 * <pre>
 * intent: want_to_talk
 * examples:
 *   nl: [ "ik voel me zo alleen", ... ]
 *   en: [ "i feel so lonely", ... ]
 * </pre>
 * The held-out split is fixed by position: within each intent and language, every fifth phrase
 * (the 5th, 10th, ...) is kept for evaluation and never trained on.
 */
public final class NluData {
    public static final int HOLD_OUT_EVERY = 5;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Example> training;
    private final List<Example> heldOut;
    /** Intents whose file says {@code risk_training: false}: their phrases teach the risk model nothing (see {@link #forRisk}). */
    private final java.util.Set<String> notForRisk;

    private NluData(List<Example> training, List<Example> heldOut, java.util.Set<String> notForRisk) {
        this.training = List.copyOf(training);
        this.heldOut = List.copyOf(heldOut);
        this.notForRisk = java.util.Set.copyOf(notForRisk);
    }

    /** Reads {@code <dialogsDir>/nlu/intents}; throws {@link NluDataException} naming the bad file. */
    public static NluData load(Path dialogsDir) {
        Path dir = dialogsDir.resolve("nlu").resolve("intents");
        if (!Files.isDirectory(dir)) throw new NluDataException("no intent folder: " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new NluDataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new NluDataException("no .yaml files in " + dir);
        List<Example> training = new ArrayList<>();
        List<Example> heldOut = new ArrayList<>();
        java.util.Set<String> notForRisk = new java.util.HashSet<>();
        for (Path f : files) readFile(f, training, heldOut, notForRisk);
        return new NluData(training, heldOut, notForRisk);
    }

    /** Builds a data set from phrases in memory; every phrase is training data. */
    public static NluData of(List<Example> training) {
        return new NluData(training, List.of(), java.util.Set.of());
    }

    /**
     * The training phrases the risk model learns everyday language from: all but those of intents whose file says
     * {@code risk_training: false} ("zijn jullie me vergeten?" asks about a call-back here, and may be a lonely person's
     * warning sign elsewhere: it must not teach the risk model that such words are nothing).
     */
    public List<Example> forRisk() {
        return notForRisk.isEmpty() ? training : training.stream().filter(e -> !notForRisk.contains(e.intent())).toList();
    }

    public List<Example> training() { return training; }

    public List<Example> heldOut() { return heldOut; }

    private static void readFile(Path f, List<Example> training, List<Example> heldOut, java.util.Set<String> notForRisk) {
        JsonNode root;
        try {
            root = YAML.readTree(f.toFile());
        } catch (IOException e) {
            throw new NluDataException(f + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new NluDataException(f + ": expected a map with intent and examples");
        String intent = root.path("intent").asText("");
        if (!intent.matches("[a-z][a-z0-9_]*")) throw new NluDataException(f + ": intent must be [a-z0-9_]+, got '" + intent + "'");
        String expectedFile = intent + ".yaml";
        if (!f.getFileName().toString().equals(expectedFile)) {
            throw new NluDataException(f + ": intent '" + intent + "' belongs in " + expectedFile);
        }
        JsonNode risk = root.path("risk_training");
        if (!risk.isMissingNode() && !risk.isBoolean()) throw new NluDataException(f + ": risk_training must be true or false");
        if (risk.isBoolean() && !risk.asBoolean()) notForRisk.add(intent);
        JsonNode examples = root.path("examples");
        if (!examples.isObject() || examples.isEmpty()) throw new NluDataException(f + ": examples must map a language to a list");
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String lang = e.getKey();
            if (!lang.equals("nl") && !lang.equals("en")) throw new NluDataException(f + ": unknown language '" + lang + "' (nl or en)");
            if (!e.getValue().isArray()) throw new NluDataException(f + ": examples." + lang + " must be a list");
            int i = 0;
            for (JsonNode phrase : e.getValue()) {
                i++;
                // yes/no/on/off unquoted are booleans in YAML: refuse them rather than learn "false".
                if (!phrase.isTextual() || phrase.asText().isBlank()) {
                    throw new NluDataException(f + ": examples." + lang + " item " + i + " is not text (quote yes/no/on/off and numbers)");
                }
                Example ex = new Example(intent, lang, phrase.asText());
                (i % HOLD_OUT_EVERY == 0 ? heldOut : training).add(ex);
            }
        }
    }
}
