package nl.omkijken.runner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a conversation id (which may hold a phone number) into a stable pseudonym for logs:
 * HMAC-SHA256 with an installation key, 12 hex characters. The same id always gives the same
 * pseudonym on one installation, so an incident can be traced without a number in any log.
 */
public final class Pseudonym {
    private final byte[] key;

    public Pseudonym(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("pseudonym key must be at least 16 bytes");
        this.key = key.clone();
    }

    public String of(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
