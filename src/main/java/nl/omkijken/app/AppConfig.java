package nl.omkijken.app;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's whole configuration, loaded once at start (defaults, then a YAML file, then
 * environment variables) and validated by {@link ConfigLoader}. See the README for each setting.
 */
public record AppConfig(
        String host,
        int port,
        Http http,
        String publicBaseUrl,
        String redisUrl,          // null: start the embedded Redis
        int embeddedRedisPort,    // 0: any free port
        Path dataDir,
        Path dialogsDir,
        Path modelCacheDir,       // the trained language models, named after a hash of their data
        boolean sandbox,
        String defaultLanguage,
        double nluThreshold,
        Duration retention,
        Duration lockLease,
        String pseudonymKey,      // null: generated once and kept in the data dir
        String addressKey,        // null: generated once and kept in Redis
        Twilio twilio,            // null: SMS and WhatsApp are off
        Telegram telegram,        // null: Telegram is off
        AllowList adminAllow,     // where /console and /metrics may be reached from
        Duration consoleReturnAfter, // a worker gone this long has their conversations put back in their queues
        Path openingHours,        // the lines' opening hours file; null: off (always staffed)
        String onCallNumber,      // the on-call coordinator's phone (E.164), or null
        Mail mail                 // null: no e-mail (a booked talk's invite is a link only)
) {
    public boolean embeddedRedis() { return redisUrl == null; }

    /**
     * How long the HTTP server waits for a slow or silent client, and how many it keeps at once: a
     * helpline's webhooks come from Twilio and Telegram, which send a whole request at once and give
     * up on us after 15 s (Twilio) or 60 s (Telegram), so nothing legitimate needs more.
     *
     * @param idleTimeout    nothing completed on a connection for this long (request headers, a body
     *                       chunk, an answer): closed. Vert.x counts decoded messages, not bytes, so a
     *                       client sending its headers a byte at a time is closed after this too
     * @param bodyTimeout    from a request's headers to the last byte of its body (408)
     * @param maxConnections connections with a request at once; one more is closed at its first request
     */
    public record Http(java.time.Duration idleTimeout, java.time.Duration bodyTimeout, int maxConnections) {}

    /**
     * Twilio Messaging (SMS and WhatsApp) and later Voice.
     *
     * @param numbersByLine our Twilio numbers per line, as Twilio sends them in {@code To}
     *                      ("+3197010200300", "whatsapp:+3197010200300")
     * @param whatsappContentSid approved WhatsApp template (ContentSid) for replies outside the 24-hour window, or null
     * @param reconcileInterval  time between rounds that list inbound messages at Twilio to recover lost
     *                           webhooks; zero: off
     * @param reconcileGrace     messages younger than this are left to their webhook
     */
    public record Twilio(String accountSid, String authToken, String apiBaseUrl,
                         java.util.Map<String, java.util.List<String>> numbersByLine, String whatsappContentSid,
                         Duration reconcileInterval, Duration reconcileGrace, Voice voice) {
        public Twilio(String accountSid, String authToken, String apiBaseUrl,
                      java.util.Map<String, java.util.List<String>> numbersByLine, String whatsappContentSid,
                      Duration reconcileInterval, Duration reconcileGrace) {
            this(accountSid, authToken, apiBaseUrl, numbersByLine, whatsappContentSid, reconcileInterval, reconcileGrace,
                    Voice.DEFAULT);
        }

        /** The line a {@code To} number belongs to, or null when it is not ours. */
        public String lineOf(String to) {
            for (var e : numbersByLine.entrySet()) if (e.getValue().contains(to)) return e.getKey();
            return null;
        }
    }

    /**
     * Twilio Voice: which lines answer calls on their numbers, and how the phone speaks.
     *
     * @param lines       the lines whose numbers answer calls (others say they take messages only)
     * @param dutchVoice  Twilio's name of the Dutch voice, e.g. Google.nl-NL-Wavenet-A
     * @param englishVoice Twilio's name of the English voice, e.g. Google.en-GB-Wavenet-A
     * @param rate        speaking rate, as SSML prosody writes it (90%: a little slower than normal)
     * @param listenFor   how long the phone waits for a key or speech after a question
     * @param callsPerSecond the account's limit for calls placed (the Telefooncirkel's daily calls keep to it)
     */
    public record Voice(java.util.List<String> lines, String dutchVoice, String englishVoice, String rate, Duration listenFor,
                        int callsPerSecond) {
        public static final Voice DEFAULT = new Voice(java.util.List.of("telefooncirkel", "luisterlijn"), "Google.nl-NL-Wavenet-A",
                "Google.en-GB-Wavenet-A", "90%", Duration.ofSeconds(8), 1);
    }

    /**
     * Telegram Bot API.
     *
     * @param mode        "webhook" (Telegram calls PUBLIC_BASE_URL/webhooks/telegram) or "polling"
     * @param defaultLine the line of a chat that did not start with /start LINE
     */
    public record Telegram(String botToken, String webhookSecret, String apiBaseUrl, String mode, String defaultLine) {}

    /**
     * The SMTP server that sends a booked talk's calendar invite to the e-mail address given in the intake.
     *
     * @param security starttls (the server is asked to encrypt, and must), tls (encrypted from the start, port 465) or
     *                 none (a relay on this machine)
     * @param username null: no login
     */
    public record Mail(String host, int port, String security, String username, String password, String from) {
        @Override
        public String toString() {
            return "Mail[" + host + ":" + port + ", " + security + ", from " + from + "]";
        }
    }
}
