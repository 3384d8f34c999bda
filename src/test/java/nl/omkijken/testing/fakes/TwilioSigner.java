package nl.omkijken.testing.fakes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does, written from Twilio's description and
 * independent of the SDK (so a test does not check the SDK against itself): HMAC-SHA1, keyed with
 * the auth token, over the full URL Twilio calls followed by each form parameter's name and value,
 * sorted by name, with no separators; Base64-encoded.
 */
public final class TwilioSigner {
    private final String authToken;

    public TwilioSigner(String authToken) {
        this.authToken = authToken;
    }

    public String sign(String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
