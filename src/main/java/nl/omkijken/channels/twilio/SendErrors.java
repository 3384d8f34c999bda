package nl.omkijken.channels.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLHandshakeException;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.runner.SendFailure.Kind;
import org.apache.hc.core5.http.Header;

/**
 * What a failed Twilio call means for the outbox. The rule behind it: resend only when Twilio
 * provably did not take the message (it said "later": 429 or 5xx, or we never reached it); when it
 * may have taken it (a timeout after the request went out, an answer we could not read), never.
 */
final class SendErrors {
    /** The person replied STOP; Twilio refuses to send until they reply START. */
    static final int OPTED_OUT = 21610;
    /**
     * "Channel message blocked by user action": the person blocked our sender in the channel (WhatsApp)
     * or withdrew consent. Treated as an opt-out, like 21610 (see docs/TWILIO.md for why, and why the
     * neighbouring codes are not).
     */
    static final int BLOCKED_BY_USER = 63014;
    /** WhatsApp: a free-form message outside the 24-hour customer service window. */
    static final int OUTSIDE_WINDOW = 63016;

    private SendErrors() {}

    static SendFailure classify(RuntimeException e, Response answer, Clock clock) {
        Integer code = e instanceof ApiException a ? a.getCode() : null;
        if (code != null && isOptOut(code)) {
            return new SendFailure(Kind.OPTED_OUT, String.valueOf(code), null, "recipient opted out or blocked us (" + code + ")");
        }
        if (code != null && code == OUTSIDE_WINDOW) {
            return new SendFailure(Kind.PERMANENT, String.valueOf(OUTSIDE_WINDOW), null,
                    "outside the WhatsApp 24-hour window and no template configured (63016)");
        }
        Integer status = answer != null ? Integer.valueOf(answer.getStatusCode())
                : e instanceof ApiException a ? a.getStatusCode() : null;
        if (status != null && status > 0) {
            if (status >= 200 && status < 300) {
                // Twilio accepted it, but the SDK could not read the answer: it may well be on its way.
                return new SendFailure(Kind.AMBIGUOUS, "unreadable_answer", null, "Twilio answered " + status + " but the answer was unreadable");
            }
            if (status == 429 || status >= 500) {
                return new SendFailure(Kind.RETRY, String.valueOf(status), retryAfter(answer, clock), "Twilio answered " + status);
            }
            String c = code != null ? String.valueOf(code) : String.valueOf(status);
            return new SendFailure(Kind.PERMANENT, c, null, "Twilio refused the message (" + c + ")");
        }
        Throwable io = rootCause(e);
        if (neverSent(io) || (e instanceof ApiConnectionException && e.getCause() == null)) {
            return new SendFailure(Kind.RETRY, "connect", null, "could not reach Twilio: " + io.getClass().getSimpleName());
        }
        String what = io instanceof SocketTimeoutException ? "timeout" : "io";
        return new SendFailure(Kind.AMBIGUOUS, what, null, "no answer from Twilio after sending: " + io.getClass().getSimpleName());
    }

    /** True for the error codes that mean the person does not want our messages: 21610 and 63014. */
    static boolean isOptOut(int code) {
        return code == OPTED_OUT || code == BLOCKED_BY_USER;
    }

    /** {@link #isOptOut(int)} for an ErrorCode as a status callback carries it; false for null or junk. */
    static boolean isOptOut(String code) {
        if (code == null) return false;
        try {
            return isOptOut(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Failures that happen before a single byte of the request went out. */
    private static boolean neverSent(Throwable t) {
        return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                || t instanceof SSLHandshakeException
                || t instanceof org.apache.hc.client5.http.ConnectTimeoutException;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Response answer, Clock clock) {
        if (answer == null || answer.getHeaders() == null) return null;
        for (Header h : answer.getHeaders()) {
            if (!"Retry-After".equalsIgnoreCase(h.getName()) || h.getValue() == null) continue;
            String v = h.getValue().trim();
            try {
                long seconds = Long.parseLong(v);
                return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return d.isNegative() ? Duration.ZERO : d;
                } catch (RuntimeException notADate) {
                    return null;
                }
            }
        }
        return null;
    }
}
