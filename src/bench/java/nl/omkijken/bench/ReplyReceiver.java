package nl.omkijken.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Stands in for api.twilio.com during the benchmark: answers the Messages resource the way
 * Twilio does (201 with a queued message) and reports each reply's arrival time and recipient.
 */
final class ReplyReceiver {
    private final Vertx vertx;
    private final BiConsumer<String, Long> onReply;
    final AtomicLong received = new AtomicLong();
    final ConcurrentHashMap<String, AtomicLong> perRecipient = new ConcurrentHashMap<>();
    private HttpServer server;

    ReplyReceiver(Vertx vertx, BiConsumer<String, Long> onReply) {
        this.vertx = vertx;
        this.onReply = onReply;
    }

    Future<Integer> start() {
        server = vertx.createHttpServer();
        server.requestHandler(req -> {
            if (!req.path().matches("/2010-04-01/Accounts/[^/]+/Messages.json") || !"POST".equals(req.method().name())) {
                req.response().setStatusCode(404).end();
                return;
            }
            req.body().onSuccess(body -> {
                long at = System.nanoTime();
                String to = null;
                String from = null;
                for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) continue;
                    String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (k.equals("To")) to = v;
                    if (k.equals("From")) from = v;
                }
                received.incrementAndGet();
                if (to != null) {
                    perRecipient.computeIfAbsent(to, x -> new AtomicLong()).incrementAndGet();
                    onReply.accept(to, at);
                }
                JsonObject msg = new JsonObject().put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""))
                        .put("status", "queued").put("to", to).put("from", from).put("body", "")
                        .put("num_segments", "1").put("direction", "outbound-api").put("api_version", "2010-04-01");
                req.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(msg.encode());
            });
        });
        return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
    }
}
