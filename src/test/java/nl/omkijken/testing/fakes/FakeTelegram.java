package nl.omkijken.testing.fakes;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import nl.omkijken.testing.Await;

/**
 * A Telegram Bot API on 127.0.0.1 (random port) for tests: {@code POST /bot<token>/<method>} with a
 * JSON, form or multipart body, answering {@code {"ok":true,"result":...}} or Telegram's error shape
 * {@code {"ok":false,"error_code":403,"description":"..."}} with the same HTTP status. Method names
 * are matched case-insensitively (the SDK sends "sendmessage" but "deleteWebhook"). It records every
 * request, checks the token in the path (401 otherwise), serves queued updates to getUpdates
 * (honouring offset, holding an empty poll briefly), remembers setWebhook and can deliver updates
 * to that webhook with its secret, as Telegram does.
 *
 * <p>Switches: {@link #block(long)} (403 "bot was blocked by the user" for a chat),
 * {@link #failNext} (one-off 429 with retry_after, 500, or a stalled answer), {@link #rejectAll}.
 */
public final class FakeTelegram implements AutoCloseable {
    /** Longest time an empty getUpdates is held before answering []; short, so tests stay quick. */
    private static final long MAX_HOLD_MS = 500;

    /** One request as received. {@code method} is lower case; {@code params} holds the body's fields. */
    public record Request(String method, JsonObject params, Instant at) {
        public String param(String name) {
            Object v = params.getValue(name);
            return v == null ? null : String.valueOf(v);
        }
    }

    /** A one-off answer for the next sendMessage; queued ones are used in order. */
    public sealed interface Failure permits Pass, TooManyRequests, ServerError, Refuse, Stall, Unreadable {}

    /** Answers normally (to let a request through before a queued failure). */
    public record Pass() implements Failure {}

    /** Telegram's error with this code and description, e.g. 400 "Bad Request: chat not found". */
    public record Refuse(int code, String description) implements Failure {}

    /** 429 with parameters.retry_after. */
    public record TooManyRequests(int retryAfterSeconds) implements Failure {}

    /**
     * An answer with this status whose body is not the Bot API's JSON (a proxy's page, a cut-off body).
     * With a 2xx the message counts as sent: Telegram may have delivered it.
     */
    public record Unreadable(int status) implements Failure {}

    /** 500 Internal Server Error. */
    public record ServerError() implements Failure {}

    /** Answers only after {@code delay} (so the client's read timeout fires first); the message counts as sent. */
    public record Stall(Duration delay) implements Failure {}

    private final Vertx vertx;
    private final String token;
    private final HttpServer server;
    private final WebClient client;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<JsonObject> updates = new ArrayDeque<>();
    private final List<Promise<Void>> waitingPolls = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Set<String> blocked = new HashSet<>();
    private final AtomicInteger messageIds = new AtomicInteger(1000);
    private final List<Watch> watches = new ArrayList<>();
    private final java.util.Map<Request, Integer> statuses = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private volatile boolean rejectAll;
    private volatile String webhookUrl;
    private volatile String webhookSecret;

    private FakeTelegram(Vertx vertx, String token) {
        this.vertx = vertx;
        this.token = token;
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.post("/:bot/:method").handler(this::handle);
        router.route().handler(ctx -> error(ctx, 404, "Not Found"));
        this.server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        this.client = WebClient.create(vertx);
    }

    /** Starts the fake on its own Vert.x instance; {@link #close()} ends both. */
    public static FakeTelegram start(String token) {
        return new FakeTelegram(Vertx.vertx(), token);
    }

    /** {@code http://127.0.0.1:PORT}, for TELEGRAM_API_BASE_URL. */
    public String baseUrl() { return "http://127.0.0.1:" + server.actualPort(); }

    public List<Request> requests() { return List.copyOf(requests); }

    public List<Request> requests(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return requests.stream().filter(r -> r.method().equals(m)).toList();
    }

    /** The texts sent to a chat with sendMessage, in order (including refused ones). */
    public List<Request> sentTo(long chatId) {
        return requests("sendMessage").stream().filter(r -> String.valueOf(chatId).equals(r.param("chat_id"))).toList();
    }

    public void clear() {
        requests.clear();
        statuses.clear();
    }

    private record Watch(String method, java.util.function.Predicate<Request> match, Promise<Request> promise) {}

    /**
     * Completes with the first request of {@code method} that matches, already received or still to
     * come: for awaiting a send instead of sleeping.
     */
    public Future<Request> awaitRequest(String method, java.util.function.Predicate<Request> match) {
        String m = method.toLowerCase(Locale.ROOT);
        Promise<Request> p = Promise.promise();
        synchronized (watches) {
            for (Request r : requests) {
                if (r.method().equals(m) && match.test(r)) {
                    p.complete(r);
                    return p.future();
                }
            }
            watches.add(new Watch(m, match, p));
        }
        return p.future();
    }

    /** Completes when {@code count} requests of {@code method} match. */
    public Future<List<Request>> awaitRequests(String method, int count, java.util.function.Predicate<Request> match) {
        return awaitRequest(method, r -> match.test(r) && requests(method).stream().filter(match).count() >= count)
                .map(r -> requests(method).stream().filter(match).toList());
    }

    private void record(Request r) {
        requests.add(r);
        synchronized (watches) {
            watches.removeIf(w -> {
                if (!w.method().equals(r.method()) || !w.match().test(r)) return false;
                w.promise().tryComplete(r);
                return true;
            });
        }
    }

    /** Queues an update for getUpdates (long polling). */
    public synchronized void queueUpdate(JsonObject update) {
        updates.add(update.copy());
        List<Promise<Void>> polls = new ArrayList<>(waitingPolls);
        waitingPolls.clear();
        polls.forEach(p -> vertx.runOnContext(v -> p.tryComplete()));
    }

    /** Updates not yet confirmed by a getUpdates with a higher offset. */
    public synchronized int pendingUpdates() { return updates.size(); }

    /** From now on sendMessage to this chat answers 403 "Forbidden: bot was blocked by the user". */
    public synchronized void block(long chatId) { blocked.add(String.valueOf(chatId)); }

    public synchronized void failNext(Failure f) { failures.add(f); }

    /** Every method answers 500 (true) or works again (false). */
    public void rejectAll(boolean on) { rejectAll = on; }

    public String webhookUrl() { return webhookUrl; }

    /** Delivers an update to the registered webhook with the registered secret, like Telegram; the HTTP status. */
    public int deliverToWebhook(String updateJson) {
        if (webhookUrl == null) throw new IllegalStateException("no webhook registered with setWebhook");
        var req = client.postAbs(webhookUrl).putHeader("Content-Type", "application/json");
        if (webhookSecret != null) req.putHeader("X-Telegram-Bot-Api-Secret-Token", webhookSecret);
        return Await.result(req.sendBuffer(io.vertx.core.buffer.Buffer.buffer(updateJson))).statusCode();
    }

    private void handle(RoutingContext ctx) {
        String bot = ctx.pathParam("bot");
        String method = ctx.pathParam("method").toLowerCase(Locale.ROOT);
        if (!bot.equals("bot" + token)) {
            record(new Request(method, new JsonObject().put("token_ok", false), Instant.now()));
            error(ctx, 401, "Unauthorized");
            return;
        }
        JsonObject params = params(ctx);
        Request request = new Request(method, params, Instant.now());
        ctx.put(Request.class.getName(), request);
        record(request);
        if (rejectAll) {
            error(ctx, 500, "Internal Server Error");
            return;
        }
        switch (method) {
            case "getme":
                ok(ctx, new JsonObject().put("id", Long.parseLong(token.substring(0, token.indexOf(':'))))
                        .put("is_bot", true).put("first_name", "Omkijken test").put("username", "omkijken_test_bot"));
                break;
            case "sendmessage":
                sendMessage(ctx, params);
                break;
            case "answercallbackquery":
                if (params.getString("callback_query_id") == null) error(ctx, 400, "Bad Request: query id is empty");
                else ok(ctx, true);
                break;
            case "getupdates":
                getUpdates(ctx, params);
                break;
            case "setwebhook":
                webhookUrl = params.getString("url");
                webhookSecret = params.getString("secret_token");
                ok(ctx, true);
                break;
            case "deletewebhook":
                webhookUrl = null;
                webhookSecret = null;
                if ("true".equals(String.valueOf(params.getValue("drop_pending_updates")))) {
                    synchronized (this) { updates.clear(); }
                }
                ok(ctx, true);
                break;
            default:
                error(ctx, 404, "Not Found: method not found");
        }
    }

    private void sendMessage(RoutingContext ctx, JsonObject p) {
        String chat = p.getValue("chat_id") == null ? null : String.valueOf(p.getValue("chat_id"));
        String text = p.getString("text");
        if (chat == null) { error(ctx, 400, "Bad Request: chat_id is empty"); return; }
        if (text == null || text.isEmpty()) { error(ctx, 400, "Bad Request: message text is empty"); return; }
        if (text.length() > 4096) { error(ctx, 400, "Bad Request: message is too long"); return; }
        Failure f;
        synchronized (this) {
            if (blocked.contains(chat)) {
                error(ctx, 403, "Forbidden: bot was blocked by the user");
                return;
            }
            f = failures.poll();
        }
        if (f instanceof TooManyRequests t) {
            answered(ctx, 429);
            ctx.response().setStatusCode(429).putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("ok", false).put("error_code", 429).put("description", "Too Many Requests: retry after " + t.retryAfterSeconds())
                    .put("parameters", new JsonObject().put("retry_after", t.retryAfterSeconds())).encode());
            return;
        }
        if (f instanceof ServerError) {
            error(ctx, 500, "Internal Server Error");
            return;
        }
        if (f instanceof Refuse r) {
            error(ctx, r.code(), r.description());
            return;
        }
        JsonObject message = new JsonObject().put("message_id", messageIds.incrementAndGet())
                .put("date", Instant.now().getEpochSecond())
                .put("chat", new JsonObject().put("id", Long.parseLong(chat)).put("type", "private"))
                .put("text", text);
        if (p.getValue("reply_markup") != null) message.put("reply_markup", p.getValue("reply_markup"));
        if (f instanceof Unreadable u) {
            answered(ctx, u.status());
            ctx.response().setStatusCode(u.status()).putHeader("Content-Type", "text/html").end("<html>upstream said something</html>");
            return;
        }
        if (f instanceof Stall s) {
            vertx.setTimer(s.delay().toMillis(), id -> { if (!ctx.response().closed()) ok(ctx, message); });
            return;
        }
        ok(ctx, message);
    }

    private void getUpdates(RoutingContext ctx, JsonObject p) {
        long offset = p.getValue("offset") == null ? 0 : Long.parseLong(String.valueOf(p.getValue("offset")));
        int limit = p.getValue("limit") == null ? 100 : Integer.parseInt(String.valueOf(p.getValue("limit")));
        long timeout = p.getValue("timeout") == null ? 0 : Long.parseLong(String.valueOf(p.getValue("timeout")));
        JsonArray out = take(offset, limit);
        if (!out.isEmpty() || timeout <= 0) {
            ok(ctx, out);
            return;
        }
        Promise<Void> news = Promise.promise();
        synchronized (this) { waitingPolls.add(news); }
        long timer = vertx.setTimer(Math.min(timeout * 1000, MAX_HOLD_MS), id -> news.tryComplete());
        news.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            if (!ctx.response().closed()) ok(ctx, take(offset, limit));
        });
    }

    /** Confirms (forgets) updates below offset, as Telegram does, and returns the next ones. */
    private synchronized JsonArray take(long offset, int limit) {
        while (!updates.isEmpty() && updates.peek().getLong("update_id") < offset) updates.poll();
        JsonArray out = new JsonArray();
        for (JsonObject u : updates) {
            if (out.size() >= limit) break;
            out.add(u);
        }
        return out;
    }

    private static JsonObject params(RoutingContext ctx) {
        JsonObject p = new JsonObject();
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json") && ctx.body().length() > 0) {
            p = ctx.body().asJsonObject();
        } else {
            // form or multipart (the SDK sends setWebhook as multipart)
            for (var e : ctx.request().formAttributes()) p.put(e.getKey(), e.getValue());
        }
        return p;
    }

    /** The HTTP status the fake answered (0 while not answered yet). */
    public int status(Request r) {
        Integer s = statuses.get(r);
        return s == null ? 0 : s;
    }

    /** True when the fake answered the request with an error. */
    public boolean refused(Request r) {
        int s = status(r);
        return s != 0 && s != 200;
    }

    private void answered(RoutingContext ctx, int status) {
        Request r = ctx.get(Request.class.getName());
        if (r != null) statuses.put(r, status);
    }

    private void ok(RoutingContext ctx, Object result) {
        answered(ctx, 200);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("ok", true).put("result", result).encode());
    }

    private void error(RoutingContext ctx, int code, String description) {
        answered(ctx, code);
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("ok", false).put("error_code", code).put("description", description).encode());
    }

    @Override
    public void close() {
        client.close();
        Await.result(server.close());
        Await.result(vertx.close());
    }
}
