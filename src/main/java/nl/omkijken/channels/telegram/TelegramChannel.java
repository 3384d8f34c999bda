package nl.omkijken.channels.telegram;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Telegram channel, wired: the webhook route, long polling, and the sender, around one Bot API
 * client. In webhook mode {@link #start()} registers {@code publicBaseUrl/webhooks/telegram} with
 * the secret at Telegram (setWebhook); in polling mode it removes any webhook and polls getUpdates.
 * Both feed the same intake, so dedupe and the durable queue are the same.
 *
 * <pre>{@code
 * TelegramChannel telegram = new TelegramChannel(vertx, settings, dialogs.lines(), inboundQueue,
 *         runner::markOptedOut, registry, pseudonym, clock);
 * senders.add(telegram.sender());
 * telegram.mount(router);        // the webhook route (webhook mode only)
 * telegram.start();              // setWebhook, or deleteWebhook + polling
 * ...
 * telegram.stop();
 * }</pre>
 */
public final class TelegramChannel implements nl.omkijken.channels.Channel {
    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);

    private final TelegramSettings settings;
    private final TelegramApi api;
    private final TelegramSender sender;
    private final TelegramIntake intake;
    private final TelegramWebhook webhook;
    private final TelegramPolling polling;

    /**
     * @param lines   the lines the dialogs serve; "/start LINE" picks one of them for a new chat
     * @param queue   the durable inbound queue (dedupes on update_id)
     * @param optOuts marks the conversation of a person who blocks the bot opted out
     */
    public TelegramChannel(Vertx vertx, TelegramSettings settings, List<String> lines, InboundQueue queue,
                           nl.omkijken.channels.AddressOptOut optOuts, MeterRegistry metrics, Pseudonym pseudonym, Clock clock) {
        this.settings = settings;
        this.api = new TelegramApi(vertx, settings);
        this.sender = new TelegramSender(api, clock, pseudonym);
        this.intake = new TelegramIntake(new UpdateReader(lines, settings.defaultLine(), clock), queue, optOuts, sender,
                metrics, pseudonym);
        this.webhook = new TelegramWebhook(settings.webhookSecret(), intake, metrics);
        this.polling = settings.mode() == TelegramSettings.Mode.POLLING
                ? new TelegramPolling(vertx, settings.botToken(), api.url(), intake, clock, metrics) : null;
    }

    /** Long polling, or null in webhook mode. */
    TelegramPolling polling() { return polling; }

    /** The outbox's sender for channel "telegram". */
    public Sender sender() { return sender; }

    @Override
    public String name() { return "telegram (" + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + ")"; }

    @Override
    public List<Sender> senders() { return List.of(sender); }

    @Override
    public List<String> readyLines(String publicBaseUrl, String localBaseUrl) {
        return List.of("Telegram: " + (polling != null ? "long polling"
                : "webhook at " + settings.webhookUrl() + " (registered with Telegram at start)"));
    }

    /** Mounts {@code POST /webhooks/telegram} in webhook mode; in polling mode there is no webhook. */
    @Override
    public void mount(Router router) {
        if (settings.mode() == TelegramSettings.Mode.WEBHOOK) webhook.mount(router);
    }

    /**
     * Checks the bot token (getMe), then registers the webhook or starts polling. Fails with a message
     * that says what to fix; pending updates are never dropped.
     */
    @Override
    public Future<Void> start() {
        return api.<User, GetMe>call(new GetMe())
                .recover(e -> Future.failedFuture(new IllegalStateException("Telegram did not accept the bot token (getMe): "
                        + describe(e) + "; check TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL")))
                .compose(me -> {
                    log.info("telegram bot id={} username={} mode={}", me.getId(), me.getUserName(), settings.mode());
                    if (polling != null) {
                        return polling.start().recover(e -> Future.failedFuture(new IllegalStateException(
                                "Telegram long polling did not start (deleteWebhook): " + describe(e))));
                    }
                    SetWebhook set = SetWebhook.builder().url(settings.webhookUrl()).secretToken(settings.webhookSecret())
                            .allowedUpdates(TelegramPolling.ALLOWED_UPDATES).dropPendingUpdates(false).build();
                    return api.setWebhook(set)
                            .recover(e -> Future.failedFuture(new IllegalStateException("Telegram did not accept the webhook "
                                    + settings.webhookUrl() + " (setWebhook): " + describe(e)
                                    + "; PUBLIC_BASE_URL must be a public https URL on port 443, 80, 88 or 8443")))
                            .onSuccess(ok -> log.info("telegram webhook registered url={}", settings.webhookUrl()))
                            .mapEmpty();
                });
    }

    /** Stops polling (webhook mode has nothing running) and closes idle connections; start() may follow again. */
    @Override
    public Future<Void> stop() {
        Future<Void> f = polling == null ? Future.succeededFuture() : polling.stop();
        return f.eventually(() -> {
            api.close();
            return Future.succeededFuture();
        });
    }

    /** A failure in words that hold no secret: Telegram's code and description, or the network error's type. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() > 0) {
                return "error " + r.getErrorCode() + (r.getApiResponse() == null ? "" : " " + r.getApiResponse());
            }
            if (t instanceof java.io.IOException && !(t instanceof com.fasterxml.jackson.core.JacksonException)) {
                return t.getClass().getSimpleName();
            }
        }
        return e.getClass().getSimpleName();
    }
}
