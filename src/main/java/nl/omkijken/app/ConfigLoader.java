package nl.omkijken.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads {@link AppConfig}: built-in defaults, then the YAML file (if any), then environment
 * variables. Every setting has one YAML key and one environment variable. All problems are
 * collected and reported together, each naming the setting and the fix.
 */
public final class ConfigLoader {

    /** One setting: its YAML key, its environment variable, its default and what it means. */
    public record Setting(String key, String env, String defaultValue, String help) {}

    public static final List<Setting> SETTINGS = List.of(
            new Setting("host", "HOST", "127.0.0.1", "address to listen on; 0.0.0.0 to accept connections from other machines"),
            new Setting("port", "PORT", "8080", "HTTP port, 1-65535"),
            new Setting("public_base_url", "PUBLIC_BASE_URL", "", "the URL providers and people use to reach this service, e.g. https://omkijken.example.nl (default http://localhost:PORT)"),
            new Setting("redis_url", "REDIS_URL", "", "redis://host:port[/db] of your Redis; empty: the service starts its own Redis with data in DATA_DIR"),
            new Setting("embedded_redis_port", "EMBEDDED_REDIS_PORT", "0", "port of the embedded Redis on 127.0.0.1; 0 picks a free one"),
            new Setting("data_dir", "DATA_DIR", "./data", "folder for the embedded Redis data (append-only file) and the model cache"),
            new Setting("dialogs_dir", "DIALOGS_DIR", "./dialogs", "folder with the dialog YAML files"),
            new Setting("model_cache_dir", "MODEL_CACHE_DIR", "", "folder for the language models trained from DIALOGS_DIR/nlu (each named after a hash of its data, so a changed phrase trains anew); empty: DATA_DIR/models"),
            new Setting("sandbox", "SANDBOX", "", "true/false: offer the local web chat and phone simulator at /sandbox; empty: on when no provider channel is configured"),
            new Setting("default_language", "DEFAULT_LANGUAGE", "nl", "nl or en: language of new conversations"),
            new Setting("nlu_threshold", "NLU_THRESHOLD", "0.25", "0.0-1.0: below this confidence a message is out_of_scope"),
            new Setting("retention", "RETENTION", "P180D", "ISO-8601 duration conversations are kept after their last message"),
            new Setting("lock_lease", "LOCK_LEASE", "PT30S", "ISO-8601 duration a conversation lock is held at most"),
            new Setting("http_idle_timeout", "HTTP_IDLE_TIMEOUT", "PT20S", "ISO-8601 duration, PT5S to PT10M: a connection that completes nothing for this long is closed: no request headers, body chunk or answer (also a client sending its headers a byte at a time; keep it above the console's live-update heartbeat)"),
            new Setting("http_body_timeout", "HTTP_BODY_TIMEOUT", "PT15S", "ISO-8601 duration, PT1S to PT5M: a request's body must have arrived this long after its headers, else 408 and the connection is closed"),
            new Setting("http_max_connections", "HTTP_MAX_CONNECTIONS", "1000", "HTTP connections with a request at most, 10-100000; one more is closed at its first request"),
            new Setting("address_key", "ADDRESS_KEY", "", "secret (32+ characters) the address index is keyed with (an HMAC of each phone number and chat id); empty: generated once and kept in Redis. Set it in production, from where you keep secrets, and never change it: a service with another key finds nobody, so it refuses to start on data written with another one"),
            new Setting("admin_allow", "ADMIN_ALLOW", AllowList.DEFAULT, "comma-separated addresses or networks (CIDR) from which the staff console (/console) and /metrics may be reached; others get 403. Default: this machine only. Behind a reverse proxy every request comes from the proxy: restrict /console there too"),
            new Setting("opening_hours", "OPENING_HOURS", "", "the lines' opening hours: empty for DIALOGS_DIR/hours.yaml, a file, or off (every line counts as staffed at all hours)"),
            new Setting("on_call_number", "ON_CALL_NUMBER", "", "phone number (+31...) of the on-call coordinator: a crisis while its line is closed is sent there by SMS (needs Twilio SMS); empty: logged and counted only"),
            new Setting("smtp_host", "SMTP_HOST", "", "SMTP server that e-mails a booked talk's calendar invite to the address given in the intake; empty: no e-mail (the invite is a link in the confirmation)"),
            new Setting("smtp_port", "SMTP_PORT", "587", "SMTP port, 1-65535 (587 with starttls, 465 with tls)"),
            new Setting("smtp_security", "SMTP_SECURITY", "starttls", "starttls (encryption required), tls (encrypted from the start) or none (only for a relay on this machine)"),
            new Setting("smtp_username", "SMTP_USERNAME", "", "SMTP login name; empty: no login"),
            new Setting("smtp_password", "SMTP_PASSWORD", "", "SMTP password (with SMTP_USERNAME)"),
            new Setting("smtp_from", "SMTP_FROM", "", "the sender of the invites, an e-mail address such as helpdesk@pep.example.nl (needed with SMTP_HOST)"),
            new Setting("console_return_after", "CONSOLE_RETURN_AFTER", "PT2M", "ISO-8601 duration, PT30S to PT1H: a worker whose console has been gone this long (signed out, browser closed, connection lost) has their conversations put back in their queues for a colleague"),
            new Setting("pseudonym_key", "LOG_PSEUDONYM_KEY", "", "secret (16+ characters) for the pseudonyms in logs; empty: generated once in DATA_DIR"),
            new Setting("twilio_account_sid", "TWILIO_ACCOUNT_SID", "", "Twilio account SID (AC + 32 hex); with TWILIO_AUTH_TOKEN and at least one TWILIO_NUMBERS_* it turns SMS/WhatsApp on"),
            new Setting("twilio_auth_token", "TWILIO_AUTH_TOKEN", "", "Twilio auth token: signs webhooks and authenticates REST calls"),
            new Setting("twilio_api_base_url", "TWILIO_API_BASE_URL", "https://api.twilio.com", "base URL of the Twilio REST API"),
            new Setting("twilio_numbers_luisterlijn", "TWILIO_NUMBERS_LUISTERLIJN", "", "comma-separated Twilio numbers of the Luisterlijn, e.g. +3197010200300,whatsapp:+3197010200300"),
            new Setting("twilio_numbers_helpdesk", "TWILIO_NUMBERS_HELPDESK", "", "comma-separated Twilio numbers of the Helpdesk"),
            new Setting("twilio_numbers_telefooncirkel", "TWILIO_NUMBERS_TELEFOONCIRKEL", "", "comma-separated Twilio numbers of the Telefooncirkel"),
            new Setting("twilio_voice_lines", "TWILIO_VOICE_LINES", "telefooncirkel,luisterlijn", "comma-separated lines whose Twilio numbers answer calls (the Luisterlijn's callers wait on the line for a volunteer); a call to another line's number hears that it takes messages only (and the helplines); empty: none"),
            new Setting("twilio_voice_nl", "TWILIO_VOICE_NL", "Google.nl-NL-Wavenet-A", "Twilio's name of the Dutch voice (<Say voice>), e.g. Google.nl-NL-Wavenet-A"),
            new Setting("twilio_voice_en", "TWILIO_VOICE_EN", "Google.en-GB-Wavenet-A", "Twilio's name of the English voice, e.g. Google.en-GB-Wavenet-A"),
            new Setting("twilio_voice_rate", "TWILIO_VOICE_RATE", "90%", "speaking rate of the phone, 50% to 150% (90%: a little slower than normal, for people who hear badly)"),
            new Setting("twilio_voice_listen", "TWILIO_VOICE_LISTEN", "PT8S", "ISO-8601 duration the phone waits for a key or speech after a question, PT3S to PT30S"),
            new Setting("twilio_calls_per_second", "TWILIO_CALLS_PER_SECOND", "1", "the Twilio account's limit for calls placed a second (1 unless Twilio raised it); the Telefooncirkel's daily calls keep to it, and an enrolment whose call no longer fits its window is refused"),
            new Setting("twilio_whatsapp_content_sid", "TWILIO_WHATSAPP_CONTENT_SID", "", "approved WhatsApp template (HX + 32 hex) for replies outside the 24-hour window"),
            new Setting("twilio_reconcile_interval", "TWILIO_RECONCILE_INTERVAL", "PT5M", "ISO-8601 duration between rounds that list inbound messages at Twilio and take those whose webhook never arrived, PT1M to PT24H; 0 or off: no rounds"),
            new Setting("twilio_reconcile_grace", "TWILIO_RECONCILE_GRACE", "PT2M", "ISO-8601 duration: messages younger than this are left to their webhook, PT30S to PT6H"),
            new Setting("telegram_bot_token", "TELEGRAM_BOT_TOKEN", "", "Telegram bot token from @BotFather (123456:ABC...); turns Telegram on"),
            new Setting("telegram_webhook_secret", "TELEGRAM_WEBHOOK_SECRET", "", "secret Telegram sends in X-Telegram-Bot-Api-Secret-Token: 16-256 of A-Z a-z 0-9 _ -"),
            new Setting("telegram_api_base_url", "TELEGRAM_API_BASE_URL", "https://api.telegram.org", "base URL of the Telegram Bot API"),
            new Setting("telegram_mode", "TELEGRAM_MODE", "webhook", "webhook (needs PUBLIC_BASE_URL and TELEGRAM_WEBHOOK_SECRET) or polling (no public URL needed)"),
            new Setting("telegram_default_line", "TELEGRAM_DEFAULT_LINE", "luisterlijn", "line of a Telegram chat that did not start with /start LINE"));

    /** The lines the Twilio number settings name. */
    static final List<String> LINES = List.of("luisterlijn", "helpdesk", "telefooncirkel");

    private ConfigLoader() {}

    /** The configuration of this process: --config FILE, else OMKIJKEN_CONFIG, then the environment. */
    public static AppConfig fromEnvironment(Path configFile) {
        Map<String, String> env = System.getenv();
        Path file = configFile;
        if (file == null && env.get("OMKIJKEN_CONFIG") != null && !env.get("OMKIJKEN_CONFIG").isBlank()) {
            file = Path.of(env.get("OMKIJKEN_CONFIG"));
        }
        return load(file, env);
    }

    /**
     * @param file YAML file, or null for none
     * @param env  the environment (System.getenv() in production)
     */
    public static AppConfig load(Path file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS) values.put(s.key(), s.defaultValue());
        Map<String, String> origin = new LinkedHashMap<>();
        if (file != null) readYaml(file, values, origin, problems);
        for (Setting s : SETTINGS) {
            String v = env.get(s.env());
            if (v != null) {
                values.put(s.key(), v.trim());
                origin.put(s.key(), "environment variable " + s.env());
            }
        }
        AppConfig config = build(values, origin, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    private static void readYaml(Path file, Map<String, String> values, Map<String, String> origin, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist: create it or drop --config / OMKIJKEN_CONFIG");
            return;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            problems.add("config file " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) return;
        if (!root.isObject()) {
            problems.add("config file " + file + " must be a map of settings, e.g. 'port: 8080'");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!values.containsKey(e.getKey())) {
                problems.add("unknown setting '" + e.getKey() + "' in " + file + ": known settings are " + String.join(", ", values.keySet()));
                continue;
            }
            if (e.getValue().isContainerNode()) {
                problems.add("setting '" + e.getKey() + "' in " + file + " must be a single value");
                continue;
            }
            values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText().trim());
            origin.put(e.getKey(), file.toString());
        }
    }

    private static AppConfig build(Map<String, String> v, Map<String, String> origin, List<String> problems) {
        Check c = new Check(v, origin, problems);
        int port = c.integer("port", 1, 65535);
        String host = c.text("host");
        if (host.isEmpty()) c.problem("host", "must not be empty");
        String publicBase = v.get("public_base_url");
        if (publicBase.isEmpty()) publicBase = "http://localhost:" + port;
        else if (!isHttpUrl(publicBase)) c.problem("public_base_url", "must be an absolute http(s) URL without a trailing path, e.g. https://omkijken.example.nl");
        publicBase = publicBase.replaceAll("/+$", "");
        String redisUrl = v.get("redis_url");
        if (redisUrl.isEmpty()) redisUrl = null;
        else if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            c.problem("redis_url", "must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379");
        }
        int embeddedPort = c.integer("embedded_redis_port", 0, 65535);
        String lang = c.text("default_language").toLowerCase(Locale.ROOT);
        if (!lang.equals("nl") && !lang.equals("en")) c.problem("default_language", "must be nl or en");
        double threshold = c.decimal("nlu_threshold", 0.0, 1.0);
        Duration retention = c.duration("retention", Duration.ofHours(1));
        Duration lease = c.duration("lock_lease", Duration.ofSeconds(1));
        AppConfig.Http http = new AppConfig.Http(
                c.durationBetween("http_idle_timeout", Duration.ofSeconds(5), Duration.ofMinutes(10)),
                c.durationBetween("http_body_timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                c.integer("http_max_connections", 10, 100_000));
        String key = v.get("pseudonym_key");
        if (!key.isEmpty() && key.length() < 16) c.problem("pseudonym_key", "must be at least 16 characters, or empty to generate one");
        String addressKey = v.get("address_key");
        if (!addressKey.isEmpty() && addressKey.length() < 32) {
            c.problem("address_key", "must be at least 32 characters, or empty to generate one");
        }
        AllowList adminAllow = AllowList.parse(AllowList.DEFAULT);
        try {
            adminAllow = AllowList.parse(v.get("admin_allow"));
        } catch (IllegalArgumentException e) {
            c.problem("admin_allow", e.getMessage());
        }
        Duration returnAfter = c.durationBetween("console_return_after", Duration.ofSeconds(30), Duration.ofHours(1));
        String onCall = v.get("on_call_number").replaceAll("[\\s-]", "");
        if (!onCall.isEmpty() && !onCall.matches("\\+[1-9]\\d{7,14}")) {
            c.problem("on_call_number", "must be a phone number in international form, e.g. +31612345678");
        }
        String hoursText = v.get("opening_hours").trim();
        Path openingHours = hoursText.equalsIgnoreCase("off") ? null
                : hoursText.isEmpty() ? Path.of(c.text("dialogs_dir")).resolve("hours.yaml") : Path.of(hoursText);
        // A file named on purpose must be there: silently "open at all hours" would promise staff at 03:00.
        if (!hoursText.isEmpty() && openingHours != null && !java.nio.file.Files.isRegularFile(openingHours)) {
            c.problem("opening_hours", "there is no file " + hoursText + "; give the hours file, or off");
        }
        AppConfig.Mail mail = mail(v, c);
        AppConfig.Twilio twilio = twilio(v, c);
        AppConfig.Telegram telegram = telegram(v, c, !v.get("public_base_url").isEmpty());
        // Without provider credentials the sandbox is how the service is tried; with them it is opt-in.
        boolean sandbox = v.get("sandbox").isEmpty() ? twilio == null && telegram == null : c.bool("sandbox");
        String modelCacheText = v.get("model_cache_dir").strip();
        Path modelCache = modelCacheText.isEmpty() ? Path.of(c.text("data_dir")).resolve("models") : Path.of(modelCacheText);
        return new AppConfig(host, port, http, publicBase, redisUrl, embeddedPort, Path.of(c.text("data_dir")),
                Path.of(c.text("dialogs_dir")), modelCache, sandbox, lang, threshold, retention, lease,
                key.isEmpty() ? null : key, addressKey.isEmpty() ? null : addressKey, twilio, telegram, adminAllow, returnAfter, openingHours,
                onCall.isEmpty() ? null : onCall, mail);
    }

    /** Off without a host; with one, a sender, a known security and a password with a login name are needed. */
    private static AppConfig.Mail mail(Map<String, String> v, Check c) {
        String host = v.get("smtp_host").strip();
        if (host.isEmpty()) {
            for (String k : List.of("smtp_username", "smtp_password", "smtp_from")) {
                if (!v.get(k).isBlank()) c.problem(k, "is set but SMTP_HOST is not: set SMTP_HOST too, or leave the SMTP settings empty");
            }
            return null;
        }
        if (!host.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]")) c.problem("smtp_host", "must be a host name or address, e.g. smtp.example.nl");
        int port = c.integer("smtp_port", 1, 65535);
        String security = v.get("smtp_security").strip().toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "tls", "none").contains(security)) c.problem("smtp_security", "must be starttls, tls or none");
        boolean local = host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || host.equals("[::1]");
        if (security.equals("none") && !local) {
            c.problem("smtp_security", "none only for a relay on this machine (127.0.0.1): an invite holds a name and a time");
        }
        String user = v.get("smtp_username").strip();
        String password = v.get("smtp_password");
        if (user.isEmpty() != password.isEmpty()) c.problem(user.isEmpty() ? "smtp_username" : "smtp_password", "give both SMTP_USERNAME and SMTP_PASSWORD, or neither");
        String from = v.get("smtp_from").strip();
        if (!from.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) c.problem("smtp_from", "must be an e-mail address, e.g. helpdesk@pep.example.nl");
        return new AppConfig.Mail(host, port, security, user.isEmpty() ? null : user, password.isEmpty() ? null : password, from);
    }

    /** Off when nothing is set; a half-set channel stops the start, naming what is missing. */
    private static AppConfig.Twilio twilio(Map<String, String> v, Check c) {
        String sid = v.get("twilio_account_sid");
        String token = v.get("twilio_auth_token");
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        for (String line : LINES) {
            List<String> list = new ArrayList<>();
            for (String n : v.get("twilio_numbers_" + line).split(",")) if (!n.isBlank()) list.add(n.strip());
            if (!list.isEmpty()) numbers.put(line, List.copyOf(list));
            for (String n : list) {
                if (!n.matches("(whatsapp:)?\\+[1-9][0-9]{6,14}")) {
                    c.problem("twilio_numbers_" + line, "holds '" + n + "', which is not +<country><number> or whatsapp:+<country><number>");
                }
            }
        }
        String content = v.get("twilio_whatsapp_content_sid");
        if (sid.isEmpty() && token.isEmpty() && numbers.isEmpty() && content.isEmpty()) return null;
        if (sid.isEmpty()) c.problem("twilio_account_sid", "is missing while other Twilio settings are set");
        else if (!sid.matches("AC[0-9a-fA-F]{32}")) c.problem("twilio_account_sid", "must be AC followed by 32 hex characters");
        if (token.isEmpty()) c.problem("twilio_auth_token", "is missing while other Twilio settings are set");
        if (numbers.isEmpty()) c.problem("twilio_numbers_luisterlijn", "no Twilio number is set for any line (TWILIO_NUMBERS_LUISTERLIJN, _HELPDESK, _TELEFOONCIRKEL)");
        if (!content.isEmpty() && !content.matches("HX[0-9a-fA-F]{32}")) c.problem("twilio_whatsapp_content_sid", "must be HX followed by 32 hex characters");
        String base = v.get("twilio_api_base_url").replaceAll("/+$", "");
        if (!isHttpUrl(base)) c.problem("twilio_api_base_url", "must be an absolute http(s) URL");
        // Twilio signs each webhook over the public URL it called: without it no signature can match.
        if (v.get("public_base_url").isEmpty()) c.problem("public_base_url", "is required with Twilio: the exact https://host you enter in the Twilio console");
        Duration interval = reconcileInterval(v, c);
        Duration grace = c.durationBetween("twilio_reconcile_grace", Duration.ofSeconds(30), Duration.ofHours(6));
        return new AppConfig.Twilio(sid, token, base, numbers, content.isEmpty() ? null : content, interval, grace, voice(v, c));
    }

    /** The phone's settings; the voice names are checked against Twilio's list when the channel starts. */
    private static AppConfig.Voice voice(Map<String, String> v, Check c) {
        List<String> lines = new ArrayList<>();
        for (String l : v.get("twilio_voice_lines").split(",")) {
            String line = l.strip().toLowerCase(Locale.ROOT);
            if (line.isEmpty()) continue;
            if (!LINES.contains(line)) c.problem("twilio_voice_lines", "names '" + l.strip() + "', which is not a line; the lines are " + LINES);
            else if (!lines.contains(line)) lines.add(line);
        }
        String nl = v.get("twilio_voice_nl");
        String en = v.get("twilio_voice_en");
        for (String[] name : new String[][] {{"twilio_voice_nl", nl}, {"twilio_voice_en", en}}) {
            if (!name[1].matches("[A-Za-z0-9][A-Za-z0-9.-]{1,60}")) c.problem(name[0], "must be a Twilio voice name such as Google.nl-NL-Wavenet-A");
        }
        String rate = v.get("twilio_voice_rate");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{2,3})%").matcher(rate);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 50 || Integer.parseInt(m.group(1)) > 150) {
            c.problem("twilio_voice_rate", "must be a percentage from 50% to 150%, e.g. 90%");
        }
        Duration listen = c.durationBetween("twilio_voice_listen", Duration.ofSeconds(3), Duration.ofSeconds(30));
        int perSecond = 1;
        try {
            perSecond = Integer.parseInt(v.get("twilio_calls_per_second").strip());
            if (perSecond < 1 || perSecond > 100) c.problem("twilio_calls_per_second", "must be a whole number from 1 to 100");
        } catch (NumberFormatException e) {
            c.problem("twilio_calls_per_second", "must be a whole number from 1 to 100");
        }
        return new AppConfig.Voice(List.copyOf(lines), nl, en, rate, listen, Math.max(1, perSecond));
    }

    /**
     * "0" or "off" turns reconciliation off (Duration.ZERO); otherwise an ISO-8601 duration. YAML reads
     * an unquoted {@code off} as the boolean false, so "false" means off too.
     */
    private static Duration reconcileInterval(Map<String, String> v, Check c) {
        String raw = v.get("twilio_reconcile_interval").toLowerCase(Locale.ROOT);
        if (raw.equals("0") || raw.equals("off") || raw.equals("false")) return Duration.ZERO;
        return c.durationBetween("twilio_reconcile_interval", Duration.ofMinutes(1), Duration.ofHours(24));
    }

    private static AppConfig.Telegram telegram(Map<String, String> v, Check c, boolean publicUrlSet) {
        String token = v.get("telegram_bot_token");
        String secret = v.get("telegram_webhook_secret");
        if (token.isEmpty() && secret.isEmpty()) return null;
        if (token.isEmpty()) c.problem("telegram_bot_token", "is missing while TELEGRAM_WEBHOOK_SECRET is set");
        else if (!token.matches("[0-9]{3,}:[A-Za-z0-9_-]{20,}")) c.problem("telegram_bot_token", "does not look like a bot token (digits:letters)");
        String mode = v.get("telegram_mode").toLowerCase(Locale.ROOT);
        if (!mode.equals("webhook") && !mode.equals("polling")) c.problem("telegram_mode", "must be webhook or polling");
        if (mode.equals("webhook")) {
            if (secret.isEmpty()) c.problem("telegram_webhook_secret", "is required in webhook mode (or set TELEGRAM_MODE=polling)");
            if (!publicUrlSet) c.problem("public_base_url", "is required for the Telegram webhook (or set TELEGRAM_MODE=polling)");
        }
        if (!secret.isEmpty() && !secret.matches("[A-Za-z0-9_-]{16,256}")) c.problem("telegram_webhook_secret", "must be 16-256 of A-Z a-z 0-9 _ -");
        String line = v.get("telegram_default_line");
        if (!LINES.contains(line)) c.problem("telegram_default_line", "must be one of " + LINES);
        String base = v.get("telegram_api_base_url").replaceAll("/+$", "");
        // The Telegram client takes scheme, host and port only: a path would be silently dropped.
        if (!isHttpUrl(base)) c.problem("telegram_api_base_url", "must be scheme://host[:port] without a path, e.g. https://api.telegram.org");
        return new AppConfig.Telegram(token, secret.isEmpty() ? null : secret, base, mode, line);
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) && u.getQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses values and records problems with the setting's name, source and fix. */
    private record Check(Map<String, String> v, Map<String, String> origin, List<String> problems) {
        void problem(String key, String what) {
            Setting s = SETTINGS.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            String from = origin.getOrDefault(key, "default");
            problems.add(s.env() + " / " + key + " = '" + v.get(key) + "' (from " + from + ") " + what + " (" + s.help() + ")");
        }

        String text(String key) { return v.get(key); }

        int integer(String key, int min, int max) {
            try {
                int i = Integer.parseInt(v.get(key));
                if (i < min || i > max) problem(key, "must be between " + min + " and " + max);
                return i;
            } catch (NumberFormatException e) {
                problem(key, "must be a whole number");
                return min;
            }
        }

        double decimal(String key, double min, double max) {
            try {
                double d = Double.parseDouble(v.get(key));
                if (!(d >= min && d <= max)) problem(key, "must be between " + min + " and " + max);
                return d;
            } catch (NumberFormatException e) {
                problem(key, "must be a number such as 0.5");
                return min;
            }
        }

        boolean bool(String key) {
            String s = v.get(key).toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("yes") || s.equals("1") || s.equals("on")) return true;
            if (s.equals("false") || s.equals("no") || s.equals("0") || s.equals("off")) return false;
            problem(key, "must be true or false");
            return false;
        }

        Duration durationBetween(String key, Duration min, Duration max) {
            Duration d = duration(key, min);
            if (d.compareTo(max) > 0) problem(key, "must be at most " + max);
            return d;
        }

        Duration duration(String key, Duration min) {
            try {
                Duration d = Duration.parse(v.get(key));
                if (d.compareTo(min) < 0) problem(key, "must be at least " + min);
                return d;
            } catch (DateTimeParseException e) {
                problem(key, "must be an ISO-8601 duration such as PT30S or P180D");
                return min;
            }
        }
    }
}
