package nl.omkijken.channels.twilio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook's {@code application/x-www-form-urlencoded} body, decoded strictly from the raw bytes:
 * malformed percent-escapes and invalid UTF-8 are refused instead of being replaced, and values keep
 * their whitespace exactly (the signature covers them byte for byte). A parameter name that occurs
 * twice is refused: Twilio never repeats one, and a map of single values would silently lose one of
 * them from the signed data.
 */
final class FormBody {
    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final Map<String, String> params;

    private FormBody(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /** Refuses anything but a form in UTF-8 (a charset parameter, if given, must say UTF-8). */
    static void requireFormContentType(String contentType) {
        if (contentType == null) throw WebhookRefusal.badRequest("content_type", "Content-Type must be " + MEDIA_TYPE);
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(MEDIA_TYPE)) {
            throw WebhookRefusal.badRequest("content_type", "Content-Type must be " + MEDIA_TYPE);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw WebhookRefusal.badRequest("content_type", "the form must be in UTF-8");
            }
        }
    }

    static FormBody parse(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '&') continue;
            if (i > start) {
                int eq = indexOf(body, (byte) '=', start, i);
                String name = decode(body, start, eq < 0 ? i : eq);
                String value = eq < 0 ? "" : decode(body, eq + 1, i);
                if (params.putIfAbsent(name, value) != null) {
                    throw WebhookRefusal.badRequest("repeated_parameter", "form parameter '" + shortName(name) + "' occurs more than once");
                }
            }
            start = i + 1;
        }
        return new FormBody(params);
    }

    String get(String name) {
        return params.get(name);
    }

    /** All parameters, for the signature check. */
    Map<String, String> asMap() {
        return params;
    }

    private static String decode(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw WebhookRefusal.badRequest("encoding", "malformed percent-escape in the form");
                }
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi < 0 || lo < 0) throw WebhookRefusal.badRequest("encoding", "malformed percent-escape in the form");
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw WebhookRefusal.badRequest("encoding", "the form is not valid UTF-8");
        }
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    /** Names come from the sender; only a short, printable part goes into a reason. */
    private static String shortName(String name) {
        String s = name.length() > 40 ? name.substring(0, 40) : name;
        return s.replaceAll("[^A-Za-z0-9_]", "?");
    }
}
