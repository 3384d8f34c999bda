package nl.omkijken.nlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cue words that carry risk across wordings (dialogs/nlu/risk/settings.yaml, {@code cues}): who it is
 * about (the writer, someone else), a moment (vanavond, tomorrow), means (pillen, a rope, the railway),
 * finality (meer, anymore, voorgoed), an organisation's voice (project, training, our participants). The
 * risk model sees each cue present, and each pair, as a feature of its own, so "I" with a moment and a
 * means weighs what it weighs whatever the other words are.
 */
public final class RiskCues {
    /** Cue features are tokens starting with this mark; text never does after folding. */
    static final String MARK = "§";

    private final Map<String, List<String[]>> groups;

    /** @param groups cue name to folded words and phrases ("als iedereen slaapt") */
    public RiskCues(Map<String, List<String>> groups) {
        Map<String, List<String[]>> g = new LinkedHashMap<>();
        groups.forEach((name, words) -> {
            if (!name.matches("[a-z][a-z_]*")) throw new NluDataException("cue name must be [a-z_]+, got '" + name + "'");
            List<String[]> parsed = new ArrayList<>();
            for (String w : words) {
                String folded = TextFolding.fold(w);
                if (folded.isBlank()) throw new NluDataException("cues." + name + ": an empty cue");
                parsed.add(folded.split(" "));
            }
            g.put(name, List.copyOf(parsed));
        });
        this.groups = Map.copyOf(g);
    }

    public static RiskCues none() { return new RiskCues(Map.of()); }

    /** The tokens followed by one token per cue present and per pair of cues present. */
    String[] withCues(String[] tokens) {
        List<String> present = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> g : groups.entrySet()) {
            if (anyAt(tokens, g.getValue())) present.add(g.getKey());
        }
        if (present.isEmpty()) return tokens;
        present.sort(null);
        List<String> out = new ArrayList<>(List.of(tokens));
        for (int i = 0; i < present.size(); i++) {
            out.add(MARK + present.get(i));
            for (int k = i + 1; k < present.size(); k++) out.add(MARK + present.get(i) + "+" + present.get(k));
        }
        return out.toArray(String[]::new);
    }

    private static boolean anyAt(String[] tokens, List<String[]> phrases) {
        for (int i = 0; i < tokens.length; i++) {
            for (String[] p : phrases) {
                if (i + p.length > tokens.length) continue;
                boolean all = true;
                for (int k = 0; k < p.length && all; k++) all = p[k].equals(tokens[i + k]);
                if (all) return true;
            }
        }
        return false;
    }

    /**
     * Whether tokens made by {@link #withCues} hold a cue of any of these groups (read from its marks, not scanned again).
     * A name "a+b" (the two groups in alphabetical order) asks for both together.
     */
    static boolean marked(String[] withCues, java.util.Collection<String> names) {
        for (int i = withCues.length - 1; i >= 0 && withCues[i].startsWith(MARK); i--) {
            if (names.contains(withCues[i].substring(MARK.length()))) return true;
        }
        return false;
    }

    public java.util.Set<String> names() { return groups.keySet(); }

    /** For the model cache key: the cues shape the features. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(groups).forEach((k, v) -> {
            b.append(k).append('=');
            for (String[] p : v) b.append(String.join(" ", p)).append(',');
            b.append(';');
        });
        return b.toString();
    }
}
