package nl.omkijken.testing.fakes;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import nl.omkijken.testing.Await;

/**
 * A small stand-in for api.twilio.com on 127.0.0.1, speaking Twilio's wire format for what the
 * service uses: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with a form body,
 * HTTP Basic auth (AccountSid:AuthToken), answered with 201 and a JSON Message resource
 * ({@code sid} SM..., {@code status} queued), or with Twilio's JSON error body
 * ({@code {"code":21610,"message":...,"more_info":...,"status":400}}).
 *
 * <p>Answers are the default 201 unless a test queues others with {@link #answerNext}: Twilio error
 * codes, 429 with Retry-After, 500, or a slow answer (for read timeouts). Every request is recorded.
 * {@link #callBack} posts a signed status callback to a message's StatusCallback URL, like Twilio.
 */
public final class FakeTwilio implements AutoCloseable {
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH);

    /** One request as the fake received it. */
    public record Received(String accountSidInPath, boolean authorized, Map<String, String> form, int answeredStatus,
                           String answeredSid) {
        public String to() { return form.get("To"); }
        public String from() { return form.get("From"); }
        public String body() { return form.get("Body"); }
        public String statusCallback() { return form.get("StatusCallback"); }
    }

    /** How the fake answers one request. */
    public static final class Answer {
        final int status;
        final JsonObject error;
        final Map<String, String> headers;
        final Duration delay;
        final String rawBody;

        private Answer(int status, JsonObject error, Map<String, String> headers, Duration delay, String rawBody) {
            this.status = status;
            this.error = error;
            this.headers = headers;
            this.delay = delay;
            this.rawBody = rawBody;
        }

        /** 201 and the created message (the default). */
        public static Answer created() {
            return new Answer(201, null, Map.of(), Duration.ZERO, null);
        }

        /** Twilio's error body with {@code code} (e.g. 21610 opted out, 63016 outside the WhatsApp window). */
        public static Answer error(int httpStatus, int code, String message) {
            return new Answer(httpStatus, errorBody(httpStatus, code, message), Map.of(), Duration.ZERO, null);
        }

        /** 429 with Twilio's 20429 body and a Retry-After header in seconds. */
        public static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, errorBody(429, 20429, "Too Many Requests"),
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)), Duration.ZERO, null);
        }

        /** 500 with a body that is not JSON, as a failing proxy in front of Twilio would answer. */
        public static Answer serverError() {
            return new Answer(500, null, Map.of(), Duration.ZERO, "<html><body>Internal Server Error</body></html>");
        }

        /** The message is created (and recorded), but the answer comes only after {@code delay}. */
        public static Answer slow(Duration delay) {
            return new Answer(201, null, Map.of(), delay, null);
        }

        private static JsonObject errorBody(int status, int code, String message) {
            return new JsonObject().put("code", code).put("message", message)
                    .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
        }
    }

    private final Vertx vertx;
    private final String accountSid;
    private final String authToken;
    private final TwilioSigner signer;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> next = new ArrayDeque<>();
    private final AtomicLong sids = new AtomicLong();
    private HttpServer server;

    private FakeTwilio(Vertx vertx, String accountSid, String authToken) {
        this.vertx = vertx;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.signer = new TwilioSigner(authToken);
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeTwilio start(Vertx vertx, String accountSid, String authToken) {
        FakeTwilio fake = new FakeTwilio(vertx, accountSid, authToken);
        Router router = Router.router(vertx);
        router.post("/2010-04-01/Accounts/:sid/Messages.json").handler(BodyHandler.create(false)).handler(fake::messages);
        router.route().handler(ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end(Answer.errorBody(404, 20404, "The requested resource was not found").encode()));
        fake.server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return fake;
    }

    /** Base URL to configure as the Twilio API base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Queues answers for the next requests, in order; after them the fake answers 201 again. */
    public synchronized void answerNext(Answer... answers) {
        next.addAll(List.of(answers));
    }

    /** Everything received so far, in order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages the fake created (answered 201), in order. */
    public synchronized List<Received> created() {
        return received.stream().filter(r -> r.answeredStatus() == 201).toList();
    }

    private void messages(RoutingContext ctx) {
        String sidInPath = ctx.pathParam("sid");
        boolean authorized = sidInPath.equals(accountSid) && basicAuthOk(ctx.request().getHeader("Authorization"));
        Map<String, String> form = new LinkedHashMap<>();
        MultiMap attrs = ctx.request().formAttributes();
        attrs.names().forEach(n -> form.put(n, attrs.get(n)));
        if (!authorized) {
            record(sidInPath, false, form, 401, null);
            ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(401, 20003, "Authenticate").encode());
            return;
        }
        Answer answer;
        synchronized (this) {
            answer = next.isEmpty() ? Answer.created() : next.poll();
        }
        if (answer.status != 201) {
            record(sidInPath, true, form, answer.status, null);
            answer.headers.forEach((k, v) -> ctx.response().putHeader(k, v));
            ctx.response().setStatusCode(answer.status)
                    .putHeader("Content-Type", answer.rawBody != null ? "text/html" : "application/json")
                    .end(answer.rawBody != null ? answer.rawBody : answer.error.encode());
            return;
        }
        if (form.get("To") == null || (form.get("Body") == null && form.get("ContentSid") == null)) {
            record(sidInPath, true, form, 400, null);
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(400, 21602, "Message body is required.").encode());
            return;
        }
        String sid = "SM" + HexFormat.of().toHexDigits(sids.incrementAndGet()) + "0123456789abcdef";
        record(sidInPath, true, form, 201, sid);
        String json = message(sid, form).encode();
        if (answer.delay.isZero()) {
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json);
        } else {
            vertx.setTimer(answer.delay.toMillis(), t -> {
                if (!ctx.response().closed()) {
                    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(json);
                }
            });
        }
    }

    private synchronized void record(String sid, boolean authorized, Map<String, String> form, int status, String messageSid) {
        received.add(new Received(sid, authorized, Map.copyOf(form), status, messageSid));
    }

    private boolean basicAuthOk(String header) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private JsonObject message(String sid, Map<String, String> form) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        return new JsonObject()
                .put("account_sid", accountSid).put("api_version", "2010-04-01")
                .put("body", form.getOrDefault("Body", "")).put("date_created", now).put("date_updated", now)
                .putNull("date_sent").put("direction", "outbound-api").putNull("error_code").putNull("error_message")
                .put("from", form.get("From")).putNull("messaging_service_sid").put("num_media", "0")
                .put("num_segments", "1").putNull("price").put("price_unit", "USD").put("sid", sid).put("status", "queued")
                .put("subresource_uris", new JsonObject().put("media", uri + "/Media.json"))
                .put("to", form.get("To")).put("uri", uri + ".json");
    }

    /**
     * Posts a status callback for a created message to its StatusCallback URL, signed like Twilio
     * signs it. {@code reachAt} replaces the callback URL's scheme and host (the public base URL) with
     * where the service listens, as a reverse proxy would; the signature still covers the public URL.
     *
     * @return the HTTP status the service answered
     */
    public int callBack(Received message, String status, String errorCode, String publicBase, String reachAt) {
        String url = message.statusCallback();
        if (url == null) throw new IllegalStateException("message " + message.answeredSid() + " has no StatusCallback");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsSid", message.answeredSid());
        form.put("SmsStatus", status);
        form.put("MessageStatus", status);
        form.put("To", message.to());
        form.put("MessageSid", message.answeredSid());
        form.put("AccountSid", accountSid);
        form.put("From", message.from());
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) form.put("ErrorCode", errorCode);
        String path = url.startsWith(publicBase) ? url.substring(publicBase.length()) : url;
        return new WebhookClient(reachAt).post(path, "application/x-www-form-urlencoded",
                Forms.encode(form).getBytes(StandardCharsets.UTF_8), Map.of("X-Twilio-Signature", signer.sign(url, form)))
                .statusCode();
    }

    @Override
    public void close() {
        if (server != null) Await.result(server.close());
    }
}
