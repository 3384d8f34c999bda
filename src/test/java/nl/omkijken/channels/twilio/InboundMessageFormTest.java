package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.runner.Inbound;
import org.junit.jupiter.api.Test;

class InboundMessageFormTest {
    private static final String OURS = "+3197010200300";
    private static final TwilioSettings SETTINGS = new TwilioSettings("AC" + "0".repeat(32), "token", "http://127.0.0.1:1",
            "https://omkijken.example", Map.of("luisterlijn", List.of(OURS, "whatsapp:" + OURS)), null);

    private static Inbound parse(String form) {
        return InboundMessageForm.parse(FormBody.parse(form.getBytes(StandardCharsets.UTF_8)), SETTINGS, Instant.EPOCH);
    }

    @Test
    void aSharedWhatsappLocationArrivesAsSomethingTheBotCannotReadWithoutTheCoordinates() {
        Inbound in = parse("MessageSid=SM" + "1".repeat(32) + "&From=whatsapp%3A%2B31612345678&To=whatsapp%3A%2B3197010200300"
                + "&Body=&NumMedia=0&Latitude=52.0705&Longitude=4.3007&MessageType=location");
        assertEquals(List.of("location"), in.media());
        assertEquals("", in.text());
        assertEquals("[media: location]", in.transcriptText());
    }

    @Test
    void attachmentsKeepTheirTypesAndPlainTextHasNone() {
        Inbound photo = parse("MessageSid=SM" + "2".repeat(32) + "&From=%2B31612345678&To=%2B3197010200300&Body=kijk"
                + "&NumMedia=1&MediaContentType0=image%2Fjpeg");
        assertEquals(List.of("image/jpeg"), photo.media());
        Inbound text = parse("MessageSid=SM" + "3".repeat(32) + "&From=%2B31612345678&To=%2B3197010200300&Body=hoi&NumMedia=0");
        assertEquals(List.of(), text.media());
    }
}
