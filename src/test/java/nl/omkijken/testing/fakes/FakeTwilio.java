package nl.omkijken.testing.fakes;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import nl.omkijken.testing.Await;

/**
 * A small stand-in for api.twilio.com on 127.0.0.1, speaking Twilio's wire format for what the
 * service uses: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with a form body,
 * HTTP Basic auth (AccountSid:AuthToken), answered with 201 and a JSON Message resource
 * ({@code sid} SM..., {@code status} queued), or with Twilio's JSON error body
 * ({@code {"code":21610,"message":...,"more_info":...,"status":400}}).
 *
 * <p>{@code GET /2010-04-01/Accounts/{AccountSid}/Messages.json} lists the messages Twilio "has":
 * the inbound ones a test added with {@link #addInbound} (and others with {@link #addMessage}), and
 * every message created through the API (as "outbound-api", sent at once), filtered on
 * {@code To}, {@code From} and {@code DateSent}, {@code DateSent>} (on or after), {@code DateSent<}
 * (on or before), newest first, {@code PageSize} per page (default 50), in Twilio's list shape
 * ({@code messages[]}, {@code page}, {@code page_size}, {@code start}, {@code end}, {@code uri},
 * {@code first_page_uri}, {@code next_page_uri} with a {@code PageToken}, {@code previous_page_uri}).
 * Every list call is recorded with when it started and ended ({@link #listCalls}); {@link #answerListNext}
 * and {@link #delayListAnswers} make it fail or slow.
 *
 * <p>Answers are the default 201 unless a test queues others with {@link #answerNext}: Twilio error
 * codes, 429 with Retry-After, 500, or a slow answer (for read timeouts); {@link #optOut} refuses every
 * message to a number with 21610, as Twilio does after STOP. Every request is recorded.
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

    /** A message in Twilio's log, as the list resource shows it. */
    public record Listed(String sid, String direction, String from, String to, String body, int numMedia, Instant dateSent) {}

    /** One GET of the message list as the fake received it, with when it arrived and was answered. */
    public record ListCall(Map<String, String> query, int answeredStatus, int returned, long startedNanos, long endedNanos) {}

    private static final int DEFAULT_PAGE_SIZE = 50;

    private final Vertx vertx;
    private final String accountSid;
    private final String authToken;
    private final TwilioSigner signer;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Answer> next = new ArrayDeque<>();
    private final java.util.Set<String> optedOut = new java.util.HashSet<>();
    private final AtomicLong sids = new AtomicLong();
    private final List<Listed> listed = new ArrayList<>();
    /** Content types of each listed message's attachments, by message SID (the Media subresource). */
    private final Map<String, List<String>> mediaTypes = new java.util.HashMap<>();
    private final List<String> mediaCalls = new ArrayList<>();
    private final List<ListCall> listCalls = new ArrayList<>();
    private final Deque<Answer> nextList = new ArrayDeque<>();
    private volatile Duration listDelay = Duration.ZERO;
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
        router.post("/2010-04-01/Accounts/:sid/Calls.json").handler(BodyHandler.create(false)).handler(fake::calls);
        router.post("/2010-04-01/Accounts/:sid/Calls/:call.json").handler(BodyHandler.create(false)).handler(fake::updateCall);
        router.get("/2010-04-01/Accounts/:sid/Messages.json").handler(fake::list);
        router.get("/2010-04-01/Accounts/:sid/Messages/:message/Media.json").handler(fake::media);
        router.route().handler(ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end(Answer.errorBody(404, 20404, "The requested resource was not found").encode()));
        fake.server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        return fake;
    }

    /** Base URL to configure as the Twilio API base URL, e.g. {@code http://127.0.0.1:41234}. */
    /**
     * The service's environment for Twilio against this fake: its account, token and address, and no reconciliation
     * rounds (a test drives what it needs). Each test adds the numbers of its lines.
     */
    public Map<String, String> serviceEnv() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("TWILIO_ACCOUNT_SID", accountSid);
        env.put("TWILIO_AUTH_TOKEN", authToken);
        env.put("TWILIO_API_BASE_URL", baseUrl());
        env.put("TWILIO_RECONCILE_INTERVAL", "off");
        return env;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Queues answers for the next requests, in order; after them the fake answers 201 again. */
    public synchronized void answerNext(Answer... answers) {
        next.addAll(List.of(answers));
    }

    /**
     * Twilio's own opt-out state, as after the person texted STOP to the number: every later message
     * to {@code to} is refused with 21610 (until {@link #optIn}).
     */
    public synchronized void optOut(String to) {
        optedOut.add(to);
    }

    public synchronized void optIn(String to) {
        optedOut.remove(to);
    }

    /** Everything received so far, in order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages the fake created (answered 201), in order. */
    public synchronized List<Received> created() {
        return received.stream().filter(r -> r.answeredStatus() == 201).toList();
    }

    /** The messages created for one recipient, in order. */
    public List<Received> createdTo(String to) {
        return created().stream().filter(r -> to.equals(r.to())).toList();
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
            if (optedOut.contains(form.get("To"))) {
                answer = Answer.error(400, 21610, "Attempt to send to unsubscribed recipient");
            } else {
                answer = next.isEmpty() ? Answer.created() : next.poll();
            }
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
        // Twilio's log lists what it took at once (sent within moments), as the list resource shows it.
        synchronized (this) {
            listed.add(new Listed(sid, "outbound-api", form.get("From"), form.get("To"), form.getOrDefault("Body", ""), 0,
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
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

    /** A message a person sent to one of our numbers, as Twilio logs it (status "received"); returns it with its new SID. */
    public Listed addInbound(String from, String to, String body, int numMedia, Instant dateSent) {
        return addMessage("inbound", from, to, body, numMedia, dateSent);
    }

    /** An inbound message with attachments of these content types (served by the Media subresource). */
    public synchronized Listed addInbound(String from, String to, String body, List<String> attachmentTypes, Instant dateSent) {
        Listed m = addMessage("inbound", from, to, body, attachmentTypes.size(), dateSent);
        mediaTypes.put(m.sid(), List.copyOf(attachmentTypes));
        return m;
    }

    /** Any message in Twilio's log, e.g. direction "outbound-api" for one sent through the API. */
    public synchronized Listed addMessage(String direction, String from, String to, String body, int numMedia, Instant dateSent) {
        Listed m = new Listed("SM" + UUID.randomUUID().toString().replace("-", ""), direction, from, to, body, numMedia,
                dateSent.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        listed.add(m);
        // Twilio gives every attachment a type; without one named, a photo.
        List<String> types = new ArrayList<>();
        for (int i = 0; i < numMedia; i++) types.add("image/jpeg");
        mediaTypes.put(m.sid(), types);
        return m;
    }

    private boolean mediaFails;

    /** From now on every Media list call fails with a 500 (true) or is served again (false). */
    public synchronized void failMediaLookups(boolean fail) {
        mediaFails = fail;
    }

    /** The message SIDs whose Media list was asked for, in order. */
    public synchronized List<String> mediaCalls() {
        return List.copyOf(mediaCalls);
    }

    /** {@code GET .../Messages/{sid}/Media.json}: the attachments of one message, as Twilio lists them. */
    private void media(RoutingContext ctx) {
        String account = ctx.pathParam("sid");
        String message = ctx.pathParam("message");
        if (!account.equals(accountSid) || !basicAuthOk(ctx.request().getHeader("Authorization"))) {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(401, 20003, "Authenticate").encode());
            return;
        }
        List<String> types;
        boolean fail;
        synchronized (this) {
            mediaCalls.add(message);
            types = mediaTypes.get(message);
            fail = mediaFails;
        }
        if (fail) {
            ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(500, 20500, "Internal Server Error").encode());
            return;
        }
        if (types == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(404, 20404, "The requested resource was not found").encode());
            return;
        }
        String base = "/2010-04-01/Accounts/" + account + "/Messages/" + message + "/Media";
        io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
        for (int i = 0; i < types.size(); i++) {
            String me = String.format("ME%032x", (long) message.hashCode() * 31 + i).substring(0, 34);
            list.add(new JsonObject().put("account_sid", account).put("content_type", types.get(i))
                    .put("date_created", "Mon, 23 Nov 2026 09:00:00 +0000").put("date_updated", "Mon, 23 Nov 2026 09:00:00 +0000")
                    .put("parent_sid", message).put("sid", me).put("uri", base + "/" + me + ".json"));
        }
        JsonObject page = new JsonObject().put("end", Math.max(0, types.size() - 1)).put("first_page_uri", base + ".json?PageSize=50&Page=0")
                .put("media_list", list).putNull("next_page_uri").put("page", 0).put("page_size", 50)
                .putNull("previous_page_uri").put("start", 0).put("uri", base + ".json?PageSize=50&Page=0");
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(page.encode());
    }

    /** Answers for the next list calls, in order (e.g. {@link Answer#serverError()}); after them the list is served again. */
    public synchronized void answerListNext(Answer... answers) {
        nextList.addAll(List.of(answers));
    }

    /** Every list answer comes only after {@code delay} (zero: at once). */
    public void delayListAnswers(Duration delay) {
        listDelay = delay;
    }

    /** The list calls so far, in the order they arrived. */
    public synchronized List<ListCall> listCalls() {
        return List.copyOf(listCalls);
    }

    private void list(RoutingContext ctx) {
        long started = System.nanoTime();
        String sidInPath = ctx.pathParam("sid");
        Map<String, String> query = new LinkedHashMap<>();
        MultiMap params = ctx.queryParams();
        params.names().forEach(n -> query.put(n, params.get(n)));
        if (!sidInPath.equals(accountSid) || !basicAuthOk(ctx.request().getHeader("Authorization"))) {
            respondList(ctx, query, started, 401, 0, Answer.errorBody(401, 20003, "Authenticate").encode(), Map.of());
            return;
        }
        Answer answer;
        synchronized (this) {
            answer = nextList.poll();
        }
        if (answer != null && answer.status != 201) {
            respondList(ctx, query, started, answer.status, 0,
                    answer.rawBody != null ? answer.rawBody : answer.error.encode(), answer.headers);
            return;
        }
        JsonObject page;
        try {
            page = page(sidInPath, query);
        } catch (IllegalArgumentException e) {
            respondList(ctx, query, started, 400, 0, Answer.errorBody(400, 20001, e.getMessage()).encode(), Map.of());
            return;
        }
        respondList(ctx, query, started, 200, page.getJsonArray("messages").size(), page.encode(), Map.of());
    }

    private void respondList(RoutingContext ctx, Map<String, String> query, long started, int status, int returned,
                             String body, Map<String, String> headers) {
        Runnable answer = () -> {
            synchronized (this) {
                listCalls.add(new ListCall(Map.copyOf(query), status, returned, started, System.nanoTime()));
            }
            if (ctx.response().closed()) return;
            headers.forEach((k, v) -> ctx.response().putHeader(k, v));
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", body.startsWith("<") ? "text/html" : "application/json").end(body);
        };
        Duration delay = listDelay;
        if (delay.isZero()) answer.run();
        else vertx.setTimer(delay.toMillis(), t -> answer.run());
    }

    /** One page of the filtered list, newest first, as Twilio shapes it. */
    private synchronized JsonObject page(String sid, Map<String, String> query) {
        int pageSize = query.containsKey("PageSize") ? parseInt(query.get("PageSize"), "PageSize") : DEFAULT_PAGE_SIZE;
        if (pageSize < 1 || pageSize > 1000) throw new IllegalArgumentException("PageSize must be 1 to 1000");
        int pageNumber = query.containsKey("Page") ? parseInt(query.get("Page"), "Page") : 0;
        String to = query.get("To");
        String from = query.get("From");
        String on = query.get("DateSent");
        String after = query.get("DateSent>");
        String before = query.get("DateSent<");
        List<Listed> matching = listed.stream()
                .filter(m -> to == null || to.equals(m.to()))
                .filter(m -> from == null || from.equals(m.from()))
                .filter(m -> on == null || sameDateSent(m.dateSent(), on))
                .filter(m -> after == null || !m.dateSent().isBefore(bound(after, false)))
                .filter(m -> before == null || !m.dateSent().isAfter(bound(before, true)))
                .sorted(Comparator.comparing(Listed::dateSent).thenComparing(Listed::sid).reversed())
                .toList();
        int start = pageNumber * pageSize;
        String token = query.get("PageToken");
        if (token != null && token.startsWith("PA")) {
            // The token names the last message of the previous page: the next page starts right after it.
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).sid().equals(token.substring(2))) start = i + 1;
            }
        }
        start = Math.min(start, matching.size());
        int end = Math.min(start + pageSize, matching.size());
        List<Listed> onPage = matching.subList(start, end);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String k : List.of("To", "From", "DateSent", "DateSent>", "DateSent<")) if (query.get(k) != null) filters.put(k, query.get(k));
        String base = "/2010-04-01/Accounts/" + sid + "/Messages.json";
        io.vertx.core.json.JsonArray messages = new io.vertx.core.json.JsonArray();
        onPage.forEach(m -> messages.add(listedJson(sid, m)));
        String next = end < matching.size()
                ? uri(base, filters, pageSize, pageNumber + 1, "PA" + onPage.get(onPage.size() - 1).sid()) : null;
        String previous = pageNumber > 0 ? uri(base, filters, pageSize, pageNumber - 1, null) : null;
        JsonObject page = new JsonObject()
                .put("end", onPage.isEmpty() ? 0 : end - 1)
                .put("first_page_uri", uri(base, filters, pageSize, 0, null))
                .put("messages", messages)
                .put("page", pageNumber)
                .put("page_size", pageSize)
                .put("start", start)
                .put("uri", uri(base, filters, pageSize, pageNumber, token));
        if (next == null) page.putNull("next_page_uri"); else page.put("next_page_uri", next);
        if (previous == null) page.putNull("previous_page_uri"); else page.put("previous_page_uri", previous);
        return page;
    }

    private static String uri(String base, Map<String, String> filters, int pageSize, int page, String token) {
        StringBuilder sb = new StringBuilder(base).append('?');
        filters.forEach((k, v) -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
        sb.append("PageSize=").append(pageSize).append("&Page=").append(page);
        if (token != null) sb.append("&PageToken=").append(enc(token));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int parseInt(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    /**
     * A DateSent bound in GMT: {@code YYYY-MM-DD} (the whole day) or {@code YYYY-MM-DDThh:mm:ss[Z]}; an upper
     * bound of a day includes that whole day.
     */
    private static Instant bound(String value, boolean upper) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return upper ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(value.endsWith("Z") ? value.substring(0, value.length() - 1) : value)
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("DateSent must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ss");
        }
    }

    private static boolean sameDateSent(Instant sent, String value) {
        if (value.length() == 10) return !sent.isBefore(bound(value, false)) && !sent.isAfter(bound(value, true));
        return sent.equals(bound(value, false));
    }

    private JsonObject listedJson(String account, Listed m) {
        String date = ZonedDateTime.ofInstant(m.dateSent(), ZoneOffset.UTC).format(RFC_2822);
        String uri = "/2010-04-01/Accounts/" + account + "/Messages/" + m.sid();
        return new JsonObject()
                .put("account_sid", account).put("api_version", "2010-04-01")
                .put("body", m.body()).put("date_created", date).put("date_sent", date).put("date_updated", date)
                .put("direction", m.direction()).putNull("error_code").putNull("error_message")
                .put("from", m.from()).putNull("messaging_service_sid").put("num_media", String.valueOf(m.numMedia()))
                .put("num_segments", "1").putNull("price").put("price_unit", "USD").put("sid", m.sid())
                .put("status", "inbound".equals(m.direction()) ? "received" : "delivered")
                .put("subresource_uris", new JsonObject().put("media", uri + "/Media.json").put("feedback", uri + "/Feedback.json"))
                .put("to", m.to()).put("uri", uri + ".json");
    }

    private synchronized void record(String sid, boolean authorized, Map<String, String> form, int status, String messageSid) {
        received.add(new Received(sid, authorized, Map.copyOf(form), status, messageSid));
    }

    private boolean basicAuthOk(String header) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    /** The calls the service asked Twilio to place (Calls API), in order. */
    private final List<Map<String, String>> calls = new ArrayList<>();

    /** The calls placed so far: each the form the SDK posted (To, From, Url, StatusCallback, MachineDetection...). */
    public synchronized List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    /**
     * The Calls API: an authenticated request with To, From and Url is queued (201, the Call resource, status
     * "queued"); nothing is dialled: a test plays Twilio's webhooks of the call itself.
     */
    private void calls(RoutingContext ctx) {
        String sidInPath = ctx.pathParam("sid");
        boolean authorized = sidInPath.equals(accountSid) && basicAuthOk(ctx.request().getHeader("Authorization"));
        Map<String, String> form = new LinkedHashMap<>();
        MultiMap attrs = ctx.request().formAttributes();
        attrs.names().forEach(n -> form.put(n, attrs.get(n)));
        if (!authorized) {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(401, 20003, "Authenticate").encode());
            return;
        }
        if (form.get("To") == null || form.get("From") == null || (form.get("Url") == null && form.get("Twiml") == null)) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(400, 21205, "Url parameter is required.").encode());
            return;
        }
        String sid;
        synchronized (this) {
            calls.add(Map.copyOf(form));
            sid = String.format("CA%032x", calls.size());
        }
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        JsonObject call = new JsonObject().put("account_sid", accountSid).put("api_version", "2010-04-01").put("sid", sid)
                .put("to", form.get("To")).put("to_formatted", form.get("To")).put("from", form.get("From"))
                .put("from_formatted", form.get("From")).put("status", "queued").put("direction", "outbound-api")
                .put("date_created", now).put("date_updated", now).putNull("start_time").putNull("end_time")
                .putNull("duration").putNull("price").put("price_unit", "USD").putNull("answered_by")
                .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid + ".json");
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(call.encode());
    }

    /** A call's update (a redirect to new TwiML): the call's sid and the form the SDK posted (Url, Method), in order. */
    public record CallUpdate(String callSid, Map<String, String> form) {}

    private final List<CallUpdate> callUpdates = new ArrayList<>();
    /** Calls that ended (an update to them is refused as Twilio refuses it: 21220, not in progress). */
    private final java.util.Set<String> endedCalls = new java.util.HashSet<>();

    public synchronized List<CallUpdate> callUpdates() {
        return List.copyOf(callUpdates);
    }

    /** The call is over: a later update of it is refused. */
    public synchronized void callEnded(String callSid) {
        endedCalls.add(callSid);
    }

    /**
     * Updating a call in progress (Calls API, POST .../Calls/CA....json with Url): recorded, answered with the Call
     * resource; nothing is fetched (a test plays the webhook Twilio would then ask). A call that ended: 400, 21220.
     */
    private void updateCall(RoutingContext ctx) {
        String sidInPath = ctx.pathParam("sid");
        String callSid = ctx.pathParam("call");
        boolean authorized = sidInPath.equals(accountSid) && basicAuthOk(ctx.request().getHeader("Authorization"));
        Map<String, String> form = new LinkedHashMap<>();
        MultiMap attrs = ctx.request().formAttributes();
        attrs.names().forEach(n -> form.put(n, attrs.get(n)));
        if (!authorized) {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(Answer.errorBody(401, 20003, "Authenticate").encode());
            return;
        }
        synchronized (this) {
            if (endedCalls.contains(callSid)) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(Answer.errorBody(400, 21220, "Call is not in-progress. Cannot redirect.").encode());
                return;
            }
            callUpdates.add(new CallUpdate(callSid, Map.copyOf(form)));
        }
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        JsonObject call = new JsonObject().put("account_sid", accountSid).put("api_version", "2010-04-01").put("sid", callSid)
                .put("status", "in-progress").put("direction", "inbound").put("date_created", now).put("date_updated", now)
                .putNull("start_time").putNull("end_time").putNull("duration").putNull("price").put("price_unit", "USD")
                .putNull("answered_by").put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + callSid + ".json");
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(call.encode());
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
