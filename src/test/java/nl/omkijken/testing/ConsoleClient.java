package nl.omkijken.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A console client for tests, as a browser would be: it keeps the cookies the service sets (by hand: the
 * JDK's cookie store does not send Secure cookies over plain http, which browsers do for 127.0.0.1) and
 * sends the CSRF token of its session. Headers can be left out or forged to test refusals.
 */
public final class ConsoleClient {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public ConsoleClient(String base) {
        this.base = base;
    }

    /** Signs in; returns the response (200 with the worker, or the refusal). */
    public HttpResponse<String> signIn(String name, String password) {
        HttpResponse<String> form = get("/console/api/signin");
        String token = new JsonObject(form.body()).getString("token");
        HttpResponse<String> r = send(request("/console/api/signin").header("X-CSRF-Token", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).put("password", password).encode())));
        if (r.statusCode() == 200) csrf = new JsonObject(r.body()).getString("csrf");
        return r;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A POST with the session's CSRF token. */
    public HttpResponse<String> post(String path, JsonObject body) {
        return postWith(path, body, csrf == null ? Map.of() : Map.of("X-CSRF-Token", csrf));
    }

    /** A POST with exactly these extra headers (none: no CSRF token). */
    public HttpResponse<String> postWith(String path, JsonObject body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.encode()));
        headers.forEach(b::header);
        return send(b);
    }

    /**
     * Opens the live feed as the console page does (which marks the worker online); the returned future
     * is cancelled to close it.
     */
    public java.util.concurrent.CompletableFuture<HttpResponse<java.io.InputStream>> follow() {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/console/api/events")).header("Cookie", cookieHeader())
                .header("Accept", "text/event-stream").GET().build();
        return client.sendAsync(r, HttpResponse.BodyHandlers.ofInputStream());
    }

    private String cookieHeader() {
        StringBuilder c = new StringBuilder();
        cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return c.toString();
    }

    public String csrf() {
        return csrf;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            StringBuilder c = new StringBuilder();
            cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            b.header("Cookie", c.toString());
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("set-cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = List.of(set.toLowerCase(java.util.Locale.ROOT).split(";")).stream()
                        .anyMatch(a -> a.trim().equals("max-age=0"));
                if (expired || value.isEmpty()) cookies.remove(name);
                else cookies.put(name, value);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
