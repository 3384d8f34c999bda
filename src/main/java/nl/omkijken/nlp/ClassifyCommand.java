package nl.omkijken.nlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.omkijken.engine.Understanding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code omkijken classify}: one message per line in, one JSON object per line out with
 * {@code text, intent, confidence, crisis, language, entities}. The language of each line is
 * detected on its own (no conversation carries over).
 */
public final class ClassifyCommand {
    /** Exit code when the dialogs folder cannot be used. */
    public static final int BAD_DIALOGS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassifyCommand() {}

    public static int run(Path dialogsDir, InputStream in, PrintStream out) {
        OpenNlpUnderstander understander;
        try {
            understander = OpenNlpUnderstander.fromDialogs(dialogsDir, defaultCacheDir(),
                    Clock.system(ZoneId.of("Europe/Amsterdam")), OpenNlpUnderstander.DEFAULT_THRESHOLD);
        } catch (NluDataException e) {
            System.err.println("classify: " + e.getMessage());
            return BAD_DIALOGS;
        }
        return run(understander, in, out);
    }

    static int run(OpenNlpUnderstander understander, InputStream in, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(toJson(line, understander.understand(line, null)));
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            System.err.println("classify: cannot read standard input: " + e.getMessage());
            return 1;
        }
    }

    static String toJson(String text, Understanding u) throws JsonProcessingException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", text);
        o.put("intent", u.intent());
        o.put("confidence", Math.round(u.confidence() * 1000) / 1000.0);
        o.put("risk", u.risk().id());
        // The level the same words get in a conversation that reached possible or high before.
        if (u.riskIfSensitive() != u.risk()) o.put("risk_if_sensitive", u.riskIfSensitive().id());
        o.put("crisis", u.crisis());
        if (u.crisisKind() != null) o.put("crisis_kind", u.crisisKind());
        o.put("language", u.language());
        o.put("entities", new java.util.TreeMap<>(u.entities()));
        return JSON.writeValueAsString(o);
    }

    /** The trained model is cached per user in the temp folder; it retrains when the phrases change. */
    static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "omkijken-nlu-cache");
    }
}
