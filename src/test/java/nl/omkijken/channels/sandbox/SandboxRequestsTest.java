package nl.omkijken.channels.sandbox;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the phone simulator sends as a caller's answer: keys typed as on a phone end with #, as Twilio sends them. */
class SandboxRequestsTest {
    private static String answer(String a) {
        return SandboxRequests.answer(new JsonObject().put("answer", a));
    }

    @Test
    void keysTypedUntilHashAreTheAnswerWithoutTheHash() {
        assertEquals("0612345678", answer("0612345678#"));
        assertEquals("0612345678", answer("0612345678"));
        assertNull(answer("#"), "# alone is nothing typed: a silence");
        assertEquals("ik wil iemand spreken #", answer("ik wil iemand spreken #"), "words keep what they say");
        assertEquals("9", answer("9"));
    }
}
