package nl.omkijken.channels.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nl.omkijken.runner.Inbound;
import org.junit.jupiter.api.Test;

/** The details of reading an update that the webhook rows do not spell out. */
class UpdateReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UpdateReader reader = new UpdateReader(List.of("luisterlijn", "helpdesk", "telefooncirkel"), "luisterlijn",
            Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));

    private UpdateReader.Reading read(String json) throws Exception {
        return reader.read(JSON.readTree(json));
    }

    private Inbound message(String json) throws Exception {
        return assertInstanceOf(UpdateReader.Message.class, read(json)).inbound();
    }

    private static String text(String text, String languageCode) {
        return "{\"update_id\":5,\"message\":{\"message_id\":1,\"from\":{\"id\":42,\"language_code\":\"" + languageCode
                + "\"},\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,\"text\":\"" + text + "\"}}";
    }

    @Test
    void theLanguageComesFromTelegramWhenTheDialogsSpeakIt() throws Exception {
        assertEquals("nl", message(text("hoi", "nl")).language());
        assertEquals("en", message(text("hi", "en-GB")).language());
        assertNull(message(text("hallo", "de")).language(), "another language: the service's default");
    }

    @Test
    void startChoosesTheLineAlsoWithTheBotsNameAndInAnyCase() throws Exception {
        assertEquals("telefooncirkel", message(text("/start@omkijken_bot Telefooncirkel", "nl")).line());
        assertEquals("/start", message(text("/start@omkijken_bot Telefooncirkel", "nl")).text());
        assertEquals("luisterlijn", message(text("/start", "nl")).line());
        assertEquals("/starten", message(text("/starten", "nl")).text(), "not the start command");
        assertEquals("/help", message(text("/help", "nl")).text(), "other commands reach the dialog as typed");
    }

    @Test
    void aPressedButtonIsItsFullLabelEvenWhenItsDataWasCut() throws Exception {
        String label = "Ik wil graag een afspraak maken met de accounthouder van mijn stadsdeel";
        String data = InlineKeyboards.callbackData(label);
        String json = "{\"update_id\":6,\"callback_query\":{\"id\":\"q1\",\"from\":{\"id\":42},\"message\":{\"message_id\":9,"
                + "\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\""
                + label + "\",\"callback_data\":\"" + data + "\"}]]}},\"data\":\"" + data + "\"}}";
        UpdateReader.Message m = assertInstanceOf(UpdateReader.Message.class, read(json));
        assertEquals(label, m.inbound().text());
        assertEquals("q1", m.callbackQueryId());
    }

    @Test
    void aPressUnderAMessageTooOldToComeAlongUsesThePersonsId() throws Exception {
        Inbound in = message("{\"update_id\":7,\"callback_query\":{\"id\":\"q2\",\"from\":{\"id\":77},\"data\":\"Ja\"}}");
        assertEquals("telegram:77", in.from().identity());
        assertEquals("Ja", in.text());
    }

    @Test
    void mediaTypesAreContentTypesOnly() throws Exception {
        Inbound gif = message("{\"update_id\":8,\"message\":{\"message_id\":1,\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,"
                + "\"animation\":{\"mime_type\":\"video/mp4\"},\"document\":{\"mime_type\":\"video/mp4\"}}}");
        assertEquals(List.of("video/mp4"), gif.media(), "a GIF is one attachment, though Telegram also sends it as document");
        Inbound odd = message("{\"update_id\":9,\"message\":{\"message_id\":1,\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1,"
                + "\"document\":{\"mime_type\":\"<script>alert(1)</script>\"}}}");
        assertEquals(List.of("application/octet-stream"), odd.media());
    }

    @Test
    void otherMemberChangesAndUnknownKindsAreIgnored() throws Exception {
        UpdateReader.Ignored unblocked = assertInstanceOf(UpdateReader.Ignored.class, read("{\"update_id\":10,\"my_chat_member\":"
                + "{\"chat\":{\"id\":42,\"type\":\"private\"},\"new_chat_member\":{\"status\":\"member\"}}}"));
        assertEquals("my_chat_member", unblocked.kind());
        assertEquals("other", assertInstanceOf(UpdateReader.Ignored.class,
                read("{\"update_id\":11,\"brand_new_kind\":{\"x\":1}}")).kind(), "an unknown kind does not grow the metric's labels");
        assertEquals("poll_answer", assertInstanceOf(UpdateReader.Ignored.class,
                read("{\"update_id\":12,\"poll_answer\":{\"poll_id\":\"1\"}}")).kind());
        assertEquals("group_callback_query", assertInstanceOf(UpdateReader.Ignored.class, read("{\"update_id\":13,\"callback_query\":"
                + "{\"id\":\"q\",\"from\":{\"id\":1},\"message\":{\"chat\":{\"id\":-100,\"type\":\"supergroup\"}},\"data\":\"x\"}}")).kind());
    }

    @Test
    void whatTheBotApiNeverSendsIsRefused() {
        assertThrows(BadUpdateException.class, () -> read("{\"update_id\":\"12\",\"message\":{}}"));
        assertThrows(BadUpdateException.class, () -> read("{\"update_id\":-1}"));
        assertThrows(BadUpdateException.class, () -> read("{\"update_id\":14,\"message\":{\"chat\":{\"id\":\"42\"},\"text\":\"x\"}}"));
        assertThrows(BadUpdateException.class, () -> read("{\"update_id\":15,\"message\":\"hallo\"}"));
        assertThrows(BadUpdateException.class, () -> read("{\"update_id\":16,\"callback_query\":{\"from\":{\"id\":1},\"data\":\"x\"}}"));
        assertThrows(IllegalArgumentException.class, () -> new UpdateReader(List.of("helpdesk"), "luisterlijn", Clock.systemUTC()));
    }

    @Test
    void aReadUpdateIsUnchangedByTheSdksRoundTrip() throws Exception {
        // Long polling gets the SDK's Update objects; they are turned back into JSON for the same reader.
        JsonNode original = JSON.readTree(java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/webhooks/telegram/callback_query.json")));
        var update = JSON.treeToValue(original, org.telegram.telegrambots.meta.api.objects.Update.class);
        UpdateReader.Message viaSdk = assertInstanceOf(UpdateReader.Message.class, reader.read(JSON.valueToTree(update)));
        UpdateReader.Message direct = assertInstanceOf(UpdateReader.Message.class, reader.read(original));
        assertEquals(direct, viaSdk);
    }
}
