package nl.omkijken.channels.telegram;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.omkijken.runner.KeyedSerializer;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.SendFailure;
import nl.omkijken.runner.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Sends replies with the Bot API's sendMessage; reply buttons become an inline keyboard on the last
 * part. Failures are classified for the outbox ({@link SendFailures}).
 *
 * <p>Replies to one chat are sent one after another, in the order the outbox hands them over.
 *
 * <p>Two things the outbox cannot know are kept here, in memory: after a 429 no message goes to that
 * chat before Telegram's retry_after has passed (an early attempt fails at once with RETRY and the
 * time still to wait), and of a reply split in parts, the parts already delivered are not sent again
 * when the rest is retried.
 */
public final class TelegramSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    public static final String CHANNEL = "telegram";

    private final TelegramApi api;
    private final Clock clock;
    private final Pseudonym pseudonym;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Map<String, List<String>> deliveredParts = new ConcurrentHashMap<>();
    private final KeyedSerializer perChat = new KeyedSerializer();

    TelegramSender(TelegramApi api, Clock clock, Pseudonym pseudonym) {
        this.api = api;
        this.clock = clock;
        this.pseudonym = pseudonym;
    }

    @Override
    public String channel() { return CHANNEL; }

    /** Sends the reply; the future holds Telegram's message id (ids joined by commas for a split reply). */
    @Override
    public Future<String> send(Outbound m) {
        String chat = m.address();
        if (chat == null || !chat.matches("-?[0-9]{1,20}")) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "no_chat_id", null, "no Telegram chat id"));
        }
        if (m.text() == null || m.text().isBlank()) {
            return Future.failedFuture(new SendFailure(SendFailure.Kind.PERMANENT, "empty_text", null, "empty reply"));
        }
        // The outbox hands over a batch at once; one chat's replies still go out in the order given.
        return perChat.submit(chat, () -> sendNow(m, chat));
    }

    private Future<String> sendNow(Outbound m, String chat) {
        Instant until = notBefore.get(chat);
        Instant now = clock.instant();
        if (until != null) {
            if (now.isBefore(until)) {
                return Future.failedFuture(new SendFailure(SendFailure.Kind.RETRY, "429", Duration.between(now, until),
                        "waiting for Telegram's retry_after"));
            }
            notBefore.remove(chat, until);
        }
        List<String> parts = MessageChunks.split(m.text());
        List<String> done = deliveredParts.getOrDefault(m.id(), List.of());
        return sendParts(m, chat, parts, new ArrayList<>(done)).map(ids -> {
            deliveredParts.remove(m.id());
            return String.join(",", ids);
        }).recover(e -> {
            SendFailure f = SendFailures.classify(e);
            if (f.kind() != SendFailure.Kind.RETRY) deliveredParts.remove(m.id());
            if (f.retryAfter() != null && "429".equals(f.code())) notBefore.put(chat, clock.instant().plus(f.retryAfter()));
            return Future.failedFuture(f);
        });
    }

    private Future<List<String>> sendParts(Outbound m, String chat, List<String> parts, List<String> ids) {
        int i = ids.size();
        if (i >= parts.size()) return Future.succeededFuture(ids);
        SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chat).text(parts.get(i));
        if (i == parts.size() - 1 && !m.buttons().isEmpty()) b.replyMarkup(InlineKeyboards.of(m.buttons()));
        return api.<Message, SendMessage>call(b.build()).compose(msg -> {
            ids.add(String.valueOf(msg.getMessageId()));
            if (ids.size() < parts.size()) deliveredParts.put(m.id(), List.copyOf(ids));
            return sendParts(m, chat, parts, ids);
        });
    }

    /**
     * Tells Telegram a button press was received, so the button stops showing a spinner. Best effort:
     * a failure only leaves the spinner until the app gives up on it.
     */
    public Future<Void> answerCallback(String callbackQueryId, String conversationId) {
        return api.<Boolean, AnswerCallbackQuery>call(AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build())
                .<Void>mapEmpty()
                .onFailure(e -> log.info("answerCallbackQuery failed conversation={} reason={}",
                        pseudonym.of(conversationId), SendFailures.classify(e).code()));
    }
}
