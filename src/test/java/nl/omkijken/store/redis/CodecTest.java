package nl.omkijken.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.TimerChange;
import nl.omkijken.runner.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecTest {
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T03:09:00Z");

    static Session fullSession(Ownership ownership) {
        return new Session("sms:+31612345678", "luisterlijn", "nl", "welkom", "vraag", ownership, true,
                Map.of("naam", "Anneke", "stadsdeel", "Escamp", "emoji", "🙂 één"), 2, 7L,
                "overdracht", "wacht", "doorverwezen", 11, CREATED, UPDATED);
    }

    @ParameterizedTest
    @EnumSource(Ownership.class)
    void sessionWithEveryFieldSetRoundTrips(Ownership ownership) {
        Session s = fullSession(ownership);
        assertEquals(s, SessionCodec.decode(SessionCodec.encode(s)));
    }

    @Test
    void handoffsRoundTripWithACallBacksNewTimeAndAttemptsAndOldRecordsStillRead() {
        nl.omkijken.handoff.Handoff h = new nl.omkijken.handoff.Handoff("c-1", "helpdesk:laak", nl.omkijken.handoff.Handoff.Kind.CALLBACK,
                null, "intake_complete", nl.omkijken.handoff.Handoff.State.WAITING, CREATED, null, CREATED.plusSeconds(60),
                CREATED.plusSeconds(7200), 2, "helpdesk_gegevens:doorgeven");
        assertEquals(h, HandoffCodec.decode(HandoffCodec.encode(h)));
        nl.omkijken.handoff.Handoff claimed = new nl.omkijken.handoff.Handoff("c-1", "luisterlijn", nl.omkijken.handoff.Handoff.Kind.LIVE,
                null, "talk", nl.omkijken.handoff.Handoff.State.CLAIMED, CREATED, "w-2", CREATED.plusSeconds(600), null, 0, null,
                CREATED.plusSeconds(60));
        assertEquals(claimed, HandoffCodec.decode(HandoffCodec.encode(claimed)), "the first take survives a second");
        // Written before call-backs were tried again: no due time, no attempts.
        String old = "{\"v\":1,\"conversationId\":\"c-2\",\"queue\":\"luisterlijn\",\"kind\":\"LIVE\",\"state\":\"WAITING\","
                + "\"requestedAt\":\"2026-11-20T10:00:00Z\",\"changedAt\":\"2026-11-20T10:00:00Z\"}";
        nl.omkijken.handoff.Handoff read = HandoffCodec.decode(old);
        assertNull(read.dueAt());
        assertEquals(0, read.attempts());
    }

    @Test
    void freshSessionWithNullsRoundTrips() {
        Session s = Session.fresh("sandbox:abc-1", "helpdesk", null, CREATED);
        Session back = SessionCodec.decode(SessionCodec.encode(s));
        assertEquals(s, back);
        assertEquals(null, back.dialog());
        assertEquals(Map.of(), back.slots());
    }

    @Test
    void sessionWithoutInstantsRoundTrips() {
        Session s = new Session("sandbox:x", null, null, null, null, Ownership.BOT, false, Map.of(), 0, 0, null,
                null, null, 0, null, null);
        assertEquals(s, SessionCodec.decode(SessionCodec.encode(s)));
    }

    @Test
    void sessionKeepsLargeWaitToken() {
        Session s = new Session("sandbox:x", "l", "en", "d", "s", Ownership.AGENT, false, Map.of(), 0,
                Long.MAX_VALUE - 3, null, null, null, Integer.MAX_VALUE, CREATED, CREATED);
        assertEquals(s, SessionCodec.decode(SessionCodec.encode(s)));
    }

    @Test
    void unreadableSessionGivesAClearErrorWithoutTheContent() {
        StoredDataException notJson = assertThrows(StoredDataException.class,
                () -> SessionCodec.decode("{\"naam\": \"Anneke\" +31612345678"));
        assertEquals("unreadable stored session: not a JSON object", notJson.getMessage());

        String json = SessionCodec.encode(fullSession(Ownership.BOT));
        String badOwnership = new JsonObject(json).put("ownership", "ROBOT").encode();
        StoredDataException e = assertThrows(StoredDataException.class, () -> SessionCodec.decode(badOwnership));
        assertTrue(e.getMessage().contains("ownership"), e.getMessage());

        String noSlotsText = new JsonObject(json).put("slots", new JsonObject().put("naam", 5)).encode();
        assertThrows(StoredDataException.class, () -> SessionCodec.decode(noSlotsText));

        String newerFormat = new JsonObject(json).put("v", 99).encode();
        StoredDataException v = assertThrows(StoredDataException.class, () -> SessionCodec.decode(newerFormat));
        assertTrue(v.getMessage().contains("version 99"), v.getMessage());

        String badTime = new JsonObject(json).put("createdAt", "gisteren").encode();
        assertThrows(StoredDataException.class, () -> SessionCodec.decode(badTime));

        String noEnded = new JsonObject(json).put("ended", (Object) null).encode();
        assertThrows(StoredDataException.class, () -> SessionCodec.decode(noEnded));
        assertThrows(StoredDataException.class, () -> SessionCodec.decode(null));
        assertThrows(StoredDataException.class, () -> SessionCodec.decode("[1,2]"));
    }

    @Test
    void contactRoundTrips() {
        Contact c = new Contact("c-1", Map.of("first_name", "Piet", "phone", "+31612345678"), true);
        assertEquals(c, ContactCodec.decode(ContactCodec.encode(c)));
        Contact unknown = Contact.unknown("sms:+31612345678");
        Contact back = ContactCodec.decode(ContactCodec.encode(unknown));
        assertEquals(unknown, back);
        assertFalse(back.optedOut());
        assertThrows(StoredDataException.class, () -> ContactCodec.decode("{\"v\":1,\"id\":\"x\"}"));
    }

    @Test
    void transcriptEntryRoundTrips() {
        TranscriptEntry e = new TranscriptEntry("out", "Bel 113 of 0800-0113 (gratis), bij acuut gevaar 112.",
                CREATED, List.of("Ja", "Nee"));
        assertEquals(e, TranscriptEntryCodec.decode(TranscriptEntryCodec.encode(e)));
        TranscriptEntry plain = new TranscriptEntry("in", "hoi", UPDATED, null);
        assertEquals(plain, TranscriptEntryCodec.decode(TranscriptEntryCodec.encode(plain)));
    }

    @Test
    void outboundRoundTrips() {
        Outbound o = new Outbound("out-1", "sms:+31612345678", "sms", "+31612345678", "Hallo \"daar\"\n",
                List.of("1", "2"), CREATED);
        assertEquals(o, OutboundCodec.decode(OutboundCodec.encode(o)));
    }

    @Test
    void aTemplateEntryRoundTripsAndOlderEntriesStillDecode() {
        Outbound t = new Outbound("template-out-1", "whatsapp:+31612345678", "whatsapp",
                "whatsapp:+31612345678|whatsapp:+3197010200300", "", List.of(), CREATED, "out-1");
        assertEquals(t, OutboundCodec.decode(OutboundCodec.encode(t)));
        Outbound plain = new Outbound("out-2", "sms:+31612345678", "sms", "+31612345678|+3197010200300", "Hallo", List.of(), CREATED);
        assertFalse(OutboundCodec.encode(plain).contains("templateFor"), "an ordinary reply's JSON is unchanged");
        // As written before the field existed (e.g. still in the stream during an upgrade).
        Outbound old = OutboundCodec.decode("{\"id\":\"out-3\",\"conversationId\":\"sms:+31612345678\",\"channel\":\"sms\","
                + "\"address\":\"+31612345678|+3197010200300\",\"text\":\"Hallo\",\"buttons\":[],\"createdAt\":\"2024-03-01T10:00:00Z\"}");
        assertNull(old.templateFor());
        assertFalse(old.isTemplate());
        assertEquals("Hallo", old.text());
    }

    @Test
    void timerBecomesTheDueTimerItDescribes() {
        TimerChange t = new TimerChange("sandbox:abc-1", "checkin", CREATED, "dialog/step", 42L);
        DueTimer d = TimerCodec.decode(TimerCodec.encode(t));
        assertEquals(new DueTimer("turn:sandbox:abc-1|checkin", "sandbox:abc-1", "checkin", CREATED, "dialog/step", 42L), d);
    }
}
