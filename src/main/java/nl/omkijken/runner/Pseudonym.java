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
    /** One keyed MAC per thread: Mac is not thread-safe, and making one per call is wasteful on a hot path. */
    private final ThreadLocal<Mac> mac;

    public Pseudonym(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("pseudonym key must be at least 16 bytes");
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String of(String id) {
        byte[] h = mac.get().doFinal(id.getBytes(StandardCharsets.UTF_8));
        return "c-" + HexFormat.of().formatHex(h, 0, 6);
    }
}
