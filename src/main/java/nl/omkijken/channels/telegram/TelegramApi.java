package nl.omkijken.channels.telegram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;

/**
 * The Bot API client (the SDK's OkHttp client) pointed at the configured base URL. Every call runs
 * on a worker thread: the SDK blocks, and its first call loads many classes.
 */
final class TelegramApi {
    private final Vertx vertx;
    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final TelegramUrl url;

    TelegramApi(Vertx vertx, TelegramSettings settings) {
        this.vertx = vertx;
        this.url = urlOf(settings.apiBaseUrl());
        Duration timeout = settings.requestTimeout();
        // Daemon threads that end when idle: a stopped channel leaves nothing running.
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "telegram-http");
                    t.setDaemon(true);
                    return t;
                }));
        // OkHttp allows 5 concurrent calls per host by default; replies to many chats go out at once.
        dispatcher.setMaxRequestsPerHost(32);
        dispatcher.setMaxRequests(64);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .addInterceptor(TelegramApi::unreadableSuccess)
                .build();
        this.client = new OkHttpTelegramClient(http, settings.botToken(), url);
    }

    /**
     * The SDK's address of the Bot API. It takes a scheme, host and port only, so a base URL with a
     * path, query or user info is refused here rather than silently cut.
     */
    static TelegramUrl urlOf(String base) {
        URI u;
        try {
            u = new URI(base);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Telegram API base URL is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Telegram API base URL must start with http:// or https://");
        }
        if (u.getHost() == null) throw new IllegalArgumentException("Telegram API base URL has no host");
        if ((u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Telegram API base URL must be scheme://host[:port] only, without a path");
        }
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return TelegramUrl.builder().schema(scheme).host(u.getHost()).port(port).testServer(false).build();
    }

    <T extends Serializable, M extends BotApiMethod<T>> Future<T> call(M method) {
        return vertx.executeBlocking(() -> client.execute(method), false);
    }

    /** setWebhook is sent as multipart by the SDK and has its own overload. */
    Future<Boolean> setWebhook(SetWebhook method) {
        return vertx.executeBlocking(() -> client.execute(method), false);
    }

    TelegramUrl url() { return url; }

    /** A 2xx answer whose body is not the Bot API's JSON: the request may well have done its work. */
    static final class UnreadableSuccess extends java.io.IOException {
        UnreadableSuccess(int status) {
            super("Bot API answered " + status + " with a body that is not its JSON");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Tells an unreadable success from an unreadable failure, which the SDK does not: it reads the body
     * whatever the status, and both end as "unable to deserialize". A 502 page from a proxy means
     * nothing was done (retry); a 200 with a cut-off or foreign body means Telegram may have sent the
     * message, and resending it blindly could reach the person twice (or, as a test showed, forever).
     */
    private static okhttp3.Response unreadableSuccess(okhttp3.Interceptor.Chain chain) throws java.io.IOException {
        okhttp3.Response response = chain.proceed(chain.request());
        if (!response.isSuccessful()) return response;
        byte[] body = response.peekBody(1 << 20).bytes();
        boolean readable;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JSON.readTree(body);
            readable = tree != null && tree.isObject() && tree.has("ok");
        } catch (java.io.IOException e) {
            readable = false;
        }
        if (readable) return response;
        int status = response.code();
        response.close();
        throw new UnreadableSuccess(status);
    }

    /** Closes idle connections; the client stays usable (a channel can be started again). */
    void close() {
        http.connectionPool().evictAll();
    }
}
