package nl.omkijken.channels.telegram;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.omkijken.channels.http.BoundedBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/telegram}: Telegram delivers one update per request. The secret header is
 * checked first, in constant time, before the body is even read: a missing or wrong secret gets 403
 * and nothing else happens. Then 413 over 64 KiB, 400 for anything but a JSON update, and 200 only
 * once the update is durably queued (or counted as ignored). A queue that cannot take it gives 503, so
 * Telegram delivers it again; never a 500.
 */
final class TelegramWebhook {
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
    static final String PATH = "/webhooks/telegram";
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final int MAX_BODY = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final byte[] secretDigest;
    private final TelegramIntake intake;
    private final MeterRegistry metrics;

    /** @param secret the webhook secret; null refuses every request */
    TelegramWebhook(String secret, TelegramIntake intake, MeterRegistry metrics) {
        this.secretDigest = secret == null ? null : sha256(secret.getBytes(StandardCharsets.UTF_8));
        this.intake = intake;
        this.metrics = metrics;
    }

    void mount(Router router) {
        router.post(PATH).handler(this::checkSecret);
        router.post(PATH).handler(new BoundedBody(MAX_BODY));
        router.post(PATH).handler(this::receive).failureHandler(this::failed);
    }

    private void checkSecret(RoutingContext ctx) {
        String given = ctx.request().getHeader(SECRET_HEADER);
        // Comparing digests keeps the time independent of where, and whether in length, the values differ.
        boolean ok = secretDigest != null && given != null
                && MessageDigest.isEqual(secretDigest, sha256(given.getBytes(StandardCharsets.UTF_8)));
        if (!ok) {
            rejected(given == null ? "missing_secret" : "wrong_secret");
            // Close the connection: an unread body of a forged request is not worth reading.
            ctx.response().putHeader("Connection", "close");
            answer(ctx, 403, "forbidden");
            return;
        }
        ctx.next();
    }

    private void receive(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            rejected("not_json");
            answer(ctx, 400, "expected a JSON update (Content-Type: application/json)");
            return;
        }
        Buffer body = BoundedBody.of(ctx);
        JsonNode update;
        try {
            update = JSON.readTree(body.getBytes());
        } catch (JacksonException e) {
            rejected("malformed");
            answer(ctx, 400, "the body is not valid JSON in UTF-8");
            return;
        } catch (java.io.IOException e) {
            rejected("malformed");
            answer(ctx, 400, "the body could not be read");
            return;
        }
        if (update == null || update.isMissingNode()) {
            rejected("malformed");
            answer(ctx, 400, "the body is empty");
            return;
        }
        intake.handle(update).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().setStatusCode(200).end();
            } else if (ar.cause() instanceof BadUpdateException bad) {
                rejected("malformed");
                answer(ctx, 400, bad.getMessage());
            } else {
                log.warn("telegram update not stored, Telegram will deliver it again: {}", ar.cause().getClass().getSimpleName());
                answer(ctx, 503, "the update could not be stored; deliver it again later");
            }
        });
    }

    /** Body over the limit (413) or anything unexpected: a status with a reason, never a stack trace. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 503;
        rejected(status == 413 ? "too_large" : status == 503 ? "failed" : "unreadable");
        if (status == 503) log.warn("telegram webhook failed: {}", ctx.failure() == null ? "-" : ctx.failure().getClass().getSimpleName());
        String reason = ctx.failure() instanceof BoundedBody.Refused r ? r.getMessage() : null;
        answer(ctx, status, reason != null ? reason : status == 413 ? "the body is larger than 64 KiB" : status == 503 ? "try again later" : "bad request");
    }

    private void rejected(String reason) {
        metrics.counter("omk_webhook_refused_total", "channel", TelegramSender.CHANNEL, "reason", reason).increment();
    }

    private static void answer(RoutingContext ctx, int status, String reason) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", reason).encode());
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
