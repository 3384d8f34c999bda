package nl.omkijken.channels.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one verified update, whether it came by webhook or by long polling: a message is
 * offered to the durable inbound queue (deduplicated on update_id), a block marks the contact opted
 * out, anything else is counted and ignored. The future completes only when that is done, so the
 * webhook answers 200, and polling moves past the update, only after the effect is durable.
 */
final class TelegramIntake {
    private static final Logger log = LoggerFactory.getLogger(TelegramIntake.class);

    /** What became of an update. */
    enum Outcome { ACCEPTED, DUPLICATE, IGNORED, OPTED_OUT }

    private final UpdateReader reader;
    private final InboundQueue queue;
    private final nl.omkijken.channels.AddressOptOut optOuts;
    private final TelegramSender sender;
    private final MeterRegistry metrics;
    private final Pseudonym pseudonym;

    TelegramIntake(UpdateReader reader, InboundQueue queue, nl.omkijken.channels.AddressOptOut optOuts, TelegramSender sender,
                   MeterRegistry metrics, Pseudonym pseudonym) {
        this.reader = reader;
        this.queue = queue;
        this.optOuts = optOuts;
        this.sender = sender;
        this.metrics = metrics;
        this.pseudonym = pseudonym;
    }

    /** A Telegram chat's address: the chat id is who they are and where replies go. */
    static nl.omkijken.people.Address address(long chatId) {
        return nl.omkijken.people.Address.of(TelegramSender.CHANNEL, String.valueOf(chatId));
    }

    /** Fails with {@link BadUpdateException} for an update that is not what the Bot API sends. */
    Future<Outcome> handle(JsonNode update) {
        UpdateReader.Reading r;
        try {
            r = reader.read(update);
        } catch (BadUpdateException e) {
            return Future.failedFuture(e);
        }
        if (r instanceof UpdateReader.Message m) return offer(m);
        if (r instanceof UpdateReader.Blocked b) {
            log.info("telegram update={} bot blocked sender={}", b.updateId(), pseudonym.of(b.address().identity()));
            return optOuts.optOut(b.address(), "telegram_blocked").map(v -> Outcome.OPTED_OUT);
        }
        UpdateReader.Ignored i = (UpdateReader.Ignored) r;
        metrics.counter("omk_webhook_ignored_total", "channel", TelegramSender.CHANNEL, "kind", i.kind()).increment();
        log.debug("telegram update={} ignored kind={}", i.updateId(), i.kind());
        return Future.succeededFuture(Outcome.IGNORED);
    }

    private Future<Outcome> offer(UpdateReader.Message m) {
        // Logged by a pseudonym of the sender: the conversation is only known inside the queue.
        String conv = m.inbound().from().identity();
        return queue.offer(m.inbound()).map(offer -> {
            if (offer == InboundQueue.Offer.DUPLICATE) {
                log.info("telegram update={} duplicate sender={}", m.updateId(), pseudonym.of(conv));
                return Outcome.DUPLICATE;
            }
            log.debug("telegram update={} queued sender={}", m.updateId(), pseudonym.of(conv));
            // The press is safely queued: stop the button's spinner. Not awaited; the update is done.
            if (m.callbackQueryId() != null) sender.answerCallback(m.callbackQueryId(), conv);
            return Outcome.ACCEPTED;
        });
    }
}
