package nl.omkijken.channels.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.omkijken.runner.Inbound;

/**
 * Reads one Bot API update (as a JSON tree, so fields Telegram adds later are simply not looked at)
 * into what it asks of us: a message for the runner, a contact who blocked the bot, or nothing.
 * Only private chats are conversations; a bot added to a group reads nothing there.
 */
final class UpdateReader {
    /** What an update means. */
    sealed interface Reading permits Message, Blocked, Ignored {
        long updateId();
    }

    /** A message for the runner; {@code callbackQueryId} is set when it came from a button press. */
    record Message(long updateId, Inbound inbound, String callbackQueryId) implements Reading {}

    /** The person blocked the bot (my_chat_member, new status "kicked"). */
    record Blocked(long updateId, nl.omkijken.people.Address address) implements Reading {}

    /** Not handled; {@code kind} names it for the metric. */
    record Ignored(long updateId, String kind) implements Reading {}

    /** "/start", "/start helpdesk", "/start@SomeBot telefooncirkel". */
    private static final Pattern START = Pattern.compile("^/start(?:@[A-Za-z0-9_]+)?(?:\\s+(\\S+))?\\s*$");

    /** Update kinds of the Bot API; anything else is counted as "other" to keep the metric small. */
    private static final Set<String> KINDS = Set.of("message", "edited_message", "channel_post", "edited_channel_post",
            "business_connection", "business_message", "edited_business_message", "deleted_business_messages",
            "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
            "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
            "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost");

    private final List<String> lines;
    private final String defaultLine;
    private final Clock clock;

    UpdateReader(List<String> lines, String defaultLine, Clock clock) {
        if (!lines.contains(defaultLine)) {
            throw new IllegalArgumentException("Telegram default line '" + defaultLine + "' is not one of " + lines);
        }
        this.lines = List.copyOf(lines);
        this.defaultLine = defaultLine;
        this.clock = clock;
    }

    Reading read(JsonNode update) {
        if (update == null || !update.isObject()) throw new BadUpdateException("an update is a JSON object");
        JsonNode idNode = update.get("update_id");
        if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong() || idNode.asLong() < 0) {
            throw new BadUpdateException("update_id is missing or not a number");
        }
        long id = idNode.asLong();
        if (update.has("message")) return message(id, object(update, "message"));
        if (update.has("callback_query")) return callback(id, object(update, "callback_query"));
        if (update.has("my_chat_member")) return memberChange(id, object(update, "my_chat_member"));
        return new Ignored(id, kindOf(update));
    }

    private Reading message(long id, JsonNode msg) {
        JsonNode chat = object(msg, "chat");
        long chatId = chatId(chat);
        if (!isPrivate(chat)) return new Ignored(id, "group_message");
        String language = language(msg.get("from"));
        String text = msg.path("text").isTextual() ? msg.get("text").asText() : null;
        if (text != null) {
            Matcher start = START.matcher(text.strip());
            if (start.matches()) {
                // The deep link's parameter chooses the line of a new conversation; the dialog sees "/start".
                return new Message(id, inbound(chatId, lineOf(start.group(1)), language, "/start", id, List.of()), null);
            }
            return new Message(id, inbound(chatId, defaultLine, language, text, id, List.of()), null);
        }
        List<String> media = media(msg);
        if (!media.isEmpty()) {
            // A caption is the person's words about the photo: crisis words in it must be read too.
            String caption = msg.path("caption").isTextual() ? msg.get("caption").asText() : "";
            return new Message(id, inbound(chatId, defaultLine, language, caption, id, media), null);
        }
        for (String kind : List.of("sticker", "location", "venue", "contact", "poll", "dice", "game")) {
            if (msg.has(kind)) return new Ignored(id, kind.equals("venue") ? "location" : kind);
        }
        return new Ignored(id, "message_other");
    }

    private Reading callback(long id, JsonNode cb) {
        JsonNode qid = cb.get("id");
        if (qid == null || !qid.isTextual() || qid.asText().isEmpty()) throw new BadUpdateException("callback_query.id is missing");
        JsonNode msg = cb.get("message");
        long chatId;
        if (msg != null && msg.has("chat")) {
            JsonNode chat = object(msg, "chat");
            chatId = chatId(chat);
            if (!isPrivate(chat)) return new Ignored(id, "group_callback_query");
        } else {
            // Without the message (too old to be sent along), the private chat's id is the user's id.
            chatId = chatId(object(cb, "from"));
        }
        JsonNode data = cb.get("data");
        if (data == null || !data.isTextual() || data.asText().isEmpty()) return new Ignored(id, "callback_query_without_data");
        String label = labelOf(msg, data.asText());
        Inbound in = inbound(chatId, defaultLine, language(cb.get("from")), label, id, List.of());
        return new Message(id, in, qid.asText());
    }

    private Reading memberChange(long id, JsonNode change) {
        JsonNode chat = object(change, "chat");
        long chatId = chatId(chat);
        String status = change.path("new_chat_member").path("status").asText("");
        if (isPrivate(chat) && status.equals("kicked")) return new Blocked(id, TelegramIntake.address(chatId));
        return new Ignored(id, "my_chat_member");
    }

    /** The full label of the pressed button, found by its callback_data in the keyboard the update carries. */
    private static String labelOf(JsonNode msg, String data) {
        if (msg != null) {
            for (JsonNode row : msg.path("reply_markup").path("inline_keyboard")) {
                for (JsonNode button : row) {
                    if (data.equals(button.path("callback_data").asText(null)) && button.path("text").isTextual()) {
                        return button.get("text").asText();
                    }
                }
            }
        }
        return data;
    }

    /** Content types of what the message carries; Telegram sends photos as JPEG and voice notes as Ogg Opus. */
    private static List<String> media(JsonNode msg) {
        List<String> out = new ArrayList<>();
        if (msg.has("photo")) out.add("image/jpeg");
        if (msg.has("voice")) out.add(mime(msg.get("voice"), "audio/ogg"));
        if (msg.has("audio")) out.add(mime(msg.get("audio"), "audio/mpeg"));
        if (msg.has("video")) out.add(mime(msg.get("video"), "video/mp4"));
        if (msg.has("video_note")) out.add("video/mp4");
        if (msg.has("animation")) out.add(mime(msg.get("animation"), "video/mp4"));
        else if (msg.has("document")) out.add(mime(msg.get("document"), "application/octet-stream"));
        return out;
    }

    private static String mime(JsonNode file, String fallback) {
        String m = file == null ? "" : file.path("mime_type").asText("");
        // A content type, not free text: anything else is replaced so nothing odd reaches the transcript.
        return m.matches("[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,80}") ? m : fallback;
    }

    private Inbound inbound(long chatId, String line, String language, String text, long updateId, List<String> media) {
        return Inbound.from(TelegramIntake.address(chatId), line, language, text, String.valueOf(updateId),
                clock.instant(), media);
    }

    private String lineOf(String parameter) {
        if (parameter == null) return defaultLine;
        String p = parameter.toLowerCase(Locale.ROOT);
        return lines.contains(p) ? p : defaultLine;
    }

    /** Telegram's language_code ("nl", "en-GB") when it is one the dialogs speak, else null (the default). */
    private static String language(JsonNode from) {
        String code = from == null ? "" : from.path("language_code").asText("").toLowerCase(Locale.ROOT);
        if (code.startsWith("nl")) return "nl";
        if (code.startsWith("en")) return "en";
        return null;
    }

    private static boolean isPrivate(JsonNode chat) {
        return "private".equals(chat.path("type").asText("private"));
    }

    private static long chatId(JsonNode chat) {
        JsonNode id = chat.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) throw new BadUpdateException("chat id is missing or not a number");
        return id.asLong();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) throw new BadUpdateException(field + " is missing or not an object");
        return n;
    }

    private static String kindOf(JsonNode update) {
        var names = update.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("update_id")) return KINDS.contains(n) ? n : "other";
        }
        return "empty";
    }
}
