package nl.omkijken.channels.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.omkijken.testing.fakes.FakeTelegram;

/** Bot API updates as Telegram sends them, for tests that hold a conversation. */
final class Updates {
    private Updates() {}

    private static JsonObject user(long chatId) {
        return new JsonObject().put("id", chatId).put("is_bot", false).put("first_name", "Test").put("language_code", "nl");
    }

    private static JsonObject chat(long chatId) {
        return new JsonObject().put("id", chatId).put("first_name", "Test").put("type", "private");
    }

    static JsonObject text(long updateId, long chatId, String text) {
        return new JsonObject().put("update_id", updateId).put("message", new JsonObject()
                .put("message_id", updateId % 100000).put("from", user(chatId)).put("chat", chat(chatId))
                .put("date", 1795424400L).put("text", text));
    }

    /** The person presses the button labelled {@code label} under the message the fake received. */
    static JsonObject press(long updateId, long chatId, String callbackId, FakeTelegram.Request sent, String label) {
        JsonObject markup = markup(sent);
        String data = null;
        for (Object row : markup.getJsonArray("inline_keyboard")) {
            for (Object b : (JsonArray) row) {
                JsonObject button = (JsonObject) b;
                if (label.equals(button.getString("text"))) data = button.getString("callback_data");
            }
        }
        if (data == null) throw new AssertionError("no button '" + label + "' in " + markup.encode());
        JsonObject message = new JsonObject().put("message_id", 1001).put("date", 1795424400L).put("chat", chat(chatId))
                .put("from", new JsonObject().put("id", 7000000001L).put("is_bot", true).put("first_name", "Omkijken"))
                .put("text", sent.param("text")).put("reply_markup", markup);
        return new JsonObject().put("update_id", updateId).put("callback_query", new JsonObject().put("id", callbackId)
                .put("from", user(chatId)).put("message", message).put("chat_instance", "-651234").put("data", data));
    }

    static JsonObject markup(FakeTelegram.Request sent) {
        Object m = sent.params().getValue("reply_markup");
        if (m == null) throw new AssertionError("the message has no keyboard");
        return m instanceof JsonObject o ? o : new JsonObject(String.valueOf(m));
    }

    static java.util.List<String> labels(FakeTelegram.Request sent) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object row : markup(sent).getJsonArray("inline_keyboard")) {
            for (Object b : (JsonArray) row) out.add(((JsonObject) b).getString("text"));
        }
        return out;
    }
}
