package nl.omkijken.bench.resilience;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for api.telegram.org on 127.0.0.1: {@code POST /bot<token>/<method>} with a JSON, form or
 * multipart body, answering {@code {"ok":true,"result":...}}. sendMessage follows the current
 * {@link ProviderPhase}: a message it takes is recorded (chat, text, in arrival order); 500 and 429
 * answer Telegram's error shape ({@code {"ok":false,"error_code":429,"parameters":{"retry_after":N}}}).
 * setWebhook is remembered (URL and secret); other methods answer ok.
 */
final class FakeTelegramApi {
    private final Vertx vertx;
    private final String token;
    private final ProviderLog log;
    private final AtomicLong messageIds = new AtomicLong(1000);
    final AtomicLong requests = new AtomicLong();
    private volatile ProviderPhase phase = ProviderPhase.NORMAL;
    volatile String webhookUrl;
    volatile String webhookSecret;
    private HttpServer server;

    FakeTelegramApi(Vertx vertx, String token, ProviderLog log) {
        this.vertx = vertx;
        this.token = token;
        this.log = log;
    }

    Future<Integer> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.post("/:bot/:method").handler(this::handle);
        router.route().handler(ctx -> error(ctx, 404, "Not Found"));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    String baseUrl() { return "http://127.0.0.1:" + server.actualPort(); }

    void phase(ProviderPhase p) { phase = p; }

    private void handle(RoutingContext ctx) {
        if (!ctx.pathParam("bot").equals("bot" + token)) {
            error(ctx, 401, "Unauthorized");
            return;
        }
        JsonObject params = params(ctx);
        switch (ctx.pathParam("method").toLowerCase(Locale.ROOT)) {
            case "getme":
                ok(ctx, new JsonObject().put("id", Long.parseLong(token.substring(0, token.indexOf(':'))))
                        .put("is_bot", true).put("first_name", "Omkijken suite").put("username", "omkijken_suite_bot"));
                break;
            case "setwebhook":
                webhookUrl = params.getString("url");
                webhookSecret = params.getString("secret_token");
                ok(ctx, true);
                break;
            case "getupdates":
                ok(ctx, new JsonArray());
                break;
            case "sendmessage":
                sendMessage(ctx, params);
                break;
            default:
                ok(ctx, true);
        }
    }

    private void sendMessage(RoutingContext ctx, JsonObject p) {
        requests.incrementAndGet();
        ProviderPhase ph = phase;
        Object chatValue = p.getValue("chat_id");
        String text = p.getString("text");
        if (chatValue == null || text == null || text.isEmpty()) {
            error(ctx, 400, "Bad Request: chat_id or text is empty");
            return;
        }
        String chat = String.valueOf(chatValue);
        if (ph.kind() == ProviderPhase.Kind.ERROR_500) {
            error(ctx, 500, "Internal Server Error");
            return;
        }
        if (ph.kind() == ProviderPhase.Kind.TOO_MANY_REQUESTS) {
            ctx.response().setStatusCode(429).putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("ok", false).put("error_code", 429).put("description", "Too Many Requests: retry after " + ph.seconds())
                    .put("parameters", new JsonObject().put("retry_after", ph.seconds())).encode());
            return;
        }
        log.add("telegram:" + chat, text, null);
        JsonObject message = new JsonObject().put("message_id", messageIds.incrementAndGet())
                .put("date", Instant.now().getEpochSecond())
                .put("chat", new JsonObject().put("id", Long.parseLong(chat)).put("type", "private"))
                .put("text", text);
        switch (ph.kind()) {
            case SLOW:
                vertx.setTimer(ph.seconds() * 1000L, t -> {
                    if (!ctx.response().closed()) ok(ctx, message);
                });
                break;
            case UNREADABLE_2XX:
                ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html><body>OK</body></html>");
                break;
            default:
                ok(ctx, message);
        }
    }

    private static JsonObject params(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json") && ctx.body().length() > 0) {
            return ctx.body().asJsonObject();
        }
        JsonObject p = new JsonObject();
        for (var e : ctx.request().formAttributes()) p.put(e.getKey(), e.getValue());
        return p;
    }

    private static void ok(RoutingContext ctx, Object result) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("ok", true).put("result", result).encode());
    }

    private static void error(RoutingContext ctx, int code, String description) {
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("ok", false).put("error_code", code).put("description", description).encode());
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
