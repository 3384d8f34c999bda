package nl.omkijken.channels.telegram;

import java.time.Duration;
import java.util.Locale;

/**
 * The Telegram channel's own settings; the app maps its configuration to this record.
 *
 * @param botToken       the bot token from @BotFather ("123456:ABC..."); never logged
 * @param webhookSecret  what Telegram sends in X-Telegram-Bot-Api-Secret-Token (webhook mode); null in polling mode
 * @param apiBaseUrl     base URL of the Bot API, scheme, host and optional port only ("https://api.telegram.org")
 * @param mode           how updates arrive
 * @param defaultLine    the line of a new chat that did not start with "/start LINE"
 * @param publicBaseUrl  the service's public https URL (webhook mode); Telegram calls publicBaseUrl + /webhooks/telegram
 * @param requestTimeout how long one Bot API request may take before its outcome counts as unknown
 */
public record TelegramSettings(String botToken, String webhookSecret, String apiBaseUrl, Mode mode, String defaultLine,
                               String publicBaseUrl, Duration requestTimeout) {

    /** Telegram pushes updates to our webhook, or we fetch them with getUpdates. */
    public enum Mode {
        WEBHOOK, POLLING;

        /** "webhook" or "polling", any case. */
        public static Mode parse(String s) {
            if (s == null) throw new IllegalArgumentException("Telegram mode must be webhook or polling, was null");
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "webhook": return WEBHOOK;
                case "polling": return POLLING;
                default: throw new IllegalArgumentException("Telegram mode must be webhook or polling, was '" + s + "'");
            }
        }
    }

    /** A sensible bound for one Bot API call (Telegram usually answers within a second). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public TelegramSettings {
        if (botToken == null || !botToken.matches("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}")) {
            throw new IllegalArgumentException("Telegram bot token must look like 123456:ABC-def (digits, colon, letters)");
        }
        if (mode == null) throw new IllegalArgumentException("Telegram mode must be given");
        if (webhookSecret != null && !webhookSecret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new IllegalArgumentException("Telegram webhook secret must be 1-256 of A-Z a-z 0-9 _ -");
        }
        if (mode == Mode.WEBHOOK) {
            if (webhookSecret == null) throw new IllegalArgumentException("Telegram webhook mode needs a webhook secret");
            if (publicBaseUrl == null || !publicBaseUrl.matches("https?://[^\\s]+")) {
                throw new IllegalArgumentException("Telegram webhook mode needs the public base URL (https://...)");
            }
            publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        }
        if (defaultLine == null || defaultLine.isBlank()) throw new IllegalArgumentException("Telegram default line must be given");
        apiBaseUrl = apiBaseUrl == null ? "https://api.telegram.org" : apiBaseUrl.replaceAll("/+$", "");
        TelegramApi.urlOf(apiBaseUrl); // refuses what the SDK cannot address
        if (requestTimeout == null) requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Telegram request timeout must be positive");
        }
    }

    /** The URL Telegram calls in webhook mode. */
    public String webhookUrl() {
        return publicBaseUrl == null ? null : publicBaseUrl + TelegramWebhook.PATH;
    }

    /** Never prints the token or the secret. */
    @Override
    public String toString() {
        return "TelegramSettings[mode=" + mode + ", apiBaseUrl=" + apiBaseUrl + ", defaultLine=" + defaultLine
                + ", publicBaseUrl=" + publicBaseUrl + "]";
    }
}
