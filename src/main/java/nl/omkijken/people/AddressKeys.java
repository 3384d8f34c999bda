package nl.omkijken.people;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an {@link Address} into the opaque key the address index is kept under: HMAC-SHA256 of
 * "channel:handle" with a secret, base64url, 22 characters (132 bits). Without the secret nobody can
 * tell from a key whose address it is, nor test a guessed phone number against it; with it the service
 * finds a person in one lookup.
 *
 * <p>The same secret must be used by every instance and for as long as the data lives (a different one
 * finds nobody); {@link #fingerprint()} lets the store check that at start.
 */
public final class AddressKeys {
    private static final String ALGORITHM = "HmacSHA256";
    /** Bytes of the secret at least: as many as the hash gives. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final int KEY_CHARS = 22;

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    public AddressKeys(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the address key secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        // Mac is not thread-safe; one per thread avoids a lock on every webhook.
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("JVM without " + ALGORITHM, e);
        }
    }

    /** The index key of {@code address}. */
    public String keyOf(Address address) {
        return keyOf(address.identity());
    }

    /** The index key of an identity "channel:handle" (also what layout 2 used as conversation id). */
    public String keyOf(String identity) {
        byte[] mac = macs.get().doFinal(identity.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, KEY_CHARS);
    }

    /**
     * A value derived from the secret that tells two secrets apart without revealing either: stored
     * with the data, compared at start, so a service with another secret refuses to start instead of
     * quietly treating everyone as a new person.
     */
    public String fingerprint() {
        return keyOf("omkijken:address-key-fingerprint");
    }
}
