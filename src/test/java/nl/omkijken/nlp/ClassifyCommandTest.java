package nl.omkijken.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneJsonObjectPerLine() throws Exception {
        String in = "ik wil een stichting oprichten\nik wil dood\n\nbel me morgen op 06-12345678\nI feel so lonely\n😀\nbedankt voor alles, dag allemaal\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClassifyCommand.run(SharedUnderstander.DIALOGS, new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, lines.size());
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            for (String field : List.of("text", "intent", "confidence", "risk", "crisis", "language", "entities")) {
                assertTrue(n.has(field), field + " in " + line);
            }
        }
        JsonNode foundation = JSON.readTree(lines.get(0));
        assertEquals("found_foundation", foundation.get("intent").asText());
        assertEquals("nl", foundation.get("language").asText());
        assertFalse(foundation.get("crisis").asBoolean());
        JsonNode crisis = JSON.readTree(lines.get(1));
        assertTrue(crisis.get("crisis").asBoolean());
        assertEquals("crisis", crisis.get("intent").asText());
        assertEquals("out_of_scope", JSON.readTree(lines.get(2)).get("intent").asText());
        JsonNode call = JSON.readTree(lines.get(3));
        assertEquals("callback_request", call.get("intent").asText());
        assertEquals("+31612345678", call.get("entities").get("phone").asText());
        assertEquals("en", JSON.readTree(lines.get(4)).get("language").asText());
        assertEquals("😀", JSON.readTree(lines.get(5)).get("text").asText());
        assertEquals("none", foundation.get("risk").asText());
        assertEquals("high", crisis.get("risk").asText());
        assertEquals("suicidal_thoughts", crisis.get("crisis_kind").asText());
        // A goodbye that may be one: asked about alone, a crisis after earlier risk.
        JsonNode goodbye = JSON.readTree(lines.get(6));
        assertEquals("possible", goodbye.get("risk").asText());
        assertEquals("high", goodbye.get("risk_if_sensitive").asText());
        assertFalse(goodbye.get("crisis").asBoolean());
    }

    @Test
    void aMissingDialogsFolderIsAnErrorCode(@TempDir Path empty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ClassifyCommand.run(empty, new ByteArrayInputStream(new byte[0]), new PrintStream(out));
        assertEquals(ClassifyCommand.BAD_DIALOGS, code);
        assertEquals(0, out.size());
    }
}
