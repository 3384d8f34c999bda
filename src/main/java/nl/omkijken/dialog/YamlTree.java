package nl.omkijken.dialog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses one YAML file into a {@link JsonNode} tree, token by token, so that a repeated key is reported
 * (with both lines) instead of silently overwriting the first, and a syntax error carries line:column.
 *
 * <p>Every scalar becomes a text node holding the text as written: YAML 1.1 would turn {@code yes},
 * {@code no} and {@code on} into booleans, which would quietly change keywords such as "no". The readers
 * convert numbers and booleans where the format asks for them.
 */
final class YamlTree {
    /** Dialog files are shallow; a deeper file is a mistake or an attack on the stack. */
    static final int MAX_DEPTH = 40;

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A key written twice in one map; {@code path} leads from the root to that map. */
    record DuplicateKey(List<String> path, String key, int firstLine, int line) {}

    /** The parsed root (null when the file could not be parsed or is empty) and its repeated keys. */
    record Parsed(JsonNode root, boolean syntaxOk, List<DuplicateKey> duplicates) {}

    private final List<DuplicateKey> duplicates = new ArrayList<>();
    private final List<String> path = new ArrayList<>();

    private YamlTree() {}

    /** Parses {@code bytes}; syntax errors go to {@code at} as YAML_SYNTAX. Never throws. */
    static Parsed parse(byte[] bytes, Place at) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            at.error(ErrorCode.YAML_SYNTAX, "the file is not UTF-8 text; save it as UTF-8 (it may be a binary file"
                    + " in the wrong place)");
            return new Parsed(null, false, List.of());
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        YamlTree tree = new YamlTree();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) return new Parsed(null, true, List.of());
            JsonNode root = tree.value(p, first, 0);
            if (p.nextToken() != null) {
                throw new Unsupported("a second YAML document starts here (after ---); put one dialog in each file",
                        p.currentTokenLocation());
            }
            return new Parsed(root, true, List.copyOf(tree.duplicates));
        } catch (Unsupported e) {
            at.error(ErrorCode.YAML_SYNTAX, where(e.location) + e.getMessage());
        } catch (JsonProcessingException e) {
            at.error(ErrorCode.YAML_SYNTAX, describe(e) + "; check indentation, colons and quotes around that place");
        } catch (IOException | RuntimeException e) {
            // snakeyaml can throw its own unchecked errors on odd input; they are syntax errors too.
            at.error(ErrorCode.YAML_SYNTAX, "the file cannot be parsed as YAML: " + firstLine(String.valueOf(e.getMessage())));
        }
        return new Parsed(null, false, List.of());
    }

    private JsonNode value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new Unsupported("nested more than " + MAX_DEPTH + " levels deep; dialog files are never this deep",
                    p.currentTokenLocation());
        }
        if (t == null) throw new Unsupported("the file ends in the middle of a value", p.currentLocation());
        switch (t) {
            case START_OBJECT: {
                ObjectNode map = JsonNodeFactory.instance.objectNode();
                Map<String, Integer> lines = new HashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (k != JsonToken.FIELD_NAME) throw new Unsupported("expected a key", p.currentTokenLocation());
                    String key = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    path.add(key);
                    JsonNode v = value(p, p.nextToken(), depth + 1);
                    path.remove(path.size() - 1);
                    if (lines.containsKey(key)) {
                        duplicates.add(new DuplicateKey(List.copyOf(path), key, lines.get(key), line));
                    } else {
                        lines.put(key, line);
                        map.set(key, v);
                    }
                }
                return map;
            }
            case START_ARRAY: {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                JsonToken e;
                int i = 0;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    path.add("[" + (i++) + "]");
                    list.add(value(p, e, depth + 1));
                    path.remove(path.size() - 1);
                }
                return list;
            }
            case VALUE_NULL:
                return NullNode.instance;
            default:
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new Unsupported("aliases (*" + p.getText() + ") are not supported; write the value out in full",
                            p.currentTokenLocation());
                }
                if (!t.isScalarValue()) throw new Unsupported("unexpected " + t, p.currentTokenLocation());
                return TextNode.valueOf(p.getText());
        }
    }

    /** snakeyaml knows the exact problem and its place; Jackson's own location is the last token read. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : m.getContext() + ": ";
            return "line " + (m.getProblemMark().getLine() + 1) + ":" + (m.getProblemMark().getColumn() + 1) + ": "
                    + context + m.getProblem();
        }
        return where(e.getLocation()) + firstLine(e.getOriginalMessage());
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return "";
        return "line " + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    private static String firstLine(String message) {
        if (message == null) return "syntax error";
        String[] lines = message.strip().split("\\R");
        // snakeyaml puts the problem after a context line ("while parsing ..."); keep both, without the echo.
        StringBuilder b = new StringBuilder();
        boolean echo = false;
        for (String l : lines) {
            String s = l.strip();
            boolean skip = echo || s.isEmpty() || s.startsWith("in 'reader'") || s.equals("^") || s.startsWith("at [Source");
            echo = s.startsWith("in 'reader'"); // the next line repeats the source text
            if (skip) continue;
            if (b.length() > 0) b.append(", ");
            b.append(s);
            if (b.length() > 200) break;
        }
        return b.length() == 0 ? "syntax error" : b.toString();
    }

    /** A construct the reader refuses, with where it is. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient JsonLocation location;

        Unsupported(String message, JsonLocation location) {
            super(message, null, false, false);
            this.location = location;
        }
    }
}
