package nl.omkijken.bench.resilience;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Malformed and forged requests, mixed into the load at a fixed rate, kinds in turn; every one must
 * be answered with a 4xx (a 2xx, a 5xx, a reset or no answer within the timeout is a failure) and
 * must cause no turn. The forged ones carry a message from numbers and chats of their own range
 * ({@link #FORGED_SMS_PREFIX}, {@link #FORGED_CHAT_BASE}) or, with the text {@code FORGED}, from a
 * conversation the load is having, so a forged message that slipped through shows up as a
 * conversation that should not exist or as an unexpected turn. Malformed query strings carry
 * {@code omkprobe}, so a service log that quotes the raw URI can be found.
 */
final class MalformedRequests {
    static final String FORGED_SMS_PREFIX = "+3169";
    static final long FORGED_CHAT_BASE = 900_000_000L;
    static final String LOG_MARKER = "omkprobe";

    /** One kind of bad request. */
    private record Kind(String name, Supplier<Probe> probe) {}

    private record Probe(String head, RawHttp.Body body) {}

    /** What the service answered to each kind: status -> count (RawHttp.RESET, RawHttp.NO_ANSWER for none). */
    final Map<String, Map<Integer, Integer>> answers = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final int port;
    private final Webhooks hooks;
    private final TwilioSigner wrongSigner = new TwilioSigner("not-the-auth-token-0123456789");
    private final Supplier<List<Conversation>> active;
    private final int timeoutMillis;
    private final List<Kind> kinds = new ArrayList<>();
    private final Kind bigBody;

    MalformedRequests(int port, Webhooks hooks, Supplier<List<Conversation>> active, int timeoutMillis) {
        this.port = port;
        this.hooks = hooks;
        this.active = active;
        this.timeoutMillis = timeoutMillis;
        kinds.add(new Kind("twilio: wrong signature", () -> twilio(Webhooks.TWILIO_PATH, forgedForm(), "sig-wrong")));
        kinds.add(new Kind("twilio: no signature", () -> twilio(Webhooks.TWILIO_PATH, forgedForm(), "sig-none")));
        kinds.add(new Kind("twilio: wrong signature, active conversation", () -> twilio(Webhooks.TWILIO_PATH, forgedActiveForm(), "sig-wrong")));
        kinds.add(new Kind("twilio: signed, other AccountSid", () -> {
            Map<String, String> f = forgedForm();
            f.put("AccountSid", "AC" + "f".repeat(32));
            return twilio(Webhooks.TWILIO_PATH, f, "sig-ok");
        }));
        kinds.add(new Kind("twilio: ?%", () -> twilio(Webhooks.TWILIO_PATH + "?%", forgedForm(), "sig-none")));
        kinds.add(new Kind("twilio: ?a=%ZZ", () -> twilio(Webhooks.TWILIO_PATH + "?a=%ZZ&" + LOG_MARKER + "=" + counter.get(), forgedForm(), "sig-none")));
        kinds.add(new Kind("twilio status: ?%", () -> twilio(Webhooks.TWILIO_STATUS_PATH + "?%", forgedForm(), "sig-none")));
        kinds.add(new Kind("twilio status: ?a=%ZZ", () -> twilio(Webhooks.TWILIO_STATUS_PATH + "?a=%ZZ&" + LOG_MARKER + "=" + counter.get(), forgedForm(), "sig-none")));
        kinds.add(new Kind("twilio: body over 64 KiB", () -> {
            Map<String, String> f = forgedForm();
            f.put("Body", "x".repeat(100 * 1024));
            return twilio(Webhooks.TWILIO_PATH, f, "sig-ok");
        }));
        kinds.add(new Kind("twilio: JSON content type", () -> raw("POST", Webhooks.TWILIO_PATH, "application/json",
                "{\"Body\":\"FORGED\",\"From\":\"" + forgedNumber() + "\"}", Map.of())));
        kinds.add(new Kind("twilio: not UTF-8", () -> raw("POST", Webhooks.TWILIO_PATH, "application/x-www-form-urlencoded",
                "Body=%FF%FE%FD&From=" + forgedNumber().replace("+", "%2B"), Map.of())));
        kinds.add(new Kind("twilio: parameter twice", () -> {
            Map<String, String> f = forgedForm();
            String body = TwilioSigner.encode(f) + "&Body=twice";
            return raw("POST", Webhooks.TWILIO_PATH, "application/x-www-form-urlencoded", body,
                    Map.of("X-Twilio-Signature", hooks.twilioSignature(Webhooks.TWILIO_PATH, f)));
        }));
        kinds.add(new Kind("twilio: GET", () -> new Probe("GET " + Webhooks.TWILIO_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n", null)));
        kinds.add(new Kind("telegram: no secret", () -> telegram(Webhooks.TELEGRAM_PATH, forgedUpdate(false), null)));
        kinds.add(new Kind("telegram: wrong secret, active chat", () -> telegram(Webhooks.TELEGRAM_PATH, forgedUpdate(true), "wrong-secret-0123456789")));
        kinds.add(new Kind("telegram: ?a=%ZZ", () -> telegram(Webhooks.TELEGRAM_PATH + "?a=%ZZ&" + LOG_MARKER + "=" + counter.get(),
                forgedUpdate(false), "wrong-secret-0123456789")));
        kinds.add(new Kind("telegram: not JSON", () -> telegram(Webhooks.TELEGRAM_PATH, "{\"update_id\": 1, \"message\": ", hooks.telegramSecret)));
        kinds.add(new Kind("telegram: form content type", () -> raw("POST", Webhooks.TELEGRAM_PATH, "application/x-www-form-urlencoded",
                "update_id=1", Map.of(Webhooks.TELEGRAM_SECRET_HEADER, hooks.telegramSecret))));
        kinds.add(new Kind("telegram: body over 64 KiB", () -> telegram(Webhooks.TELEGRAM_PATH,
                Webhooks.telegramUpdate(1, FORGED_CHAT_BASE + counter.get(), "x".repeat(100 * 1024)), hooks.telegramSecret)));
        bigBody = new Kind("twilio: 10 MB chunked body", () -> new Probe("POST " + Webhooks.TWILIO_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                RawHttp.chunked(10L * 1024 * 1024)));
    }

    /**
     * Sends {@code rate} requests a second for {@code seconds}, kinds in turn, {@code bigBodies} of
     * them 10 MB chunked bodies spread over the time; returns when every one is answered or timed out.
     */
    void run(int rate, int seconds, int bigBodies) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, Math.min(200, rate * (timeoutMillis / 1000 + 2))));
        long total = (long) rate * seconds;
        long bigEvery = bigBodies > 0 ? Math.max(1, total / bigBodies) : Long.MAX_VALUE;
        long start = System.nanoTime();
        int big = 0;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            Kind k = (i % bigEvery == bigEvery / 2 && big < bigBodies) ? bigBody : kinds.get((int) (i % kinds.size()));
            if (k == bigBody) big++;
            counter.incrementAndGet();
            Probe p = k.probe().get();
            pool.execute(() -> {
                RawHttp.Outcome o = RawHttp.exchange(port, p.head(), p.body(), timeoutMillis);
                answers.computeIfAbsent(k.name(), x -> new ConcurrentHashMap<>()).merge(o.status(), 1, Integer::sum);
            });
        }
        pool.shutdown();
        pool.awaitTermination(timeoutMillis + 120_000L, TimeUnit.MILLISECONDS);
    }

    /** Requests whose answer was not a 4xx, by kind. */
    Map<String, Integer> failuresByKind() {
        Map<String, Integer> m = new TreeMap<>();
        answers.forEach((k, byStatus) -> byStatus.forEach((s, n) -> {
            if (s < 400 || s > 499) m.merge(k, n, Integer::sum);
        }));
        return m;
    }

    int count(java.util.function.IntPredicate status) {
        return count(kind -> true, status);
    }

    /** Answers to the kinds whose name matches, with a status that matches. */
    int count(java.util.function.Predicate<String> kind, java.util.function.IntPredicate status) {
        int n = 0;
        for (Map.Entry<String, Map<Integer, Integer>> k : answers.entrySet()) {
            if (!kind.test(k.getKey())) continue;
            for (Map.Entry<Integer, Integer> e : k.getValue().entrySet()) if (status.test(e.getKey())) n += e.getValue();
        }
        return n;
    }

    /** The kinds whose body is over the 64 KiB the README promises a 413 for. */
    static boolean oversize(String kind) {
        return kind.contains("over 64 KiB") || kind.contains("10 MB");
    }

    private String forgedNumber() {
        return FORGED_SMS_PREFIX + String.format("%07d", counter.get() % 10_000_000);
    }

    private Map<String, String> forgedForm() {
        return hooks.twilioForm(forgedNumber(), "FORGED message " + counter.get(), Webhooks.messageSid(0xF0_0000_0000L + counter.get()));
    }

    /** A forged message from a number the load is writing from: must not become a turn in that conversation. */
    private Map<String, String> forgedActiveForm() {
        String from = forgedNumber();
        for (Conversation c : active.get()) {
            if (c.channel == Conversation.Channel.SMS && c.index % 7 == counter.get() % 7) from = c.address;
        }
        return hooks.twilioForm(from, "FORGED message " + counter.get(), Webhooks.messageSid(0xF1_0000_0000L + counter.get()));
    }

    private String forgedUpdate(boolean activeChat) {
        long chat = FORGED_CHAT_BASE + counter.get();
        if (activeChat) {
            for (Conversation c : active.get()) {
                if (c.channel == Conversation.Channel.TELEGRAM && c.index % 7 == counter.get() % 7) chat = Long.parseLong(c.address);
            }
        }
        return Webhooks.telegramUpdate(9_000_000 + counter.get(), chat, "FORGED message " + counter.get());
    }

    private Probe twilio(String pathAndQuery, Map<String, String> form, String signature) {
        Map<String, String> headers = new TreeMap<>();
        if (signature.equals("sig-ok")) headers.put("X-Twilio-Signature", hooks.twilioSignature(pathAndQuery, form));
        if (signature.equals("sig-wrong")) headers.put("X-Twilio-Signature", wrongSigner.sign(hooks.base + pathAndQuery, form));
        return raw("POST", pathAndQuery, "application/x-www-form-urlencoded", TwilioSigner.encode(form), headers);
    }

    private Probe telegram(String pathAndQuery, String json, String secret) {
        return raw("POST", pathAndQuery, "application/json", json,
                secret == null ? Map.of() : Map.of(Webhooks.TELEGRAM_SECRET_HEADER, secret));
    }

    private Probe raw(String method, String target, String contentType, String body, Map<String, String> headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(b.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        return new Probe(head.toString(), RawHttp.bytes(b));
    }
}
