package nl.omkijken.testing.fakes;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages of people as the providers send them to the service: a signed Twilio webhook, a Telegram update. */
public final class ProviderMessages {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String account;
    private final TwilioSigner signer;
    private final int port;
    private int sid;
    private long updateId = 990_000;

    /** @param port the service's port on 127.0.0.1 (the URL Twilio signs) */
    public ProviderMessages(String account, String authToken, int port) {
        this.account = account;
        this.signer = new TwilioSigner(authToken);
        this.port = port;
    }

    /** A correctly signed Twilio messaging webhook; returns the status the service answered. */
    public int twilio(String from, String to, String body) throws Exception {
        String path = "/webhooks/twilio/messaging";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", String.format("SM%032x", ++sid));
        form.put("AccountSid", account);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        form.put("NumMedia", "0");
        String url = "http://127.0.0.1:" + port + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signer.sign(url, form))
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A Telegram update with a text message from a private chat. */
    public JsonObject telegramText(long chat, String text) {
        JsonObject who = new JsonObject().put("id", chat).put("is_bot", false).put("first_name", "Test");
        return new JsonObject().put("update_id", ++updateId).put("message", new JsonObject()
                .put("message_id", updateId % 100_000).put("from", who)
                .put("chat", new JsonObject().put("id", chat).put("first_name", "Test").put("type", "private"))
                .put("date", 1_795_424_400L).put("text", text));
    }
}
