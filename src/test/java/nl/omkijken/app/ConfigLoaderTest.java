package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsGiveTheEmbeddedSandboxSetup() {
        AppConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(8080, c.port());
        assertEquals("127.0.0.1", c.host());
        assertNull(c.redisUrl());
        assertTrue(c.embeddedRedis());
        assertTrue(c.sandbox());
        assertEquals("http://localhost:8080", c.publicBaseUrl());
        assertEquals("nl", c.defaultLanguage());
        assertEquals(Duration.ofDays(180), c.retention());
    }

    @Test
    void theModelsAreCachedInTheDataFolderUnlessAFolderOfTheirOwnIsGiven() {
        assertEquals(Path.of("/srv/omk/models"), ConfigLoader.load(null, Map.of("DATA_DIR", "/srv/omk")).modelCacheDir());
        assertEquals(Path.of("/var/cache/omk"), ConfigLoader.load(null,
                Map.of("DATA_DIR", "/srv/omk", "MODEL_CACHE_DIR", "/var/cache/omk")).modelCacheDir());
    }

    @Test
    void yamlFileThenEnvironment() throws Exception {
        Path f = dir.resolve("omkijken.yaml");
        Files.writeString(f, "port: 9000\nredis_url: redis://127.0.0.1:6400\ndefault_language: en\nsandbox: false\n");
        AppConfig fromFile = ConfigLoader.load(f, Map.of());
        assertEquals(9000, fromFile.port());
        assertEquals("redis://127.0.0.1:6400", fromFile.redisUrl());
        assertEquals("en", fromFile.defaultLanguage());
        assertEquals(false, fromFile.sandbox());

        AppConfig withEnv = ConfigLoader.load(f, Map.of("PORT", "9100", "PUBLIC_BASE_URL", "https://omkijken.example.nl/"));
        assertEquals(9100, withEnv.port());
        assertEquals("https://omkijken.example.nl", withEnv.publicBaseUrl());
        assertEquals("redis://127.0.0.1:6400", withEnv.redisUrl());
    }

    @Test
    void everyBadValueIsNamedWithItsFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "PORT", "eighty", "REDIS_URL", "localhost:6379", "PUBLIC_BASE_URL", "omkijken.nl",
                "DEFAULT_LANGUAGE", "de", "NLU_THRESHOLD", "2", "RETENTION", "180 days", "SANDBOX", "maybe",
                "LOG_PSEUDONYM_KEY", "short", "ADDRESS_KEY", "too-short-for-an-hmac")));
        String m = e.getMessage();
        assertEquals(9, e.problems().size(), m);
        assertTrue(m.contains("PORT / port = 'eighty' (from environment variable PORT) must be a whole number"), m);
        assertTrue(m.contains("REDIS_URL") && m.contains("redis://"), m);
        assertTrue(m.contains("PUBLIC_BASE_URL") && m.contains("absolute http(s) URL"), m);
        assertTrue(m.contains("DEFAULT_LANGUAGE") && m.contains("nl or en"), m);
        assertTrue(m.contains("NLU_THRESHOLD") && m.contains("between 0.0 and 1.0"), m);
        assertTrue(m.contains("RETENTION") && m.contains("ISO-8601"), m);
        assertTrue(m.contains("SANDBOX") && m.contains("true or false"), m);
        assertTrue(m.contains("LOG_PSEUDONYM_KEY") && m.contains("16"), m);
        assertTrue(m.contains("ADDRESS_KEY") && m.contains("32"), m);
    }

    @Test
    void theMailServerIsCheckedWhole() {
        AppConfig ok = ConfigLoader.load(null, Map.of("SMTP_HOST", "smtp.example.nl", "SMTP_USERNAME", "helpdesk", "SMTP_PASSWORD", "geheim wachtwoord",
                "SMTP_FROM", "helpdesk@pep.example.nl"));
        assertEquals("starttls", ok.mail().security());
        assertEquals(587, ok.mail().port());
        assertTrue(!ok.mail().toString().contains("geheim"), "the password is never printed");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("SMTP_HOST", "127.mail.example.com",
                "SMTP_SECURITY", "none", "SMTP_USERNAME", "helpdesk", "SMTP_FROM", "helpdesk")));
        String m = e.getMessage();
        assertTrue(m.contains("SMTP_SECURITY") && m.contains("this machine"), m);
        assertTrue(m.contains("SMTP_PASSWORD") && m.contains("both"), m);
        assertTrue(m.contains("SMTP_FROM") && m.contains("e-mail address"), m);
        assertEquals(3, e.problems().size(), m);
        ConfigException half = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("SMTP_FROM", "helpdesk@pep.example.nl")));
        assertTrue(half.getMessage().contains("SMTP_HOST is not"), half.getMessage());
        assertEquals("none", ConfigLoader.load(null, Map.of("SMTP_HOST", "127.0.0.1", "SMTP_SECURITY", "none", "SMTP_FROM", "a@b.nl")).mail().security());
    }

    @Test
    void portOutOfRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("PORT", "70000")));
        assertTrue(e.getMessage().contains("between 1 and 65535"), e.getMessage());
    }

    @Test
    void unknownKeysAndBrokenYamlAreRefused() throws Exception {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "prot: 8080\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(typo, Map.of()));
        assertTrue(e.getMessage().contains("unknown setting 'prot'"), e.getMessage());

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "port: [8080\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());

        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- port\n");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(list, Map.of()));
        assertTrue(e.getMessage().contains("must be a map"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static final String SID = "AC" + "0123456789abcdef".repeat(2);

    @Test
    void channelsAreOffWithoutSettingsAndTheSandboxIsOn() {
        AppConfig c = ConfigLoader.load(null, Map.of());
        assertNull(c.twilio());
        assertNull(c.telegram());
        assertTrue(c.sandbox());
    }

    @Test
    void twilioWithNumbersPerLine() {
        AppConfig c = ConfigLoader.load(null, Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", "secret-token",
                "TWILIO_NUMBERS_LUISTERLIJN", "+3197010200300, whatsapp:+3197010200300",
                "TWILIO_NUMBERS_HELPDESK", "+3197010200400", "TWILIO_API_BASE_URL", "http://127.0.0.1:9999/",
                "PUBLIC_BASE_URL", "https://omkijken.example.nl"));
        assertEquals("luisterlijn", c.twilio().lineOf("whatsapp:+3197010200300"));
        assertEquals("helpdesk", c.twilio().lineOf("+3197010200400"));
        assertNull(c.twilio().lineOf("+31600000000"));
        assertEquals("http://127.0.0.1:9999", c.twilio().apiBaseUrl());
        assertEquals(false, c.sandbox(), "with a real channel the sandbox is opt-in");
        assertTrue(ConfigLoader.load(null, Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", "t",
                "TWILIO_NUMBERS_HELPDESK", "+3197010200400", "SANDBOX", "true", "PUBLIC_BASE_URL", "https://o.example.nl")).sandbox());
        ConfigException noUrl = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("TWILIO_ACCOUNT_SID", SID,
                "TWILIO_AUTH_TOKEN", "t", "TWILIO_NUMBERS_HELPDESK", "+3197010200400")));
        assertTrue(noUrl.getMessage().contains("PUBLIC_BASE_URL") && noUrl.getMessage().contains("Twilio console"), noUrl.getMessage());
    }

    @Test
    void twilioReconciliationIsOnEveryFiveMinutesUnlessTurnedOff(@TempDir Path dir) throws Exception {
        Map<String, String> twilio = Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", "t",
                "TWILIO_NUMBERS_HELPDESK", "+3197010200400", "PUBLIC_BASE_URL", "https://o.example.nl");
        AppConfig c = ConfigLoader.load(null, twilio);
        assertEquals(Duration.ofMinutes(5), c.twilio().reconcileInterval());
        assertEquals(Duration.ofMinutes(2), c.twilio().reconcileGrace());
        for (String off : List.of("0", "off", "OFF")) {
            Map<String, String> env = new java.util.HashMap<>(twilio);
            env.put("TWILIO_RECONCILE_INTERVAL", off);
            assertEquals(Duration.ZERO, ConfigLoader.load(null, env).twilio().reconcileInterval(), off);
        }
        Path yaml = dir.resolve("omkijken.yaml");
        Files.writeString(yaml, "twilio_reconcile_interval: off\n");
        assertEquals(Duration.ZERO, ConfigLoader.load(yaml, twilio).twilio().reconcileInterval(), "YAML's unquoted off");
        Map<String, String> env = new java.util.HashMap<>(twilio);
        env.put("TWILIO_RECONCILE_INTERVAL", "PT15M");
        env.put("TWILIO_RECONCILE_GRACE", "PT5M");
        c = ConfigLoader.load(null, env);
        assertEquals(Duration.ofMinutes(15), c.twilio().reconcileInterval());
        assertEquals(Duration.ofMinutes(5), c.twilio().reconcileGrace());
    }

    @Test
    void badReconciliationSettingsAreNamed() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", "t",
                "TWILIO_NUMBERS_HELPDESK", "+3197010200400", "PUBLIC_BASE_URL", "https://o.example.nl"));
        env.put("TWILIO_RECONCILE_INTERVAL", "5 minutes");
        env.put("TWILIO_RECONCILE_GRACE", "PT10S");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertTrue(e.getMessage().contains("TWILIO_RECONCILE_INTERVAL / twilio_reconcile_interval = '5 minutes'")
                && e.getMessage().contains("ISO-8601 duration"), e.getMessage());
        assertTrue(e.getMessage().contains("TWILIO_RECONCILE_GRACE / twilio_reconcile_grace = 'PT10S'")
                && e.getMessage().contains("at least PT30S"), e.getMessage());
        env.put("TWILIO_RECONCILE_INTERVAL", "PT48H");
        env.put("TWILIO_RECONCILE_GRACE", "PT2M");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertTrue(e.getMessage().contains("TWILIO_RECONCILE_INTERVAL") && e.getMessage().contains("at most PT24H"), e.getMessage());
    }

    @Test
    void aHalfSetChannelStopsTheStartNamingWhatIsMissing() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("TWILIO_AUTH_TOKEN", "t")));
        assertTrue(e.getMessage().contains("TWILIO_ACCOUNT_SID / twilio_account_sid") && e.getMessage().contains("is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("no Twilio number is set"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("TWILIO_ACCOUNT_SID", SID,
                "TWILIO_AUTH_TOKEN", "t", "TWILIO_NUMBERS_HELPDESK", "0612345678")));
        assertTrue(e.getMessage().contains("'0612345678'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", "123456:ABCdefGHIjklMNOpqrSTUvwx")));
        assertTrue(e.getMessage().contains("TELEGRAM_WEBHOOK_SECRET") && e.getMessage().contains("webhook mode"), e.getMessage());
        assertTrue(e.getMessage().contains("PUBLIC_BASE_URL"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("TELEGRAM_WEBHOOK_SECRET", "s3cret-s3cret-s3cret")));
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
    }

    @Test
    void telegramPollingNeedsNoPublicUrl() {
        AppConfig c = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", "123456:ABCdefGHIjklMNOpqrSTUvwx",
                "TELEGRAM_MODE", "polling", "TELEGRAM_DEFAULT_LINE", "helpdesk"));
        assertEquals("polling", c.telegram().mode());
        assertEquals("helpdesk", c.telegram().defaultLine());
        assertEquals("https://api.telegram.org", c.telegram().apiBaseUrl());
    }
}
