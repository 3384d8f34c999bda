package nl.omkijken.bench.resilience;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for api.twilio.com on 127.0.0.1, in Twilio's wire format:
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{sid}/Messages.json} (form: To, From, Body, StatusCallback):
 *       in the current {@link ProviderPhase}; a message it takes is recorded (To, Body and the
 *       {@code outbound} parameter of the StatusCallback URL, in arrival order), listed, and about
 *       200 ms later reported to its StatusCallback URL with a signed callback (MessageStatus=sent),
 *       as Twilio does for a message it accepted;</li>
 *   <li>{@code GET .../Messages.json?To=&From=&DateSent>=} lists the messages it took, newest first,
 *       in pages ({@code messages}, {@code next_page_uri}), so the service can find out whether a send
 *       it is unsure of reached Twilio;</li>
 *   <li>{@code GET .../Messages/{sid}/Media.json}: an empty media list.</li>
 * </ul>
 */
final class FakeTwilioApi {
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final long CALLBACK_DELAY_MS = 200;

    /** A message Twilio has, as its list shows it. */
    private record Listed(String sid, String from, String to, String body, Instant dateSent) {}

    private final Vertx vertx;
    private final String accountSid;
    private final TwilioSigner signer;
    private final ProviderLog log;
    private final List<Listed> listed = new ArrayList<>();
    private final AtomicLong sids = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong callbacksOk = new AtomicLong();
    final AtomicLong callbacksFailed = new AtomicLong();
    final AtomicLong listCalls = new AtomicLong();
    private volatile ProviderPhase phase = ProviderPhase.NORMAL;
    private WebClient client;
    private HttpServer server;

    FakeTwilioApi(Vertx vertx, String accountSid, String authToken, ProviderLog log) {
        this.vertx = vertx;
        this.accountSid = accountSid;
        this.signer = new TwilioSigner(authToken);
        this.log = log;
    }

    Future<Integer> start() {
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setIdleTimeout(10));
        Router router = Router.router(vertx);
        router.post("/2010-04-01/Accounts/:sid/Messages.json").handler(BodyHandler.create(false)).handler(this::create);
        router.get("/2010-04-01/Accounts/:sid/Messages.json").handler(this::list);
        router.get("/2010-04-01/Accounts/:sid/Messages/:message/Media.json").handler(ctx -> json(ctx, 200,
                new JsonObject().put("media_list", new JsonArray()).putNull("next_page_uri").put("page", 0).put("page_size", 50)));
        router.route().handler(ctx -> json(ctx, 404, error(404, 20404, "The requested resource was not found")));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    String baseUrl() { return "http://127.0.0.1:" + server.actualPort(); }

    void phase(ProviderPhase p) { phase = p; }

    private void create(RoutingContext ctx) {
        requests.incrementAndGet();
        ProviderPhase p = phase;
        MultiMap form = ctx.request().formAttributes();
        String to = form.get("To");
        String from = form.get("From");
        String body = form.get("Body");
        if (p.kind() == ProviderPhase.Kind.ERROR_500) {
            json(ctx, 500, error(500, 20500, "Internal Server Error"));
            return;
        }
        if (p.kind() == ProviderPhase.Kind.TOO_MANY_REQUESTS) {
            ctx.response().putHeader("Retry-After", String.valueOf(p.seconds()));
            json(ctx, 429, error(429, 20429, "Too Many Requests"));
            return;
        }
        if (to == null || (body == null && form.get("ContentSid") == null)) {
            json(ctx, 400, error(400, 21602, "Message body is required."));
            return;
        }
        String sid = String.format("SM%032x", sids.incrementAndGet());
        String callback = form.get("StatusCallback");
        Instant now = Instant.now();
        synchronized (this) {
            listed.add(new Listed(sid, from, to, body, now.truncatedTo(ChronoUnit.SECONDS)));
        }
        log.add(conversationOf(to), body, outboundOf(callback));
        if (callback != null) vertx.setTimer(CALLBACK_DELAY_MS, t -> callBack(callback, sid, to, from));
        JsonObject message = message(sid, to, from, body, now);
        switch (p.kind()) {
            case SLOW:
                vertx.setTimer(p.seconds() * 1000L, t -> {
                    if (!ctx.response().closed()) json(ctx, 201, message);
                });
                break;
            case UNREADABLE_2XX:
                ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html><body>OK</body></html>");
                break;
            default:
                json(ctx, 201, message);
        }
    }

    /** The conversation id the service gives this recipient: channel and the number without prefix. */
    static String conversationOf(String to) {
        if (to == null) return "?";
        return to.startsWith("whatsapp:") ? "whatsapp:" + to.substring("whatsapp:".length()) : "sms:" + to;
    }

    /** The {@code outbound} parameter of the StatusCallback URL: the service's id of the reply. */
    static String outboundOf(String callbackUrl) {
        if (callbackUrl == null) return null;
        String q = URI.create(callbackUrl).getRawQuery();
        if (q == null) return null;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("outbound")) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** A signed status callback, as Twilio posts it; one attempt, like Twilio. */
    private void callBack(String url, String sid, String to, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", "2010-04-01");
        form.put("From", from);
        form.put("MessageSid", sid);
        form.put("MessageStatus", "sent");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "sent");
        form.put("To", to);
        client.postAbs(url).putHeader("Content-Type", "application/x-www-form-urlencoded")
                .putHeader("X-Twilio-Signature", signer.sign(url, form)).timeout(10_000)
                .sendBuffer(Buffer.buffer(TwilioSigner.encode(form)))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() == 200) callbacksOk.incrementAndGet();
                    else callbacksFailed.incrementAndGet();
                });
    }

    /** The message list: filters To, From, DateSent (on), DateSent&gt; / &gt;= (on or after), DateSent&lt; / &lt;=; newest first. */
    private void list(RoutingContext ctx) {
        listCalls.incrementAndGet();
        MultiMap q = ctx.queryParams();
        String to = q.get("To");
        String from = q.get("From");
        Instant after;
        Instant before;
        Instant on;
        try {
            after = bound(first(q.get("DateSent>="), q.get("DateSent>")), false);
            before = bound(first(q.get("DateSent<="), q.get("DateSent<")), true);
            on = bound(q.get("DateSent"), false);
        } catch (RuntimeException e) {
            json(ctx, 400, error(400, 20001, "DateSent must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"));
            return;
        }
        int pageSize = q.get("PageSize") == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(q.get("PageSize"))));
        int page = q.get("Page") == null ? 0 : Integer.parseInt(q.get("Page"));
        List<Listed> matching = new ArrayList<>();
        synchronized (this) {
            for (int i = listed.size() - 1; i >= 0; i--) {
                Listed m = listed.get(i);
                if (to != null && !to.equals(m.to())) continue;
                if (from != null && !from.equals(m.from())) continue;
                if (after != null && m.dateSent().isBefore(after)) continue;
                if (before != null && m.dateSent().isAfter(before)) continue;
                if (on != null && !m.dateSent().truncatedTo(ChronoUnit.DAYS).equals(on.truncatedTo(ChronoUnit.DAYS))) continue;
                matching.add(m);
            }
        }
        int start = Math.min(page * pageSize, matching.size());
        int end = Math.min(start + pageSize, matching.size());
        String account = ctx.pathParam("sid");
        JsonArray messages = new JsonArray();
        for (Listed m : matching.subList(start, end)) messages.add(listedJson(account, m));
        String base = "/2010-04-01/Accounts/" + account + "/Messages.json";
        StringBuilder filters = new StringBuilder();
        for (String k : List.of("To", "From", "DateSent", "DateSent>", "DateSent>=", "DateSent<", "DateSent<=")) {
            if (q.get(k) != null) filters.append(enc(k)).append('=').append(enc(q.get(k))).append('&');
        }
        JsonObject body = new JsonObject().put("messages", messages).put("page", page).put("page_size", pageSize)
                .put("start", start).put("end", Math.max(start, end - 1))
                .put("first_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=0")
                .put("uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=" + page);
        if (end < matching.size()) {
            body.put("next_page_uri", base + "?" + filters + "PageSize=" + pageSize + "&Page=" + (page + 1) + "&PageToken=PT" + (page + 1));
        } else {
            body.putNull("next_page_uri");
        }
        body.putNull("previous_page_uri");
        json(ctx, 200, body);
    }

    private static String first(String a, String b) { return a != null ? a : b; }

    private static Instant bound(String v, boolean upper) {
        if (v == null) return null;
        if (v.length() == 10) {
            LocalDate d = LocalDate.parse(v);
            return upper ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1) : d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return LocalDateTime.parse(v.endsWith("Z") ? v.substring(0, v.length() - 1) : v).toInstant(ZoneOffset.UTC);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonObject listedJson(String account, Listed m) {
        String date = ZonedDateTime.ofInstant(m.dateSent(), ZoneOffset.UTC).format(RFC_2822);
        String uri = "/2010-04-01/Accounts/" + account + "/Messages/" + m.sid();
        return new JsonObject().put("account_sid", account).put("api_version", "2010-04-01").put("body", m.body())
                .put("date_created", date).put("date_sent", date).put("date_updated", date).put("direction", "outbound-api")
                .putNull("error_code").putNull("error_message").put("from", m.from()).putNull("messaging_service_sid")
                .put("num_media", "0").put("num_segments", "1").putNull("price").put("price_unit", "USD").put("sid", m.sid())
                .put("status", "sent").put("subresource_uris", new JsonObject().put("media", uri + "/Media.json"))
                .put("to", m.to()).put("uri", uri + ".json");
    }

    private JsonObject message(String sid, String to, String from, String body, Instant at) {
        String now = ZonedDateTime.ofInstant(at, ZoneOffset.UTC).format(RFC_2822);
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        return new JsonObject().put("account_sid", accountSid).put("api_version", "2010-04-01").put("body", body)
                .put("date_created", now).put("date_updated", now).putNull("date_sent").put("direction", "outbound-api")
                .putNull("error_code").putNull("error_message").put("from", from).putNull("messaging_service_sid")
                .put("num_media", "0").put("num_segments", "1").putNull("price").put("price_unit", "USD").put("sid", sid)
                .put("status", "queued").put("subresource_uris", new JsonObject().put("media", uri + "/Media.json"))
                .put("to", to).put("uri", uri + ".json");
    }

    private static JsonObject error(int status, int code, String message) {
        return new JsonObject().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    Future<Void> close() {
        if (client != null) client.close();
        return server == null ? Future.succeededFuture() : server.close();
    }
}
