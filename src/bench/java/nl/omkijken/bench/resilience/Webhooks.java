package nl.omkijken.bench.resilience;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** The webhooks the providers would send: a signed Twilio SMS webhook, a Telegram update with the secret. */
final class Webhooks {
    static final String TWILIO_PATH = "/webhooks/twilio/messaging";
    static final String TWILIO_STATUS_PATH = "/webhooks/twilio/status";
    static final String TELEGRAM_PATH = "/webhooks/telegram";
    static final String TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    final String base;
    final String accountSid;
    final String ourNumber;
    final String telegramSecret;
    final TwilioSigner signer;

    Webhooks(String base, String accountSid, TwilioSigner signer, String ourNumber, String telegramSecret) {
        this.base = base;
        this.accountSid = accountSid;
        this.signer = signer;
        this.ourNumber = ourNumber;
        this.telegramSecret = telegramSecret;
    }

    /** The form Twilio posts for an incoming SMS, sorted. */
    Map<String, String> twilioForm(String from, String body, String messageSid) {
        Map<String, String> f = new TreeMap<>();
        f.put("AccountSid", accountSid);
        f.put("ApiVersion", "2010-04-01");
        f.put("Body", body);
        f.put("From", from);
        f.put("MessageSid", messageSid);
        f.put("NumMedia", "0");
        f.put("NumSegments", "1");
        f.put("SmsMessageSid", messageSid);
        f.put("SmsSid", messageSid);
        f.put("SmsStatus", "received");
        f.put("To", ourNumber);
        return f;
    }

    /** X-Twilio-Signature over the public URL of {@code pathAndQuery} and the form. */
    String twilioSignature(String pathAndQuery, Map<String, String> form) {
        return signer.sign(base + pathAndQuery, form);
    }

    /** A Bot API update with a private text message. */
    static String telegramUpdate(long updateId, long chatId, String text) {
        JsonObject from = new JsonObject().put("id", chatId).put("is_bot", false).put("first_name", "Suite").put("language_code", "nl");
        JsonObject message = new JsonObject().put("message_id", updateId % 1_000_000).put("from", from)
                .put("chat", new JsonObject().put("id", chatId).put("first_name", "Suite").put("type", "private"))
                .put("date", System.currentTimeMillis() / 1000).put("text", text);
        return new JsonObject().put("update_id", updateId).put("message", message).encode();
    }

    static String messageSid(long n) {
        return String.format("SM%032x", 0x5eed0000_0000L + n);
    }
}
