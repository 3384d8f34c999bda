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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's check of issue 4's "50 messages sent at once to one conversation give 50 turns in
 * order and 50 replies", through the real webhook: 50 signed webhooks for one new number are sent at
 * once (50 connections, nothing awaited in between), then the conversation's transcript is read from
 * Redis. Webhooks sent at once have no order of their own; the order that counts is the one in which
 * the service accepted them, which each message's transcript time records, so the turns must follow
 * it. Every message must be followed by at least one reply, and every reply must reach the receiver.
 */
final class OneConversationBurst {
    static final int MESSAGES = 50;

    private OneConversationBurst() {}

    /** Runs the burst; returns one line for the report. */
    static String run(HttpClient http, String url, ReplyReceiver receiver, int redisPort, String ourNumber)
            throws Exception {
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
        long accepted = answers.stream().filter(f -> f.succeeded() && f.result() == 200).count();

        // Wait until the transcript holds all turns and every reply in it reached the receiver.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonObject> transcript = List.of();
        long outs = 0;
        long delivered = 0;
        while (System.nanoTime() < deadline) {
            transcript = transcript(redisPort, "omk:conv:{sms:" + from + "}:transcript");
            outs = transcript.stream().filter(e -> "out".equals(e.getString("direction"))).count();
            AtomicLong got = receiver.perRecipient.get(from);
            delivered = got == null ? 0 : got.get();
            long ins = transcript.size() - outs;
            if (ins >= MESSAGES && delivered >= outs) break;
            Thread.sleep(100);
        }

        List<String> ins = new ArrayList<>();
        boolean inAcceptanceOrder = true;
        int followedByReply = 0;
        java.time.Instant lastAt = java.time.Instant.EPOCH;
        for (int i = 0; i < transcript.size(); i++) {
            JsonObject e = transcript.get(i);
            if (!"in".equals(e.getString("direction"))) continue;
            ins.add(e.getString("text"));
            java.time.Instant at = java.time.Instant.parse(e.getString("at"));
            if (at.isBefore(lastAt)) inAcceptanceOrder = false;
            lastAt = at;
            if (i + 1 < transcript.size() && "out".equals(transcript.get(i + 1).getString("direction"))) followedByReply++;
        }
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= MESSAGES; i++) expected.add("bericht " + i);
        boolean allOnce = ins.size() == MESSAGES && new HashSet<>(ins).equals(expected);
        boolean pass = accepted == MESSAGES && allOnce && inAcceptanceOrder && followedByReply == MESSAGES && delivered == outs;
        return String.format("%d messages at once to one conversation: %d webhooks answered 200, %d turns, each message once: %s, "
                        + "turns in the order the service accepted them: %s, followed by a reply: %d of %d, replies delivered: %d of %d -> %s",
                MESSAGES, accepted, ins.size(), allOnce ? "yes" : "NO", inAcceptanceOrder ? "yes" : "NO", followedByReply,
                MESSAGES, delivered, outs, pass ? "PASS" : "FAIL");
    }

    /** LRANGE key 0 -1 over a plain socket (RESP), each entry parsed as JSON. */
    private static List<JsonObject> transcript(int port, String key) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            StringBuilder cmd = new StringBuilder("*4\r\n");
            for (String p : new String[] {"LRANGE", key, "0", "-1"}) {
                cmd.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
            }
            out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String head = line(in);
            if (!head.startsWith("*")) throw new IOException("unexpected reply to LRANGE: " + head);
            int n = Integer.parseInt(head.substring(1));
            List<JsonObject> entries = new ArrayList<>(Math.max(0, n));
            for (int i = 0; i < n; i++) {
                int len = Integer.parseInt(line(in).substring(1));
                byte[] b = in.readNBytes(len);
                line(in);
                entries.add(new JsonObject(new String(b, StandardCharsets.UTF_8)));
            }
            return entries;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.UTF_8);
    }
}
