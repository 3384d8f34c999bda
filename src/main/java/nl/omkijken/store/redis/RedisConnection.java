package nl.omkijken.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce client and one shared connection to Redis, and the bridge from Lettuce's
 * {@link CompletionStage}s to Vert.x {@link Future}s.
 *
 * <p>A single multiplexed connection serves the whole service: Lettuce pipelines the commands of all
 * callers over it, and our multi-key changes run as Lua scripts, so nothing needs a dedicated
 * connection (no MULTI, no blocking reads). Lettuce runs its own Netty threads beside Vert.x's; on a
 * 2-core machine they are kept to two each.
 */
public final class RedisConnection {
    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);
    /** How long a /health ping may take before Redis counts as down. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String redactedUrl;
    private final RedisURI uri;
    /** Pub/sub connections opened by {@link #subscribe}, closed with this connection. */
    private final java.util.List<io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String>> subscriptions =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private RedisConnection(Vertx vertx, ClientResources resources, RedisClient client,
                            StatefulRedisConnection<String, String> connection, String redactedUrl, RedisURI uri) {
        this.vertx = vertx;
        this.uri = uri;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redactedUrl = redactedUrl;
    }

    /** Connects with the default command timeout. See {@link #connect(Vertx, String, Duration)}. */
    public static Future<RedisConnection> connect(Vertx vertx, String url) {
        return connect(vertx, url, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Connects to {@code url} (e.g. {@code redis://127.0.0.1:6379}, {@code redis://:secret@host:6379/0}).
     * Fails with a message that names the URL (password removed) when the URL is malformed or the server
     * cannot be reached. Commands that get no answer within {@code commandTimeout} fail.
     */
    public static Future<RedisConnection> connect(Vertx vertx, String url, Duration commandTimeout) {
        String shown = redact(url);
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException(
                    "not a usable Redis URL: " + shown + " (expected e.g. redis://127.0.0.1:6379)", e));
        }
        uri.setTimeout(commandTimeout);
        // Lettuce would send CLIENT SETINFO, which Redis before 7.2 rejects (harmless, but it logs a
        // stack trace). Empty library name and version make Lettuce skip it.
        uri.setLibraryName("");
        uri.setLibraryVersion("");

        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // RESP2 on purpose: our Lua scripts return false for a missing value, which RESP2 turns
                // into a null reply but RESP3 into a boolean. One protocol keeps script results plain.
                .protocolVersion(ProtocolVersion.RESP2)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());

        CompletionStage<StatefulRedisConnection<String, String>> connecting =
                client.connectAsync(StringCodec.UTF8, uri);
        return Future.fromCompletionStage(connecting, vertx.getOrCreateContext())
                .map(conn -> {
                    log.info("connected to Redis at {}", shown);
                    return new RedisConnection(vertx, resources, client, conn, shown, uri);
                })
                .recover(err -> shutdown(vertx, client, resources).transform(ignored -> Future.failedFuture(
                        new IllegalStateException("cannot connect to Redis at " + shown + ": " + rootMessage(err), err))));
    }

    /** The URL with any password replaced by {@code ***}, safe for logs and error messages. */
    public static String redact(String url) {
        if (url == null) {
            return "(none)";
        }
        try {
            URI u = URI.create(url);
            if (u.getRawUserInfo() == null) {
                return url;
            }
            String user = u.getRawUserInfo();
            int colon = user.indexOf(':');
            String shownUser = colon >= 0 ? user.substring(0, colon) + ":***" : "***";
            return url.replace(user + "@", shownUser + "@");
        } catch (IllegalArgumentException e) {
            // Unparseable: show only the scheme part, the rest may hold a password.
            int at = url.lastIndexOf('@');
            return at >= 0 ? "***" + url.substring(at) : url;
        }
    }

    /** The async command API of the shared connection. Thread-safe. */
    RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    Vertx vertx() {
        return vertx;
    }

    /** A Lettuce result as a Vert.x future, completed on the caller's Vert.x context. */
    <T> Future<T> toFuture(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
    }

    /** True when Redis answers PING within two seconds; never fails. For /health. */
    public Future<Boolean> ping() {
        return toFuture(connection.async().ping())
                .timeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .map("PONG"::equals)
                .otherwise(err -> {
                    log.warn("Redis ping to {} failed: {}", redactedUrl, rootMessage(err));
                    return false;
                });
    }

    /**
     * Listens to pub/sub {@code channel} on a connection of its own (a subscribed connection can send no
     * other command); Lettuce subscribes again after a reconnect. Messages are handed to {@code onMessage}
     * on a Vert.x context, in the order they came.
     */
    Future<Void> subscribe(String channel, io.vertx.core.Handler<String> onMessage) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(client.connectPubSubAsync(StringCodec.UTF8, uri), context).compose(pubsub -> {
            subscriptions.add(pubsub);
            pubsub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    context.runOnContext(v -> onMessage.handle(message));
                }
            });
            return Future.fromCompletionStage(pubsub.async().subscribe(channel), context);
        });
    }

    /** Closes the connection, the client and its threads. */
    public Future<Void> close() {
        for (var s : subscriptions) s.closeAsync();
        subscriptions.clear();
        return toFuture(connection.closeAsync())
                .otherwiseEmpty()
                .compose(v -> shutdown(vertx, client, resources));
    }

    /** Shuts the client down, then its threads; never fails (there is nothing left to do if it does). */
    private static Future<Void> shutdown(Vertx vertx, RedisClient client, ClientResources resources) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((v, e) ->
                resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null)));
        return Future.fromCompletionStage(done, vertx.getOrCreateContext());
    }

    static String rootMessage(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
