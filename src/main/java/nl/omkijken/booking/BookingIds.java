package nl.omkijken.booking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A booking's id from its conversation and slot: HMAC-SHA256 with the installation's key, 128 bits in lower-case base
 * 32. The same conversation booking the same slot again gets the same id (a turn run twice books once), and nobody
 * can guess an id, so it can name the calendar invite's address.
 */
public final class BookingIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecretKeySpec key;

    public BookingIds(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("a booking key must be at least 16 bytes");
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String of(String conversationId, String slotId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(("booking|" + conversationId + "|" + slotId).getBytes(StandardCharsets.UTF_8));
            return base32(h, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a text can be a booking id (checked before it is looked up). */
    public static boolean looksLikeOne(String id) {
        return id != null && id.matches("[a-z2-7]{26}");
    }

    private static String base32(byte[] bytes, int count) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        return out.toString();
    }
}
