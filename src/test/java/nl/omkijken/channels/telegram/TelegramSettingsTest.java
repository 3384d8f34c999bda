package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

class TelegramSettingsTest {
    private static final String TOKEN = "123456:ABCdefGHIjkl_mnoPQRstu-vwxyz012345";

    private static TelegramSettings webhook(String secret, String publicBase) {
        return new TelegramSettings(TOKEN, secret, "https://api.telegram.org", TelegramSettings.Mode.WEBHOOK, "luisterlijn",
                publicBase, null);
    }

    @Test
    void theWebhookUrlIsThePublicBaseWithThePath() {
        TelegramSettings s = webhook("s3cret_value-0123456789", "https://omkijken.example.nl/");
        assertEquals("https://omkijken.example.nl/webhooks/telegram", s.webhookUrl());
        assertEquals(TelegramSettings.DEFAULT_REQUEST_TIMEOUT, s.requestTimeout());
    }

    @Test
    void webhookModeNeedsASecretAndAPublicUrl() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> webhook(null, "https://x.nl")).getMessage().contains("secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> webhook("abcdefghijklmnop", null)).getMessage().contains("public"));
        assertThrows(IllegalArgumentException.class, () -> webhook("spaces are not allowed", "https://x.nl"));
    }

    @Test
    void pollingModeNeedsNeither() {
        TelegramSettings s = new TelegramSettings(TOKEN, null, null, TelegramSettings.Mode.POLLING, "helpdesk", null,
                Duration.ofSeconds(5));
        assertEquals("https://api.telegram.org", s.apiBaseUrl());
        assertEquals(null, s.webhookUrl());
    }

    @Test
    void aTokenThatIsNoTokenIsRefusedWithoutBeingRepeated() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TelegramSettings("not-a-token-but-a-secret", null, null,
                TelegramSettings.Mode.POLLING, "luisterlijn", null, null));
        assertFalse(e.getMessage().contains("not-a-token-but-a-secret"));
    }

    @Test
    void neitherTokenNorSecretIsPrinted() {
        TelegramSettings s = webhook("s3cret_value-0123456789", "https://x.nl");
        assertFalse(s.toString().contains(TOKEN) || s.toString().contains("s3cret_value"));
    }

    @Test
    void theApiBaseUrlBecomesTheSdksAddress() {
        TelegramUrl real = TelegramApi.urlOf("https://api.telegram.org");
        assertEquals("https", real.getSchema());
        assertEquals("api.telegram.org", real.getHost());
        assertEquals(443, real.getPort());
        TelegramUrl local = TelegramApi.urlOf("http://127.0.0.1:8081");
        assertEquals("http", local.getSchema());
        assertEquals(8081, local.getPort());
        assertEquals(80, TelegramApi.urlOf("http://bot-api.internal/").getPort());
    }

    @Test
    void anApiBaseUrlTheSdkCannotAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TelegramApi.urlOf("https://proxy.example.nl/telegram"));
        assertThrows(IllegalArgumentException.class, () -> TelegramApi.urlOf("ftp://api.telegram.org"));
        assertThrows(IllegalArgumentException.class, () -> TelegramApi.urlOf("api.telegram.org"));
        assertThrows(IllegalArgumentException.class, () -> TelegramSettings.Mode.parse("push"));
        assertEquals(TelegramSettings.Mode.POLLING, TelegramSettings.Mode.parse(" Polling "));
    }
}
