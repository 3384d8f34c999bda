package nl.omkijken.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds where the service stored the conversation of a sender ("sms:+31612345678", "telegram:555001"),
 * the way the service does: by the HMAC of the identity with the address secret (which a service without
 * ADDRESS_KEY keeps in Redis), in the address index. A release before key layout 3 used the identity
 * itself as the conversation id; that is the answer when there is no index. Written apart from the
 * service's own code on purpose: the benchmarks check what the service stored, not what it believes.
 */
public final class StoredConversations {
    /** One Redis command; the answer as the client gives it (a String for a bulk reply, or null). */
    @FunctionalInterface
    public interface Call {
        Object call(String... args) throws IOException;
    }

    private StoredConversations() {}

    /** The conversation id of {@code identity}, or null when the service has none for it (yet). */
    public static String conversationId(Call redis, String identity) throws IOException {
        Object secret = redis.call("GET", "omk:address-key:secret");
        if (secret == null) {
            // No kept secret: a release before layout 3 (or one with ADDRESS_KEY set, which the benches do not).
            return identity;
        }
        Object conv = redis.call("HGET", "omk:addr:" + key(HexFormat.of().parseHex(secret.toString().trim()), identity), "conv");
        return conv == null ? null : conv.toString();
    }

    /** The key of a conversation's transcript list, or null when there is no conversation. */
    public static String transcriptKey(Call redis, String identity) throws IOException {
        String id = conversationId(redis, identity);
        return id == null ? null : "omk:conv:{" + id + "}:transcript";
    }

    /** HMAC-SHA256 of the identity, base64url without padding, its first 22 characters (AddressKeys). */
    static String key(byte[] secret, String identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JVM without HmacSHA256", e);
        }
    }
}
