package nl.omkijken.channels.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.circle.CheckInLog;
import nl.omkijken.circle.Ladder;
import nl.omkijken.store.redis.RedisCheckInLog;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Telefooncirkel's daily call and its ladder in the sandbox's phone simulator, with no provider: the real
 * runner, daily calls and jobs on a real redis-server and a fake clock, driven through the simulator's HTTP API as
 * the browser drives it. A call rings, is let go, busy, unanswered or answered and hung up; the text message and
 * the contact person's question go to sandbox conversations; a landline key holder's call rings too.
 */
class SandboxPhoneTest {
    /** Monday 7 December 2026, 09:40 in Amsterdam: inside Annie's window. */
    static final Instant MONDAY = Instant.parse("2026-12-07T08:40:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private SandboxPhoneRig rig;
    private MutableClock clock;
    private RedisCheckInLog log;
    private Http http;

    @BeforeEach
    void start() {
        // A call nobody touches stops ringing after two seconds here (30 seconds in the service).
        rig = SandboxPhoneRig.start(MONDAY, Duration.ofSeconds(2));
        clock = rig.clock();
        log = rig.log();
        http = new Http(rig.base());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void runDue() {
        rig.runDue();
    }

    private JsonArray calls() {
        HttpResponse<String> r = http.get("/sandbox/api/phone");
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("calls");
    }

    private JsonObject latest() {
        JsonArray all = calls();
        assertTrue(all.size() > 0, "something was placed or sent");
        return all.getJsonObject(0);
    }

    private JsonObject post(String path, JsonObject body) {
        HttpResponse<String> r = http.postJson(path, body.encode());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return new JsonObject(r.body());
    }

    private List<String> steps() {
        List<String> out = new ArrayList<>();
        for (CheckInLog.Entry e : Await.result(log.of(DAY, "pannie"))) out.add(e.step() + (e.detail().isEmpty() ? "" : " " + e.detail()));
        return out;
    }

    private String said(JsonObject call) {
        StringBuilder all = new StringBuilder();
        for (Object s : call.getJsonArray("said")) all.append(((JsonObject) s).getString("text")).append(' ');
        return all.toString();
    }

    private String transcript(String conversation) {
        HttpResponse<String> r = http.get("/sandbox/api/conversations/" + conversation + "/messages");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** Waits (real time) for something the service does on its own, after a timer. */
    private void until(java.util.function.BooleanSupplier done, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) return;
            Await.result(rig.vertx().timer(50));
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    /** Waits for a call to stop ringing by itself (nobody picked up). */
    private void ringsOut(String callId) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            JsonObject c = calls().stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(callId)).findFirst().orElseThrow();
            if (!"ringing".equals(c.getString("state"))) {
                assertEquals("no-answer", c.getString("state"));
                return;
            }
            Await.result(rig.vertx().timer(50));
        }
        throw new AssertionError("the call is still ringing");
    }

    @Test
    void theDailyCallRingsAndAnsweringItIsTheCheckInByName() {
        runDue();
        JsonObject ringing = latest();
        assertEquals("call", ringing.getString("kind"));
        assertEquals("ringing", ringing.getString("state"));
        assertEquals("Annie", ringing.getString("to"));
        assertEquals(1, ringing.getInteger("attempt"));

        JsonObject answered = post("/sandbox/api/phone/calls/" + ringing.getString("id") + "/answer", new JsonObject());
        assertEquals("tel-31612345678", answered.getString("conversationId"));
        assertTrue(said(answered).contains("Goedendag Annie, u spreekt met de automatische telefoon van de Telefooncirkel."), said(answered));
        assertTrue(answered.getJsonObject("listening").getJsonArray("digits").contains("1"), answered.encode());
        JsonObject bye = post("/sandbox/api/conversations/tel-31612345678/call/heard", new JsonObject().put("answer", "1").put("silences", 0));
        assertTrue(said(bye).contains("Fijn om te horen"), said(bye));
        assertEquals("answered", latest().getString("state"));
        assertEquals(List.of("CALLED 1", "ANSWERED"), steps());

        // Answered is answered: it rings no more, and nothing else happens today.
        assertEquals(409, http.postJson("/sandbox/api/phone/calls/" + ringing.getString("id") + "/answer", "{}").statusCode());
        clock.advance(Duration.ofMinutes(20));
        runDue();
        assertEquals(1, calls().size(), "no second call");
    }

    @Test
    void nobodyAnsweringClimbsTheLadderToTheTextTheContactAndTheKeyHolderOnALandline() {
        runDue();
        // Busy: as Twilio's status callback would say; the next try a quarter of an hour after.
        JsonObject first = latest();
        assertEquals("busy", post("/sandbox/api/phone/calls/" + first.getString("id") + "/miss", new JsonObject().put("why", "busy"))
                .getString("state"));
        clock.advance(Duration.ofMinutes(15));
        runDue();
        JsonObject second = latest();
        assertEquals(2, second.getInteger("attempt"));
        // Left ringing: it stops by itself, as not answered, and the ladder hears of it (its next try scheduled first).
        ringsOut(second.getString("id"));
        until(() -> steps().contains("NOT_REACHED 2|no-answer"), "the ladder heard of the unanswered call");
        clock.advance(Duration.ofMinutes(15));
        runDue();
        // Picked up, and hung up before saying how she is: not reached after all.
        JsonObject third = latest();
        assertEquals(3, third.getInteger("attempt"));
        post("/sandbox/api/phone/calls/" + third.getString("id") + "/answer", new JsonObject());
        post("/sandbox/api/phone/calls/" + third.getString("id") + "/hangup", new JsonObject());
        assertEquals(409, http.postJson("/sandbox/api/phone/calls/" + third.getString("id") + "/hangup", "{}").statusCode(),
                "hung up once");
        runDue();
        // The text message, in Annie's text conversation in the sandbox.
        JsonObject text = latest();
        assertEquals("text", text.getString("kind"));
        assertEquals("sms-31612345678", text.getString("conversationId"));
        assertTrue(transcript("sms-31612345678").contains("de Telefooncirkel heeft u vandaag gebeld, maar we kregen u niet te pakken"));

        // No answer to it: Jan, her contact person, by text; he cannot go.
        clock.advance(Ladder.DEFAULT.textWait());
        runDue();
        JsonObject jan = latest();
        assertEquals("text", jan.getString("kind"));
        assertEquals("contact", jan.getString("role"));
        assertEquals("Jan Jansen", jan.getString("to"));
        assertTrue(transcript("sms-31687654321").contains("We hebben Annie vandaag niet bereikt"));
        clock.advance(Duration.ofMinutes(2));
        post("/sandbox/api/conversations/sms-31687654321/messages", new JsonObject().put("text", "3"));
        // Els, the key holder, has a landline: her phone rings, and she knows all is well.
        for (int i = 0; i < 4 && !"call".equals(latest().getString("kind")); i++) {
            clock.advance(Duration.ofMinutes(10));
            runDue();
        }
        JsonObject els = latest();
        assertEquals("call", els.getString("kind"));
        assertEquals("key_holder", els.getString("role"));
        assertEquals("Annie", els.getString("participant"));
        JsonObject asked = post("/sandbox/api/phone/calls/" + els.getString("id") + "/answer", new JsonObject());
        assertEquals("tel-31201234567", asked.getString("conversationId"));
        assertTrue(said(asked).contains("Goedendag Els, u spreekt met de automatische telefoon van de Telefooncirkel."), said(asked));
        post("/sandbox/api/conversations/tel-31201234567/call/heard", new JsonObject().put("answer", "2").put("silences", 0));
        clock.advance(Duration.ofMinutes(10));
        runDue();
        clock.advance(Ladder.DEFAULT.contactWait());
        runDue();

        List<String> steps = steps();
        assertEquals(List.of("CALLED 1", "NOT_REACHED 1|busy", "CALLED 2", "NOT_REACHED 2|no-answer", "CALLED 3"), steps.subList(0, 5));
        assertTrue(steps.contains("NOT_REACHED 3|hung_up"), steps.toString());
        assertTrue(steps.contains("TEXTED"), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("CANNOT")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("ASKED key_holder")), steps.toString());
        assertTrue(steps.get(steps.size() - 1).startsWith("SAFE_BY_CONTACT"), steps.toString());
        assertTrue(steps.stream().noneMatch(s -> s.startsWith("COORDINATOR")), "settled before the coordinator: " + steps);
    }

    /**
     * A chain in the sandbox: Annie writes "alles goed" to her own text conversation (named after her number) and is
     * settled at her deadline; Bert, from whom nothing came, is called in the simulator.
     */
    @Test
    void aChainMemberChecksInByTextAndTheSilentOneIsCalled() {
        nl.omkijken.circle.Participant bert = new nl.omkijken.circle.Participant("pbert", "Bert Jansen", "+31623456789", "nl",
                java.time.LocalTime.of(9, 30), java.time.LocalTime.of(10, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                null, null, "", "", new nl.omkijken.circle.Participant.Consent("participant", LocalDate.of(2026, 1, 5), "paper"), true,
                Instant.EPOCH);
        Await.result(rig.participants().save(bert));
        Await.result(rig.chains().save(new nl.omkijken.circle.Chain("Noord", java.time.LocalTime.of(9, 30), Duration.ofMinutes(10),
                List.of("pannie", "pbert"))));
        Await.result(rig.daily().replan(Await.result(rig.participants().byId("pannie"))));
        Await.result(rig.daily().replan(bert));
        runDue();
        assertEquals(0, calls().size(), "a chain's members are not called by the service");
        post("/sandbox/api/conversations/sms-31612345678/messages", new JsonObject().put("text", "alles goed").put("line", "telefooncirkel"));
        clock.advance(Duration.ofMinutes(10));
        runDue();
        runDue();
        assertEquals(List.of("CONFIRMED Noord"), steps());
        JsonObject ringing = latest();
        assertEquals("ringing", ringing.getString("state"));
        assertEquals("Bert", ringing.getString("to"));
        assertEquals(1, calls().size());
    }

    @Test
    void whatTheSimulatorCannotDoIsRefusedWithAReason() {
        runDue();
        String id = latest().getString("id");
        HttpResponse<String> why = http.postJson("/sandbox/api/phone/calls/" + id + "/miss", "{\"why\":\"maybe\"}");
        assertEquals(400, why.statusCode());
        assertTrue(why.body().contains("no-answer, busy, machine, failed"), why.body());
        assertEquals(400, http.postJson("/sandbox/api/phone/calls/" + id + "/miss", "[1]").statusCode());
        assertEquals(400, http.postJson("/sandbox/api/phone/calls/CA123/answer", "{}").statusCode());
        assertEquals(409, http.postJson("/sandbox/api/phone/calls/sandbox-call-1-999/answer", "{}").statusCode());
        assertEquals(409, http.postJson("/sandbox/api/phone/calls/" + id + "/hangup", "{}").statusCode(), "not answered yet");
        // A machine answers: not reached.
        post("/sandbox/api/phone/calls/" + id + "/miss", new JsonObject().put("why", "machine"));
        assertEquals(409, http.postJson("/sandbox/api/phone/calls/" + id + "/miss", "{\"why\":\"busy\"}").statusCode(), "reported once");
        assertEquals(List.of("CALLED 1", "NOT_REACHED 1|machine"), steps());
    }
}
