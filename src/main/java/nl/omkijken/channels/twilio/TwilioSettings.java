package nl.omkijken.channels.twilio;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Twilio adapter needs to know, mapped by the app from its configuration. The adapter
 * reads nothing else (no environment, no files).
 *
 * @param accountSid         our account (AC...): webhooks naming another account are refused
 * @param authToken          signs the webhooks and authenticates REST calls; never logged
 * @param apiBaseUrl         base of the Twilio REST API, e.g. https://api.twilio.com (no trailing slash)
 * @param publicBaseUrl      the URL Twilio calls us on, e.g. https://omkijken.example.nl; webhook
 *                           signatures are checked against it, never against the URL the request
 *                           arrived on (behind a proxy that is an internal one)
 * @param numbersByLine      our numbers per line, exactly as Twilio sends them in {@code To}:
 *                           "+3197010200300" for SMS, "whatsapp:+3197010200300" for WhatsApp
 * @param whatsappContentSid approved WhatsApp template (HX...) sent instead of a reply that falls
 *                           outside the 24-hour window (error 63016), or null
 * @param readTimeout        how long a REST call may wait for Twilio's answer; a send that times out
 *                           is ambiguous (Twilio may have accepted it) and is never resent blindly
 * @param reconciliation     the periodic re-reading of inbound messages whose webhook never reached us,
 *                           or {@link Reconciliation#OFF}
 */
public record TwilioSettings(String accountSid, String authToken, String apiBaseUrl, String publicBaseUrl,
                             Map<String, List<String>> numbersByLine, String whatsappContentSid,
                             Duration readTimeout, Reconciliation reconciliation) {
    public static final String PRODUCTION_API = "https://api.twilio.com";
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How often and how far back {@link TwilioReconciler} lists our numbers' inbound messages.
     *
     * @param interval         time between rounds; zero: off
     * @param grace            messages younger than this are left to their webhook, which may still be
     *                         on its way
     * @param inboundDedupeTtl how long the inbound queue remembers a MessageSid; a round never looks
     *                         further back than this minus {@link #MARGIN}, or a message whose dedupe key
     *                         has expired would be taken (and answered) a second time
     */
    public record Reconciliation(Duration interval, Duration grace, Duration inboundDedupeTtl) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
        public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);
        /** Room for clocks that differ and for the time between a message's date_sent and its webhook's offer. */
        public static final Duration MARGIN = Duration.ofHours(2);
        public static final Reconciliation OFF = new Reconciliation(Duration.ZERO, DEFAULT_GRACE, null);

        public Reconciliation {
            if (interval == null) interval = Duration.ZERO;
            if (grace == null) grace = DEFAULT_GRACE;
            if (interval.isNegative()) throw new IllegalArgumentException("Twilio reconciliation interval must not be negative");
            if (grace.isNegative()) throw new IllegalArgumentException("Twilio reconciliation grace period must not be negative");
            if (!interval.isZero()) {
                if (inboundDedupeTtl == null) {
                    throw new IllegalArgumentException("Twilio reconciliation needs the inbound dedupe TTL");
                }
                if (inboundDedupeTtl.minus(MARGIN).compareTo(grace) <= 0) {
                    throw new IllegalArgumentException("Twilio reconciliation: the inbound dedupe TTL (" + inboundDedupeTtl
                            + ") minus " + MARGIN + " must be longer than the grace period (" + grace + ")");
                }
            }
        }

        public boolean on() {
            return !interval.isZero();
        }

        /** The oldest a message may be for a round to take it. */
        public Duration maxLookBack() {
            return inboundDedupeTtl == null ? Duration.ZERO : inboundDedupeTtl.minus(MARGIN);
        }
    }

    public TwilioSettings {
        require(accountSid, "accountSid");
        require(authToken, "authToken");
        apiBaseUrl = trimSlash(apiBaseUrl == null || apiBaseUrl.isBlank() ? PRODUCTION_API : apiBaseUrl);
        publicBaseUrl = trimSlash(require(publicBaseUrl, "publicBaseUrl"));
        if (numbersByLine == null || numbersByLine.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("Twilio settings need at least one number of a line");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        numbersByLine.forEach((line, numbers) -> copy.put(line, List.copyOf(numbers)));
        numbersByLine = java.util.Collections.unmodifiableMap(copy);
        if (whatsappContentSid != null && whatsappContentSid.isBlank()) whatsappContentSid = null;
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) readTimeout = DEFAULT_READ_TIMEOUT;
        if (reconciliation == null) reconciliation = Reconciliation.OFF;
    }

    /** Settings without reconciliation. */
    public TwilioSettings(String accountSid, String authToken, String apiBaseUrl, String publicBaseUrl,
                          Map<String, List<String>> numbersByLine, String whatsappContentSid, Duration readTimeout) {
        this(accountSid, authToken, apiBaseUrl, publicBaseUrl, numbersByLine, whatsappContentSid, readTimeout,
                Reconciliation.OFF);
    }

    /** Settings with the default read timeout and without reconciliation. */
    public TwilioSettings(String accountSid, String authToken, String apiBaseUrl, String publicBaseUrl,
                          Map<String, List<String>> numbersByLine, String whatsappContentSid) {
        this(accountSid, authToken, apiBaseUrl, publicBaseUrl, numbersByLine, whatsappContentSid, DEFAULT_READ_TIMEOUT);
    }

    /** These settings with {@code reconciliation} instead. */
    public TwilioSettings withReconciliation(Reconciliation reconciliation) {
        return new TwilioSettings(accountSid, authToken, apiBaseUrl, publicBaseUrl, numbersByLine, whatsappContentSid,
                readTimeout, reconciliation);
    }

    /** All our numbers, each once, in the order of the lines. */
    public List<String> numbers() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        numbersByLine.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** The line whose numbers include {@code to} (exactly as Twilio sends it), or null. */
    public String lineOf(String to) {
        if (to == null) return null;
        for (var e : numbersByLine.entrySet()) if (e.getValue().contains(to)) return e.getKey();
        return null;
    }

    /**
     * Our number of {@code line} for {@code channel} ("sms" or "whatsapp"), for messages the service
     * starts itself (a check-in): the line's first number of that kind, or null.
     */
    public String numberOf(String line, String channel) {
        boolean whatsapp = TwilioAddress.WHATSAPP.equals(channel);
        for (String n : numbersByLine.getOrDefault(line, List.of())) {
            if (n.startsWith(TwilioAddress.WHATSAPP_PREFIX) == whatsapp) return n;
        }
        return null;
    }

    /** The URL Twilio posts delivery callbacks to. */
    public String statusCallbackUrl() {
        return publicBaseUrl + TwilioWebhooks.STATUS_PATH;
    }

    /** Never shows the auth token. */
    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", authToken=***, apiBaseUrl=" + apiBaseUrl
                + ", publicBaseUrl=" + publicBaseUrl + ", lines=" + numbersByLine.keySet()
                + ", whatsappContentSid=" + whatsappContentSid + ", readTimeout=" + readTimeout
                + ", reconciliation=" + reconciliation + "]";
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("Twilio setting " + name + " is missing");
        return value;
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
