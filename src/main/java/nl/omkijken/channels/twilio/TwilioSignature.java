package nl.omkijken.channels.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: HMAC-SHA1 with the auth
 * token over the URL Twilio called followed by the sorted form parameters, compared in constant time.
 *
 * <p>The URL is our configured public base URL plus the request's raw path and raw query, never the
 * URL the request arrived on: behind a reverse proxy or TLS terminator that is an internal
 * {@code http://127.0.0.1:8080/...}, which Twilio did not sign.
 */
final class TwilioSignature {
    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final String publicBaseUrl;

    TwilioSignature(String authToken, String publicBaseUrl) {
        this.validator = new RequestValidator(authToken);
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The URL Twilio signed, from the raw path and query exactly as they arrived. */
    String publicUrl(String rawPath, String rawQuery) {
        return publicBaseUrl + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }

    /** Refuses (403) a missing or wrong signature. */
    void verify(String rawPath, String rawQuery, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) {
            throw WebhookRefusal.forbidden("signature_missing", "X-Twilio-Signature is missing");
        }
        boolean valid;
        try {
            valid = validator.validate(publicUrl(rawPath, rawQuery), params, signature);
        } catch (RuntimeException e) {
            valid = false; // an URL the validator cannot parse cannot be one Twilio signed
        }
        if (!valid) throw WebhookRefusal.forbidden("signature_invalid", "X-Twilio-Signature does not match");
    }
}
