package nl.omkijken.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's check of issue 4's "50 messages sent at once to one conversation give 50 turns in
 * order and 50 replies", through the real webhook: 50 signed webhooks for one new number are written
 * at once, pipelined on one connection (nothing awaited in between), so the order in which they reach
 * the service is known: "bericht 1" to "bericht 50". Then the conversation's transcript is read from
 * Redis: the 50 turns must be in exactly that order, each followed by at least one reply, and every
 * reply must reach the receiver.
 */
final class OneConversationBurst {
    static final int MESSAGES = 50;

    private OneConversationBurst() {}

    /** Runs the burst; returns one line for the report. */
    static String run(io.vertx.core.Vertx vertx, String url, ReplyReceiver receiver, int redisPort, String ourNumber)
            throws Exception {
        HttpClient http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true)
                .setPipelining(true).setPipeliningLimit(MESSAGES), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
        String from = "+3162" + String.format("%07d", (int) (Math.random() * 9_000_000) + 1_000_000);
        URI uri = URI.create(url);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            Map<String, String> form = new TreeMap<>(Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                    "AccountSid", WebhookLoad.SID, "From", from, "To", ourNumber, "Body", "bericht " + i, "NumMedia", "0"));
            RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI(uri.getPath()).putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .putHeader("X-Twilio-Signature", WebhookLoad.sign(url, form));
            answers.add(http.request(ro).compose(req -> req.send(Buffer.buffer(WebhookLoad.encode(form))))
                    .compose(r -> r.body().map(b -> r.statusCode())));
        }
        Future.join(answers).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        http.close();
        long accepted = answers.stream().filter(f -> f.succeeded() && f.result() == 200).count();

        // Wait until the transcript holds all turns and every reply in it reached the receiver.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> transcript = List.of();
        long outs = 0;
        long delivered = 0;
        while (System.nanoTime() < deadline) {
            transcript = transcript(redisPort, "sms:" + from);
            outs = transcript.stream().filter(e -> "out".equals(e.getString("direction"))).count();
            AtomicLong got = receiver.perRecipient.get(from);
            delivered = got == null ? 0 : got.get();
            long ins = transcript.size() - outs;
            if (ins >= MESSAGES && delivered >= outs) break;
            Thread.sleep(100);
        }

        // Every message has its replies until the person waits for a human (after a couple of messages the
        // menu cannot place, the Luisterlijn offers a volunteer); from then on a message is acknowledged once
        // and then kept for the worker, not answered with the same words every time.
        List<String> ins = new ArrayList<>();
        int followedByReply = 0;
        int beforeWaiting = 0;
        boolean waiting = false;
        for (int i = 0; i < transcript.size(); i++) {
            JsonObject e = transcript.get(i);
            if (!"in".equals(e.getString("direction"))) {
                String text = e.getString("text", "");
                if (text.contains("wachtrij") || text.contains("vrijwilliger of hulpverlener") || text.contains("medewerker")) waiting = true;
                continue;
            }
            ins.add(e.getString("text"));
            if (!waiting) beforeWaiting++;
            if (!waiting && i + 1 < transcript.size() && "out".equals(transcript.get(i + 1).getString("direction"))) followedByReply++;
        }
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) sent.add("bericht " + i);
        boolean allOnce = ins.size() == MESSAGES && new HashSet<>(ins).equals(new HashSet<>(sent));
        boolean inOrder = ins.equals(sent);
        boolean pass = accepted == MESSAGES && allOnce && inOrder && followedByReply == beforeWaiting && delivered == outs;
        return String.format("%d messages at once to one conversation: %d webhooks answered 200, %d turns, each message once: %s, "
                        + "turns in the order sent: %s, followed by a reply (until the person waits for a human): %d of %d, "
                        + "replies delivered: %d of %d -> %s",
                MESSAGES, accepted, ins.size(), allOnce ? "yes" : "NO", inOrder ? "yes" : "NO", followedByReply,
                beforeWaiting, delivered, outs, pass ? "PASS" : "FAIL");
    }

    /** The transcript of the sender's conversation (found as the service finds it), each entry parsed as JSON. */
    private static List<JsonObject> transcript(int port, String sender) throws IOException {
        try (nl.omkijken.bench.resilience.RespClient redis = new nl.omkijken.bench.resilience.RespClient(port)) {
            String key = StoredConversations.transcriptKey(redis::call, sender);
            List<JsonObject> out = new ArrayList<>();
            if (key == null) return out;
            for (String json : redis.list(key)) out.add(new JsonObject(json));
            return out;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.UTF_8);
    }
}
