package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static FormBody parse(String s) {
        return FormBody.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesPlusPercentAndUtf8KeepingWhitespace() {
        FormBody f = parse("Body=+Caf%C3%A9++%F0%9F%98%8A+&To=%2B31&Empty=&Flag");
        assertEquals(" Café  \uD83D\uDE0A ", f.get("Body"));
        assertEquals("+31", f.get("To"));
        assertEquals("", f.get("Empty"));
        assertEquals("", f.get("Flag"));
        assertEquals(4, f.asMap().size());
    }

    @Test
    void anEmptyBodyHasNoParameters() {
        assertEquals(Map.of(), parse("").asMap());
        assertEquals(Map.of(), parse("&&").asMap());
    }

    @Test
    void refusesWhatItCannotDecodeExactly() {
        assertEquals(400, assertThrows(WebhookRefusal.class, () -> parse("Body=%C3%28")).status, "invalid UTF-8 escape");
        assertEquals(400, assertThrows(WebhookRefusal.class, () -> FormBody.parse(new byte[] {'B', '=', (byte) 0xff})).status);
        assertEquals(400, assertThrows(WebhookRefusal.class, () -> parse("Body=%ZZ")).status);
        assertEquals(400, assertThrows(WebhookRefusal.class, () -> parse("Body=%4")).status, "escape cut short");
        assertEquals(400, assertThrows(WebhookRefusal.class, () -> parse("Body=a&Body=b")).status, "a repeated name");
    }

    @Test
    void acceptsOnlyAUtf8Form() {
        FormBody.requireFormContentType("application/x-www-form-urlencoded");
        FormBody.requireFormContentType("Application/X-WWW-Form-Urlencoded; charset=utf-8");
        FormBody.requireFormContentType("application/x-www-form-urlencoded;charset=\"UTF-8\"");
        assertThrows(WebhookRefusal.class, () -> FormBody.requireFormContentType(null));
        assertThrows(WebhookRefusal.class, () -> FormBody.requireFormContentType("application/json"));
        assertThrows(WebhookRefusal.class, () -> FormBody.requireFormContentType("multipart/form-data; boundary=x"));
        assertThrows(WebhookRefusal.class, () -> FormBody.requireFormContentType("application/x-www-form-urlencoded; charset=windows-1252"));
    }
}
