package nl.omkijken.channels.telegram;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import nl.omkijken.runner.SendFailure;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * What a failed Bot API call means for the outbox. Telegram answers errors as
 * {@code {"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}};
 * the SDK turns that into a {@link TelegramApiRequestException} with the code and, for 429, the
 * {@code parameters.retry_after} seconds. Network errors arrive as the SDK's exception with the
 * IOException as cause. Messages of the failures name codes only, never the bot token or text.
 */
final class SendFailures {
    /** When Telegram says 429 without retry_after, wait this long. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private SendFailures() {}

    static SendFailure classify(Throwable e) {
        if (e instanceof SendFailure sf) return sf;
        TelegramApiRequestException api = find(e, TelegramApiRequestException.class);
        if (api != null && api.getErrorCode() != null && api.getErrorCode() > 0) return fromApi(api);
        if (find(e, TelegramApiValidationException.class) != null) {
            return new SendFailure(SendFailure.Kind.PERMANENT, "invalid_request", null, "the SDK refused the request as invalid");
        }
        Throwable io = ioCause(e);
        if (io != null) return fromIo(io);
        if (api != null) {
            // An answer came back but was not the Bot API's JSON (a proxy's 502 page, say): nothing was accepted.
            return new SendFailure(SendFailure.Kind.RETRY, "unreadable_response", null, "unreadable Bot API response");
        }
        return new SendFailure(SendFailure.Kind.RETRY, null, null, e.getClass().getSimpleName());
    }

    private static SendFailure fromApi(TelegramApiRequestException api) {
        int code = api.getErrorCode();
        String c = String.valueOf(code);
        if (code == 403) {
            // Blocked by the user, user deactivated, or the bot cannot start a chat: no more sends.
            return new SendFailure(SendFailure.Kind.OPTED_OUT, c, null, "Telegram refused: 403");
        }
        if (code == 429) {
            Integer seconds = api.getParameters() == null ? null : api.getParameters().getRetryAfter();
            Duration wait = seconds == null || seconds < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds);
            return new SendFailure(SendFailure.Kind.RETRY, c, wait, "Telegram rate limit: retry after " + wait.toSeconds() + " s");
        }
        if (code >= 500) return new SendFailure(SendFailure.Kind.RETRY, c, null, "Telegram server error " + c);
        return new SendFailure(SendFailure.Kind.PERMANENT, c, null, "Telegram refused: " + c);
    }

    private static SendFailure fromIo(Throwable io) {
        if (io instanceof TelegramApi.UnreadableSuccess) {
            // Telegram (or something in between) said yes in a form we cannot read: it may have delivered
            // the message, so it is not sent again blindly (it had been resent 1,772 times in a test).
            return new SendFailure(SendFailure.Kind.AMBIGUOUS, "unreadable_success", null, io.getMessage());
        }
        if (io instanceof ConnectException || io instanceof UnknownHostException || io instanceof NoRouteToHostException
                || io instanceof SSLHandshakeException) {
            return new SendFailure(SendFailure.Kind.RETRY, "connect", null, "could not connect: " + io.getClass().getSimpleName());
        }
        String m = io.getMessage() == null ? "" : io.getMessage().toLowerCase(Locale.ROOT);
        if (io instanceof InterruptedIOException && m.contains("connect")) {
            return new SendFailure(SendFailure.Kind.RETRY, "connect", null, "connect timed out");
        }
        // The request went out and no answer came (read timeout, connection reset): Telegram may have
        // delivered the message, so it must not be sent again blindly.
        return new SendFailure(SendFailure.Kind.AMBIGUOUS, "timeout", null, "no answer after sending: " + io.getClass().getSimpleName());
    }

    private static Throwable ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && !(t instanceof com.fasterxml.jackson.core.JacksonException)) return t;
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
