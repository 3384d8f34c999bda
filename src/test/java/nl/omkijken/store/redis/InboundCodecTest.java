package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import nl.omkijken.runner.Inbound;
import org.junit.jupiter.api.Test;

class InboundCodecTest {
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456789Z");

    @Test
    void everyFieldAndTheMediaListRoundTrip() {
        Inbound in = new Inbound("whatsapp:+31612345678", "whatsapp", "whatsapp:+31612345678", "luisterlijn", "nl",
                "Hoi, één vraag \"quoted\" \n🙂", "SM0123456789abcdef", AT, List.of("image/jpeg", "audio/ogg"));
        assertEquals(in, InboundCodec.decode(InboundCodec.encode(in)));
    }

    @Test
    void absentFieldsStayAbsent() {
        Inbound in = new Inbound("telegram:42", "telegram", null, null, null, null, null, null, null);
        Inbound back = InboundCodec.decode(InboundCodec.encode(in));
        assertEquals(in, back);
        assertEquals("", back.text());
        assertEquals(List.of(), back.media());
        assertEquals(null, back.providerId());
    }

    @Test
    void unreadableEntriesGiveAStoredDataErrorNamingTheField() {
        assertThrows(StoredDataException.class, () -> InboundCodec.decode("not json"));
        StoredDataException e = assertThrows(StoredDataException.class,
                () -> InboundCodec.decode("{\"channel\":\"sms\"}"));
        assertTrue(e.getMessage().contains("conversationId"), e.getMessage());
        e = assertThrows(StoredDataException.class,
                () -> InboundCodec.decode("{\"conversationId\":\"sms:1\",\"channel\":\"sms\",\"media\":[1]}"));
        assertTrue(e.getMessage().contains("media"), e.getMessage());
    }

    @Test
    void partitionsAreStableAndInRange() {
        InboundPartitions p = new InboundPartitions(16);
        // CRC32 of the UTF-8 id mod 16: fixed values, so every instance and version agrees.
        assertEquals(5, p.of("sms:+31612345678"));
        assertEquals(7, p.of("telegram:12345"));
        assertEquals(1, p.of("whatsapp:+31687654321"));
        InboundPartitions three = new InboundPartitions(3);
        for (int i = 0; i < 200; i++) {
            int part = three.of("sms:+316" + i);
            assertTrue(part >= 0 && part < 3, "partition " + part);
        }
        assertEquals(0, new InboundPartitions(1).of("anything"));
        assertThrows(IllegalArgumentException.class, () -> new InboundPartitions(0));
    }
}
