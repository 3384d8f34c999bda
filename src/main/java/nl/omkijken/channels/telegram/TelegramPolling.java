package nl.omkijken.channels.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Long polling, for when Telegram cannot reach us (no public URL): the SDK's long-polling
 * application asks getUpdates in a loop and hands each batch to {@link #consume}, which feeds the
 * same {@link TelegramIntake} as the webhook.
 *
 * <p>Nothing is dropped. Telegram forgets an update only when the next getUpdates asks for a higher
 * offset, and the SDK asks that only after {@link #consume} returns. So consume returns only once
 * every update of the batch is stored (or known to be malformed): while the queue is down it keeps
 * trying, and on {@link #stop()} it gives up without confirming, so Telegram delivers the rest again
 * after a restart (dedupe on update_id makes that safe). The SDK's session starts by calling
 * deleteWebhook, without dropping pending updates.
 *
 * <p>The SDK skips updates whose id is not above the last one it saw, and Telegram picks a random new
 * id after a week without updates; so after a day without updates the session is restarted, which
 * forgets the last id.
 */
final class TelegramPolling {
    private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);
    /** Updates we ask for; others are not sent at all. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "my_chat_member");
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);
    static final Duration IDLE_RESTART = Duration.ofHours(24);

    private final Vertx vertx;
    private final String token;
    private final TelegramUrl url;
    private final TelegramIntake intake;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running;
    private volatile Instant lastUpdate;
    private Session session;
    private long watchdog = -1;

    /** One run of the SDK's application with its own thread and HTTP client, so stop() can end both. */
    private static final class Session {
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telegram-polling");
            t.setDaemon(true);
            return t;
        });
        // Longer than getUpdates' own 50 s wait, so an idle poll ends with an empty answer, not an error.
        final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(75)).writeTimeout(Duration.ofSeconds(10)).build();
        final TelegramBotsLongPollingApplication app =
                new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> executor);
    }

    TelegramPolling(Vertx vertx, String token, TelegramUrl url, TelegramIntake intake, Clock clock,
                    MeterRegistry metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.token = token;
        this.url = url;
        this.intake = intake;
        this.clock = clock;
    }

    /** Deletes any webhook (keeping pending updates) and starts polling; fails if Telegram refuses. */
    synchronized Future<Void> start() {
        running = true;
        lastUpdate = clock.instant();
        return vertx.<Void>executeBlocking(() -> {
            try {
                startSession();
            } catch (Exception e) {
                running = false;
                stopSession();
                throw e;
            }
            return null;
        }, false).onSuccess(v -> {
            synchronized (this) {
                if (running && watchdog < 0) watchdog = vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> restartWhenIdle());
            }
        });
    }

    private synchronized void startSession() throws Exception {
        Session s = new Session();
        session = s;
        s.app.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(ALLOWED_UPDATES), this::consume);
        log.info("telegram long polling started");
    }

    /** Restarts the session when no update came for {@link #IDLE_RESTART}; true when it did. */
    Future<Boolean> restartWhenIdle() {
        if (!running || Duration.between(lastUpdate, clock.instant()).compareTo(IDLE_RESTART) < 0) {
            return Future.succeededFuture(false);
        }
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (!running) return false;
                log.info("telegram long polling restarts after {} h without updates", IDLE_RESTART.toHours());
                stopSession();
                lastUpdate = clock.instant();
                startSession();
            }
            return true;
        }, false).onFailure(e -> log.warn("telegram polling restart failed: {}", e.getClass().getSimpleName()));
    }

    /** Stops polling; an update being stored is finished or left unconfirmed for Telegram to send again. */
    synchronized Future<Void> stop() {
        running = false;
        if (watchdog >= 0) vertx.cancelTimer(watchdog);
        watchdog = -1;
        return vertx.executeBlocking(() -> {
            stopSession();
            return null;
        }, false);
    }

    private synchronized void stopSession() {
        Session s = session;
        session = null;
        if (s == null) return;
        // Cancelling the waiting getUpdates makes the SDK log an ERROR ("Canceled"): expected when stopping.
        log.info("telegram long polling stopping");
        try {
            s.app.close();
        } catch (Exception e) {
            log.warn("stopping telegram polling: {}", e.getClass().getSimpleName());
        }
        s.http.dispatcher().cancelAll(); // ends a getUpdates that is waiting for news
        s.executor.shutdownNow();
        try {
            s.executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s.http.dispatcher().executorService().shutdown();
        s.http.connectionPool().evictAll();
        log.info("telegram long polling stopped");
    }

    /**
     * Runs on the SDK's polling thread, one batch at a time, updates in order. Must not throw: an
     * exception would end the SDK's polling task for good.
     */
    void consume(List<Update> updates) {
        lastUpdate = clock.instant();
        for (Update u : updates) {
            try {
                store(json.valueToTree(u), u.getUpdateId());
            } catch (RuntimeException e) {
                log.error("telegram update={} could not be read: {}", u.getUpdateId(), e.getClass().getSimpleName());
            }
            if (!running) return;
        }
    }

    /** Offers one update until it is stored, found malformed, or polling stops. */
    private void store(JsonNode update, Integer updateId) {
        Duration wait = RETRY_FIRST;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                intake.handle(update).toCompletionStage().toCompletableFuture()
                        .get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BadUpdateException) {
                    metrics.counter("omk_webhook_refused_total", "channel", TelegramSender.CHANNEL, "reason", "malformed").increment();
                    log.warn("telegram update={} skipped: {}", updateId, e.getCause().getMessage());
                    return;
                }
                metrics.counter("omk_telegram_poll_store_retries_total").increment();
                log.warn("telegram update={} not stored, trying again in {} ms: {}", updateId, wait.toMillis(),
                        e.getCause().getClass().getSimpleName());
            } catch (TimeoutException e) {
                metrics.counter("omk_telegram_poll_store_retries_total").increment();
                log.warn("telegram update={} not stored within {} s, trying again", updateId, STORE_TIMEOUT.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
        }
    }
}
