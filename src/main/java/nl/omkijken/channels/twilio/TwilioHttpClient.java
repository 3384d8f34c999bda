package nl.omkijken.channels.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client, pointed at the configured API base URL and made to try each call once.
 *
 * <ul>
 *   <li>The SDK has no base URL setting: it always builds https://api.twilio.com/... . Every request
 *       is rewritten to {@code apiBaseUrl} + its path, always, so production (the default base) and a
 *       local fake take the same code path.</li>
 *   <li>The SDK resends a POST up to three times on any 5xx, and Apache's client resends one answered
 *       429 or 503. A 5xx may come after Twilio accepted the message, so that could text a person
 *       twice. Here every call is tried once and the outbox decides, knowing whether a resend is
 *       safe.</li>
 *   <li>The last answer of each thread is kept, so a failure can be classified by its HTTP status and
 *       its Retry-After header, which the SDK's exception does not carry.</li>
 * </ul>
 */
final class TwilioHttpClient extends NetworkHttpClient {
    /** As many as Vert.x has worker threads (20): each send holds one connection while it waits. */
    private static final int MAX_CONNECTIONS = 20;

    private final String apiBaseUrl;
    private final ThreadLocal<Response> last = new ThreadLocal<>();

    TwilioHttpClient(String apiBaseUrl, Duration readTimeout) {
        super(HttpClients.custom()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom()
                                .setSoTimeout(Timeout.ofMilliseconds(readTimeout.toMillis()))
                                .setSoKeepAlive(true)
                                .build())
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG)
                // Apache's client would resend a POST answered 429 or 503 after Retry-After, on its own.
                .disableAutomaticRetries());
        this.apiBaseUrl = apiBaseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        last.remove();
        Response response = super.makeRequest(redirected(request));
        last.set(response);
        return response;
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    /** The answer to this thread's latest call, or null when it got none. */
    Response lastResponse() {
        return last.get();
    }

    void forgetLastResponse() {
        last.remove();
    }

    void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing idle pooled connections; nothing is lost if one fails to close.
        }
    }

    /**
     * The same request against {@code apiBaseUrl}. The query goes along as it stands in the URL the SDK
     * built: for a first page that holds the filters (To, DateSent&gt;, PageSize), for a next page the
     * query of Twilio's {@code next_page_uri} (with its PageToken), which is in the URL, not in
     * {@link Request#getQueryParams()}.
     */
    private Request redirected(Request r) {
        URL u = r.constructURL();
        Request copy = new Request(r.getMethod(), apiBaseUrl + u.getPath() + (u.getQuery() == null ? "" : "?" + u.getQuery()));
        r.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
        r.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> copy.addHeaderParam(k, v)));
        if (r.getAuthStrategy() != null) copy.setAuth(r.getAuthStrategy());
        else if (r.requiresAuthentication()) copy.setAuth(r.getUsername(), r.getPassword());
        copy.setContentType(r.getContentType());
        if (r.getBody() != null) copy.setBody(r.getBody());
        if (r.getFormParameters() != null) copy.setFormParameters(r.getFormParameters());
        copy.setUserAgentExtensions(r.getUserAgentExtensions());
        return copy;
    }
}
