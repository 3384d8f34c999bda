package nl.omkijken.channels.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Ownership;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.StaffAction;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestPeople;
import nl.omkijken.testing.Transcripts;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.Poll;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole phone calls to the Telefooncirkel, as Twilio makes them: signed webhooks of a call (answered, each
 * key or sentence the Gather heard, silences) through the voice adapter into the real runner, the
 * project's dialogs and language layer, against a real redis-server; the answer of every request is the
 * TwiML the caller hears. A reply written after the call goes by SMS through the real Twilio SDK to the
 * fake Twilio.
 */
class VoiceEndToEndTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "voice-auth-token-1a2b3c4d5e6f7a8b9c";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String CIRKEL = "+3197010200311";
    static final String LUISTER = "+3197010200300";
    static final String CALLER = "+31201234567";

    private RedisServer redisServer;
    private Vertx vertx;
    private RedisConnection redis;
    private FakeTwilio fake;
    private TurnRunner runner;
    private TwilioChannel twilio;
    private OutboxDispatcher outbox;
    private HttpServer server;
    private WebhookClient client;
    private SimpleMeterRegistry metrics;
    private final TwilioSigner signer = new TwilioSigner(TOKEN);
    private int calls;

    @BeforeEach
    void start() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        metrics = new SimpleMeterRegistry();
        Pseudonym pseudonym = new Pseudonym("voice-key-0123456789abcdef".getBytes());
        RedisOutboxStore outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        runner = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(redis), Nlu.shared(),
                Clock.systemUTC(), new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym,
                new nl.omkijken.runner.LineServices(nl.omkijken.runner.LineHours.NONE, nl.omkijken.runner.WaitHistory.NONE,
                        nl.omkijken.routing.Routing.none(), nl.omkijken.runner.Staffing.ASSUMED),
                new nl.omkijken.store.redis.RedisPersonMemory(redis));
        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC,
                Map.of("telefooncirkel", List.of(CIRKEL), "luisterlijn", List.of(LUISTER)), null);
        VoiceSettings voice = VoiceSettings.of(List.of("telefooncirkel"), "Google.nl-NL-Wavenet-A", "Google.en-GB-Wavenet-A",
                "90%", Duration.ofSeconds(8));
        RedisInboundQueue queue = new RedisInboundQueue(redis, new InboundPartitions(InboundPartitions.DEFAULT_COUNT),
                RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis));
        twilio = new TwilioChannel(vertx, settings, new TwilioChannel.Ports(queue, new RedisDeliveryStatusStore(redis), outboxStore,
                new RedisReconcileStore(redis), TestPeople.optOuts(redis, runner::markOptedOut)),
                new TwilioChannel.Voice(voice, runner, TestPeople.of(redis), new nl.omkijken.store.redis.RedisParticipants(redis)),
                Clock.systemUTC(), metrics, pseudonym);
        Router router = Router.router(vertx);
        twilio.mount(router);
        outbox = new OutboxDispatcher(vertx, outboxStore, twilio.senders(), "voice", Duration.ofSeconds(30), metrics,
                pseudonym, runner::markOptedOut);
        outbox.start(Duration.ofMillis(200));
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        client = new WebhookClient("http://127.0.0.1:" + server.actualPort());
    }

    @AfterEach
    void stop() {
        outbox.stop();
        Await.result(server.close());
        twilio.stop();
        fake.close();
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
    }

    /** A call's webhook parameters as Twilio posts them. */
    private Map<String, String> call(String sid, String from, String to) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", sid);
        form.put("CallStatus", "in-progress");
        form.put("Called", to);
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", to);
        return form;
    }

    private String newCall() {
        return String.format("CA%032x", ++calls);
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
        return client.post(pathAndQuery, "application/x-www-form-urlencoded", Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signer.sign(PUBLIC + pathAndQuery, form)));
    }

    /** The call is answered: the TwiML of the welcome. */
    private String answer(String sid) {
        HttpResponse<String> r = post("/webhooks/twilio/voice", call(sid, CALLER, CIRKEL));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        return r.body();
    }

    /** What the Gather heard (keys or speech, or nothing), posted to the action the last TwiML named. */
    private String heard(String sid, String twiml, String digits, String speech) {
        String action = action(twiml);
        Map<String, String> form = call(sid, CALLER, CIRKEL);
        if (digits != null) form.put("Digits", digits);
        if (speech != null) {
            form.put("SpeechResult", speech);
            form.put("Confidence", "0.91");
        }
        HttpResponse<String> r = post(action.substring(PUBLIC.length()), form);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String action(String twiml) {
        int at = twiml.indexOf("action=\"");
        assertTrue(at >= 0, "the TwiML listens: " + twiml);
        return twiml.substring(at + 8, twiml.indexOf('"', at + 8)).replace("&amp;", "&");
    }

    private Conversation conversation() {
        String id = TestPeople.conversationOf(redis, "voice", CALLER);
        assertNotNull(id, "the caller has a conversation");
        return Await.result(runner.store().load(id));
    }

    @Test
    void aCheckInByPhoneKeyOneIsAllFineAndTheCallEnds() {
        String sid = newCall();
        String welcome = answer(sid);
        assertTrue(welcome.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather "), welcome);
        assertTrue(welcome.contains("action=\"" + PUBLIC + "/webhooks/twilio/voice?heard=0\""), welcome);
        assertTrue(welcome.contains("input=\"dtmf speech\"") && welcome.contains("numDigits=\"1\"")
                && welcome.contains("language=\"nl-NL\"") && welcome.contains("actionOnEmptyResult=\"true\""), welcome);
        assertTrue(welcome.contains("Toets 1 als alles goed is."), "the phone's own text, not 'Antwoord met een cijfer': " + welcome);
        assertFalse(welcome.contains("Antwoord met een cijfer"), welcome);
        assertTrue(welcome.contains("Toets 9 om de vraag nog eens te horen."), welcome);
        assertTrue(welcome.contains("<Say language=\"nl-NL\" voice=\"Google.nl-NL-Wavenet-A\"><prosody rate=\"90%\">"), welcome);

        String bye = heard(sid, welcome, "1", null);
        assertTrue(bye.contains("Fijn om te horen!"), bye);
        assertTrue(bye.endsWith("<Hangup/></Response>"), bye);
        assertFalse(bye.contains("<Gather"), bye);

        Conversation c = conversation();
        assertTrue(c.session().ended());
        assertEquals("checkin_ok", c.session().outcome());
        List<TranscriptEntry> transcript = Transcripts.of(runner.store(), c.id());
        assertEquals("1", transcript.stream().filter(e -> "in".equals(e.direction())).findFirst().orElseThrow().text());
        assertTrue(transcript.stream().anyMatch(e -> "out".equals(e.direction()) && e.text().contains("Toets 1")),
                "staff read what the caller heard");
        // Said in the call: nothing went out as a message. A reply stays in the outbox stream until its outcome is
        // recorded, so an empty stream and nothing at the fake Twilio mean none was ever written there.
        assertEquals(List.of(), nl.omkijken.testing.RedisScan.all(redisServer.url()).stream()
                .filter(p -> p.key().equals(nl.omkijken.store.redis.RedisKeys.OUTBOX) && !p.part().equals("key name")).toList());
        assertTrue(fake.createdTo(CALLER).isEmpty(), "no SMS for what was said in the call");
    }

    @Test
    void nineRepeatsTheQuestionAndSpeechIsUnderstood() {
        String sid = newCall();
        String welcome = answer(sid);
        String again = heard(sid, welcome, "9", null);
        assertTrue(again.contains("Hoe gaat het vandaag met u?") && again.contains("<Gather"), again);
        String absent = heard(sid, again, null, "ik ga een paar dagen naar mijn dochter");
        assertTrue(absent.contains("Tot wanneer bent u er niet?"), absent);
        assertTrue(absent.contains("<Gather"), "listens for the date: " + absent);
        // Saying nothing twice to "until when": tomorrow is noted, and the call ends.
        String notHeard = heard(sid, absent, null, null);
        assertTrue(notHeard.contains("Ik hoorde niets.") && notHeard.contains("Tot wanneer bent u er niet?"), notHeard);
        assertTrue(action(notHeard).endsWith("?heard=1"), notHeard);
        String noted = heard(sid, notHeard, null, null);
        assertTrue(noted.contains("Dan noteer ik dat u er morgen niet bent."), noted);
        assertTrue(noted.endsWith("<Hangup/></Response>"), noted);
        assertEquals("checkin_absent", conversation().session().outcome());
    }

    @Test
    void silenceAsksOnceMoreThenTheCoordinatorIsAlerted() {
        String sid = newCall();
        String twiml = answer(sid);
        twiml = heard(sid, twiml, null, null);
        assertTrue(twiml.contains("Ik hoorde niets."), twiml);
        twiml = heard(sid, twiml, null, null);
        assertTrue(twiml.contains("Ik heb u nog niet gehoord. Gaat alles goed?"), "the second question: " + twiml);
        assertTrue(action(twiml).endsWith("?heard=0"), "a new question counts silences afresh: " + twiml);
        twiml = heard(sid, twiml, null, null);
        twiml = heard(sid, twiml, null, null);
        assertTrue(twiml.contains("Daarom vragen we de coördinator om contact met u op te nemen."), twiml);
        assertTrue(twiml.endsWith("<Hangup/></Response>"), twiml);
        Handoff h = conversation().handoff();
        assertNotNull(h, "the coordinator has it");
        assertTrue(h.urgent() && h.state().open(), "urgent, open: " + h);
    }

    @Test
    void aFallSaidOnThePhoneGets112SpelledOutAndAnUrgentHandoff() {
        String sid = newCall();
        String welcome = answer(sid);
        String help = heard(sid, welcome, null, "ik ben gevallen in de badkamer");
        assertTrue(help.contains("Hang dan op en bel 1 1 2."), "112 digit by digit: " + help);
        assertTrue(help.endsWith("<Hangup/></Response>"), help);
        Conversation c = conversation();
        assertEquals(Ownership.WAITING, c.session().ownership());
        assertTrue(c.handoff().urgent());
        // Calling again while the coordinator has not yet come: no check-in, where the request stands (112),
        // and a word may be left for whoever calls back.
        String second = newCall();
        String again = answer(second);
        assertTrue(again.contains("De coördinator is gewaarschuwd") && again.contains("1 1 2"), again);
        assertTrue(again.contains("Is er nog iets dat doorgegeven moet worden?") && again.contains("<Gather"), again);
        String left = heard(second, again, null, "de deur staat open, de buurvrouw heeft een sleutel");
        assertTrue(left.contains("Het verzoek om contact staat nog open") && left.endsWith("<Hangup/></Response>"), left);
        assertTrue(Transcripts.of(runner.store(), c.id()).stream().anyMatch(e -> "in".equals(e.direction())
                && e.text().contains("buurvrouw heeft een sleutel")), "the word left is kept for the coordinator");
    }

    @Test
    void aFallInWordsTheCheckInDoesNotListIsAcuteDangerWith112FirstNotTheSuicideText() {
        String sid = newCall();
        String help = heard(sid, answer(sid), null, "ik lig in de badkamer en kom niet meer overeind");
        assertTrue(help.contains("Hang dan op en bel 1 1 2."), help);
        assertFalse(help.contains("1 1 3"), "no suicide-prevention text for a fall: " + help);
        assertTrue(help.endsWith("<Hangup/></Response>"), help);
        Handoff h = conversation().handoff();
        assertTrue(h.urgent() && "urgent_help".equals(h.reason()), h.toString());
    }

    @Test
    void aWithheldNumberIsAPersonOfThisCallOnly() {
        Map<String, String> first = call(newCall(), "+266696687", CIRKEL);
        assertEquals(200, post("/webhooks/twilio/voice", first).statusCode());
        Map<String, String> second = call(newCall(), "+266696687", CIRKEL);
        String other = post("/webhooks/twilio/voice", second).body();
        assertTrue(other.contains("Hoe gaat het vandaag met u?"), "a new caller, not the first one's conversation: " + other);
        assertNull(TestPeople.conversationOf(redis, "voice", "+266696687"), "Twilio's stand-in number is nobody's address");
    }

    @Test
    void aCallerWhoOptedOutOfMessagesIsStillAnsweredAndStopSaidIsNoOptOut() {
        String sid = newCall();
        String twiml = heard(sid, answer(sid), null, "stop");
        assertFalse(conversation().contact().optedOut(), "'stop' said in a call does not end the text messages");
        assertTrue(twiml.contains("<Gather") || twiml.contains("<Say"), twiml);
        Await.result(runner.markOptedOut(conversation().id(), "test"));
        String again = answer(newCall());
        assertTrue(again.contains("Hoe gaat het vandaag met u?"), "a call is answered, opted out of messages or not: " + again);
    }

    @Test
    void askingForSomeoneInWordsIsHonestOnThePhone() {
        String sid = newCall();
        String twiml = heard(sid, answer(sid), null, "ik wil graag iemand spreken");
        assertTrue(twiml.contains("Er wordt een medewerker gevraagd om contact op te nemen"), twiml);
        assertFalse(twiml.contains("komt het antwoord hier"), "no promise the phone cannot keep: " + twiml);
        assertTrue(twiml.endsWith("<Hangup/></Response>"), twiml);
    }

    @Test
    void crisisWordsOnThePhoneGetTheHelplinesAtOnce() {
        String sid = newCall();
        String welcome = answer(sid);
        String crisis = heard(sid, welcome, null, "ik wil niet meer leven");
        assertTrue(crisis.contains("1 1 3") && crisis.contains("0 8 0 0, 0 1 1 3") && crisis.contains("1 1 2"), crisis);
        assertTrue(crisis.contains("die zo snel mogelijk terugbelt"), "the phone's own promise, not 'an answer here': " + crisis);
        assertFalse(crisis.contains("krijgt u hier antwoord"), crisis);
        assertTrue(crisis.endsWith("<Hangup/></Response>"), crisis);
        assertTrue(conversation().handoff().urgent(), "first place in the staff queue");
    }

    @Test
    void aCallToALineThatTakesMessagesOnlyHearsSoWithTheHelplinesInBothLanguages() {
        HttpResponse<String> r = post("/webhooks/twilio/voice", call(newCall(), CALLER, LUISTER));
        assertEquals(200, r.statusCode());
        String twiml = r.body();
        assertTrue(twiml.contains("<Say language=\"nl-NL\"") && twiml.contains("<Say language=\"en-GB\""), twiml);
        assertTrue(twiml.contains("alleen per sms en WhatsApp bereikbaar") && twiml.contains("1 1 3")
                && twiml.contains("0 8 0 0, 0 1 1 3") && twiml.contains("1 1 2"), twiml);
        assertTrue(twiml.endsWith("<Hangup/></Response>"), twiml);
        assertNull(TestPeople.conversationOf(redis, "voice", CALLER), "no conversation for a line that does not answer calls");
    }

    @Test
    void aReplyWrittenAfterTheCallGoesBySms() {
        String sid = newCall();
        heard(sid, answer(sid), "2", null);
        Conversation c = conversation();
        assertNotNull(c.handoff(), "a call-back task");
        // A worker answers from the console: there is no call to say it in, so it is a text message.
        nl.omkijken.runner.StaffAction.Staff anna = new nl.omkijken.runner.StaffAction.Staff("w1", "Anna", false);
        Await.result(runner.act(c.id(), new nl.omkijken.runner.StaffAction.TakeOver(anna)));
        Await.result(runner.act(c.id(), new nl.omkijken.runner.StaffAction.Reply(anna, "Ik bel u om drie uur.")));
        Poll.until(() -> !fake.createdTo(CALLER).isEmpty(), Duration.ofSeconds(10), "the reply at the fake Twilio");
        FakeTwilio.Received sms = fake.createdTo(CALLER).get(0);
        assertEquals(CIRKEL, sms.from());
        assertEquals("Ik bel u om drie uur.", sms.body());
    }

    @Test
    void forgedOrMalformedCallWebhooksAreRefused() {
        Map<String, String> form = call(newCall(), CALLER, CIRKEL);
        HttpResponse<String> forged = client.post("/webhooks/twilio/voice", "application/x-www-form-urlencoded",
                Forms.encode(form).getBytes(StandardCharsets.UTF_8), Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(403, forged.statusCode());
        // The action's query is signed too: a changed silence count is a forgery.
        HttpResponse<String> changed = client.post("/webhooks/twilio/voice?heard=1", "application/x-www-form-urlencoded",
                Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signer.sign(PUBLIC + "/webhooks/twilio/voice?heard=0", form)));
        assertEquals(403, changed.statusCode());
        Map<String, String> badSid = call("CA-not-a-sid", CALLER, CIRKEL);
        HttpResponse<String> r = post("/webhooks/twilio/voice", badSid);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("CallSid"), r.body());
        Map<String, String> notOurs = call(newCall(), CALLER, "+3197099999999");
        assertEquals(400, post("/webhooks/twilio/voice", notOurs).statusCode());
        Map<String, String> keys = call(newCall(), CALLER, CIRKEL);
        keys.put("Digits", "1; DROP");
        assertEquals(400, post("/webhooks/twilio/voice?heard=0", keys).statusCode());
        assertEquals(400, post("/webhooks/twilio/voice?heard=x", call(newCall(), CALLER, CIRKEL)).statusCode());
    }

    @Test
    void hangingUpOnTheQuestionEndsTheConversationAsLeftAndNothingFollows() {
        String sid = newCall();
        answer(sid);
        Map<String, String> done = call(sid, CALLER, CIRKEL);
        done.put("CallStatus", "completed");
        assertEquals(200, post("/webhooks/twilio/voice/status", done).statusCode());
        Conversation c = conversation();
        assertTrue(c.session().ended());
        assertEquals("abandoned", c.session().outcome());
        // A call that ended as the dialog ended keeps its outcome.
        String next = newCall();
        heard(next, answer(next), "1", null);
        Map<String, String> over = call(next, CALLER, CIRKEL);
        over.put("CallStatus", "completed");
        assertEquals(200, post("/webhooks/twilio/voice/status", over).statusCode());
        assertEquals("checkin_ok", conversation().session().outcome());
    }

    /** Annie, called every day between 9:30 and 10:30 on the caller's number, without contact person or key holder. */
    private static nl.omkijken.circle.Participant annie() {
        return new nl.omkijken.circle.Participant("pannie", "Annie de Vries", CALLER, "nl",
                java.time.LocalTime.of(9, 30), java.time.LocalTime.of(10, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                null, null, "", "", new nl.omkijken.circle.Participant.Consent("participant", java.time.LocalDate.of(2026, 1, 5), "paper"),
                true, java.time.Instant.EPOCH);
    }

    @Test
    void theDailyCallIsPlacedThroughTheCallsApiAndGreetsTheParticipantByNameWhenAnswered() {
        nl.omkijken.circle.Participant annie = annie();
        Await.result(new nl.omkijken.store.redis.RedisParticipants(redis).save(annie));
        String sid = Await.result(twilio.callPlacer().orElseThrow().place(annie, 1));
        assertTrue(sid.startsWith("CA"), sid);
        Map<String, String> placed = fake.calls().get(0);
        assertEquals(CALLER, placed.get("To"));
        assertEquals(CIRKEL, placed.get("From"), "from the Telefooncirkel's own number");
        assertEquals(PUBLIC + "/webhooks/twilio/voice?participant=pannie&attempt=1", placed.get("Url"));
        assertEquals(PUBLIC + "/webhooks/twilio/voice/status?participant=pannie&attempt=1", placed.get("StatusCallback"));
        assertEquals("Enable", placed.get("MachineDetection"));
        assertEquals("30", placed.get("Timeout"));

        // Twilio calls back when Annie answers: the check-in, by her name.
        Map<String, String> answered = call(sid, CIRKEL, CALLER);
        answered.put("Direction", "outbound-api");
        answered.put("AnsweredBy", "human");
        String twiml = post("/webhooks/twilio/voice?participant=pannie&attempt=1", answered).body();
        assertTrue(twiml.contains("Goedendag Annie, u spreekt met de automatische telefoon van de Telefooncirkel."), twiml);
        assertTrue(twiml.contains("<Gather"), twiml);
        String bye = heard(sid, twiml, "1", null);
        assertTrue(bye.contains("Fijn om te horen!"), bye);

        // An answering machine: nothing is said, and the call ends.
        Map<String, String> machine = call(newCall(), CIRKEL, CALLER);
        machine.put("Direction", "outbound-api");
        machine.put("AnsweredBy", "machine_start");
        assertEquals("<Response><Hangup/></Response>", post("/webhooks/twilio/voice?participant=pannie", machine).body());
        // A participant id that is not one: refused.
        assertEquals(400, post("/webhooks/twilio/voice?participant=a%20b", call(newCall(), CIRKEL, CALLER)).statusCode());

        // Not reached (no answer, a machine): the ladder hears of it, with the try; a reached call is not reported.
        List<String> notReached = new java.util.concurrent.CopyOnWriteArrayList<>();
        twilio.callOutcomes(new nl.omkijken.circle.CallOutcomes() {
            @Override
            public io.vertx.core.Future<Void> notReached(String id, int attempt, String why) {
                notReached.add(id + "/" + attempt + "/" + why);
                return io.vertx.core.Future.succeededFuture();
            }

            @Override
            public io.vertx.core.Future<Boolean> reached(String id) {
                return io.vertx.core.Future.succeededFuture(true);
            }
        });
        Map<String, String> noAnswer = call(newCall(), CIRKEL, CALLER);
        noAnswer.put("Direction", "outbound-api");
        noAnswer.put("CallStatus", "no-answer");
        assertEquals(200, post("/webhooks/twilio/voice/status?participant=pannie&attempt=2", noAnswer).statusCode());
        Map<String, String> machineEnd = call(newCall(), CIRKEL, CALLER);
        machineEnd.put("Direction", "outbound-api");
        machineEnd.put("CallStatus", "completed");
        machineEnd.put("AnsweredBy", "machine_end_beep");
        assertEquals(200, post("/webhooks/twilio/voice/status?participant=pannie&attempt=3", machineEnd).statusCode());
        Map<String, String> reached = call(sid, CIRKEL, CALLER);
        reached.put("Direction", "outbound-api");
        reached.put("CallStatus", "completed");
        reached.put("AnsweredBy", "human");
        assertEquals(200, post("/webhooks/twilio/voice/status?participant=pannie&attempt=1", reached).statusCode());
        assertEquals(List.of("pannie/2/no-answer", "pannie/3/machine"), notReached);

    }

    /**
     * The coordinators' report per participant: "graag teruggebeld" (key 2) when Annie calls the Telefooncirkel is noted
     * in her day, and so is the worker who takes it on, with the minutes it took; the day's state stays the ladder's. A
     * call from a number that is no participant's is nobody's day.
     */
    @Test
    void aCallBackAskedInTheDailyCallAndTheWorkerWhoTookItAreInTheParticipantsDay() {
        nl.omkijken.circle.Participant annie = annie();
        nl.omkijken.store.redis.RedisParticipants participants = new nl.omkijken.store.redis.RedisParticipants(redis);
        Await.result(participants.save(annie));
        nl.omkijken.store.redis.RedisCheckInLog log = new nl.omkijken.store.redis.RedisCheckInLog(redis);
        runner.callbackNotes(new nl.omkijken.circle.ParticipantCallbacks(participants, log,
                twilio.checkInChannels().orElseThrow().spokenAt(), TestPeople.KEYS::keyOf,
                java.util.Set.of(nl.omkijken.channels.checkin.DialogContactAlert.DIALOG)));

        String sid = newCall();
        String twiml = answer(sid);
        String said = heard(sid, twiml, "2", null);
        assertTrue(said.contains("belt u"), said);
        java.time.LocalDate today = java.time.LocalDate.now(nl.omkijken.circle.CallPlan.ZONE);
        Poll.until(() -> Await.result(log.of(today, "pannie")).stream()
                .anyMatch(e -> e.step() == nl.omkijken.circle.CheckInLog.Step.CALLBACK_ASKED), Duration.ofSeconds(10), "the request noted");
        nl.omkijken.circle.CheckInLog.Entry asked = Await.result(log.of(today, "pannie")).stream()
                .filter(e -> e.step() == nl.omkijken.circle.CheckInLog.Step.CALLBACK_ASKED).findFirst().orElseThrow();
        assertEquals("callback_request", asked.detail());
        assertEquals("vroeg om teruggebeld te worden", nl.omkijken.circle.CheckInHistory.line(annie, asked));

        // A worker takes it on: noted once, with the minutes since the request.
        StaffAction.Staff wim = new StaffAction.Staff("w-wim", "Wim Werker", false, q -> true);
        Await.result(runner.act(conversation().id(), new StaffAction.TakeOver(wim)));
        Poll.until(() -> Await.result(log.of(today, "pannie")).stream()
                .anyMatch(e -> e.step() == nl.omkijken.circle.CheckInLog.Step.CALLBACK_HANDLED), Duration.ofSeconds(10), "the take-over noted");
        List<nl.omkijken.circle.CheckInLog.Entry> day = Await.result(log.of(today, "pannie"));
        nl.omkijken.circle.CheckInLog.Entry handled = day.stream()
                .filter(e -> e.step() == nl.omkijken.circle.CheckInLog.Step.CALLBACK_HANDLED).findFirst().orElseThrow();
        assertEquals("taken|0", handled.detail());
        assertEquals("een medewerker nam het op zich, 0 minuten na het verzoek", nl.omkijken.circle.CheckInHistory.line(annie, handled));
        assertEquals(2, day.size(), "nothing else in her day: " + day);
        assertEquals(nl.omkijken.circle.CheckInState.PLANNED, nl.omkijken.circle.CheckInState.of(day),
                "the request and the take-over are beside the ladder: they neither settle nor open her day");

        // Someone who is no participant asks for a person on the Telefooncirkel: nobody's day.
        Map<String, String> stranger = call(newCall(), "+31207654321", CIRKEL);
        HttpResponse<String> welcome = post("/webhooks/twilio/voice", stranger);
        assertEquals(200, welcome.statusCode());
        assertEquals(2, Await.result(log.of(today, "pannie")).size());
    }

    /**
     * The ladder's steps by SMS, through the real SDK to the fake Twilio: the text after the missed calls, the
     * participant's answer read back, the contact person asked and each of their answers read from their own
     * conversation, and the coordinator's urgent task with the history beside it.
     */
    @Test
    void theLaddersTextsGoBySmsAndTheAnswersAreReadBack() {
        String contactPhone = "+31687654321";
        nl.omkijken.circle.Participant annie = new nl.omkijken.circle.Participant("pannie", "Annie de Vries", CALLER, "nl",
                java.time.LocalTime.of(9, 30), java.time.LocalTime.of(10, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                new nl.omkijken.circle.Participant.Person("Jan Bakker", contactPhone), null, "", "",
                new nl.omkijken.circle.Participant.Consent("participant", java.time.LocalDate.of(2026, 1, 5), "paper"),
                true, java.time.Instant.EPOCH);
        nl.omkijken.circle.CheckInChannels ladder = twilio.checkInChannels().orElseThrow();
        java.time.Instant before = java.time.Instant.now();

        // After the last try, the check-in by text: from the Telefooncirkel's number, saying we called.
        assertTrue(Await.result(ladder.text().send(annie)));
        Poll.until(() -> !fake.createdTo(CALLER).isEmpty(), Duration.ofSeconds(10), "the check-in's SMS at the fake Twilio");
        FakeTwilio.Received sms = fake.createdTo(CALLER).get(0);
        assertEquals(CIRKEL, sms.from());
        assertTrue(sms.body().startsWith("Goedendag Annie, de Telefooncirkel heeft u vandaag gebeld, maar we kregen u niet te pakken."),
                sms.body());
        assertTrue(sms.body().contains("112"), sms.body());
        assertFalse(Await.result(ladder.text().answeredSince(annie, before)), "she has not written");

        // The contact person asked by SMS, naming Annie; their answers as the ladder reads them.
        nl.omkijken.circle.Participant.Person jan = annie.contact();
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE, Await.result(ladder.contacts().answer(annie, jan, before)), "never asked");
        assertEquals(nl.omkijken.circle.ContactAlert.Asked.SMS, Await.result(ladder.contacts().ask(annie, jan)));
        Poll.until(() -> !fake.createdTo(contactPhone).isEmpty(), Duration.ofSeconds(10), "the contact's SMS");
        String asked = fake.createdTo(contactPhone).get(0).body();
        assertTrue(asked.startsWith("Goedendag Jan, dit is de Telefooncirkel. We hebben Annie vandaag niet bereikt"), asked);
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE, Await.result(ladder.contacts().answer(annie, jan, before)));
        nl.omkijken.people.People.Known janKnown = TestPeople.resolve(redis, new TwilioAddress(contactPhone, CIRKEL).address());
        String janConv = janKnown.conversationId();
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(janConv, "sms", janKnown.addressKey(), "telefooncirkel", "nl",
                "ik ga even kijken", "SMjan1", java.time.Instant.now())));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.GOING, Await.result(ladder.contacts().answer(annie, jan, before)));
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(janConv, "sms", janKnown.addressKey(), "telefooncirkel", "nl",
                "2", "SMjan2", java.time.Instant.now())));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.SAFE, Await.result(ladder.contacts().answer(annie, jan, before)));
        // What they write after the dialog ended starts something else, and does not take their answer back.
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(janConv, "sms", janKnown.addressKey(), "telefooncirkel", "nl",
                "Ze lag gewoon te slapen hoor", "SMjan2b", java.time.Instant.now())));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.SAFE, Await.result(ladder.contacts().answer(annie, jan, before)));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE,
                Await.result(ladder.contacts().answer(annie, jan, java.time.Instant.now().plusSeconds(60))), "not an answer to a later question");
        // Jan is also asked about another participant: his next answer is about her, not Annie.
        nl.omkijken.circle.Participant bep = new nl.omkijken.circle.Participant("pbep", "Bep Bakker", "+31698765432", "nl",
                java.time.LocalTime.of(9, 30), java.time.LocalTime.of(10, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class), jan, null,
                "", "", annie.consent(), true, java.time.Instant.EPOCH);
        assertEquals(nl.omkijken.circle.ContactAlert.Asked.SMS, Await.result(ladder.contacts().ask(bep, jan)));
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(janConv, "sms", janKnown.addressKey(), "telefooncirkel", "nl",
                "2", "SMjan2c", java.time.Instant.now())));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.SAFE, Await.result(ladder.contacts().answer(bep, jan, before)));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE, Await.result(ladder.contacts().answer(annie, jan, before)),
                "his all-clear about Bep is not one about Annie");
        // Asked again another day: the last answer is forgotten.
        assertEquals(nl.omkijken.circle.ContactAlert.Asked.SMS, Await.result(ladder.contacts().ask(annie, jan)));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE, Await.result(ladder.contacts().answer(annie, jan, before)));
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(janConv, "sms", janKnown.addressKey(), "telefooncirkel", "nl",
                "Ze is niet goed, ligt op de grond", "SMjan3", java.time.Instant.now())));
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NEEDS_HELP, Await.result(ladder.contacts().answer(annie, jan, before)));
        Conversation janNow = Await.result(runner.store().load(janConv));
        assertEquals(Ownership.WAITING, janNow.session().ownership(), "help needed: the coordinator at once; "
                + Await.result(runner.store().transcript(janConv)).stream().map(e -> e.direction() + ": " + e.text()).toList());
        assertTrue(janNow.handoff().urgent());

        // Annie writes back: a sign of life.
        nl.omkijken.people.People.Known annieKnown = TestPeople.resolve(redis, new TwilioAddress(CALLER, CIRKEL).address());
        Await.result(runner.handle(new nl.omkijken.runner.Inbound(annieKnown.conversationId(), "sms", annieKnown.addressKey(),
                "telefooncirkel", "nl", "1", "SMannie1", java.time.Instant.now())));
        assertTrue(Await.result(ladder.text().answeredSince(annie, before)));
        assertEquals("checkin_ok", Await.result(runner.store().load(annieKnown.conversationId())).session().outcome(),
                "answered by the check-in's own steps");

        // The coordinator's task: urgent, in the Telefooncirkel's queue, with the history as a note.
        Await.result(ladder.coordinator().alert(annie, "Telefooncirkel: Annie de Vries is vandaag niet bereikt.\n09:30 gebeld (poging 1)"));
        Conversation task = Await.result(runner.store().load(annieKnown.conversationId()));
        assertEquals(Handoff.State.WAITING, task.handoff().state());
        assertTrue(task.handoff().urgent());
        assertEquals(Handoff.Kind.CALLBACK, task.handoff().kind());
        assertEquals("telefooncirkel", task.handoff().queue());
        List<TranscriptEntry> lines = Await.result(runner.store().transcript(annieKnown.conversationId()));
        TranscriptEntry note = lines.get(lines.size() - 1);
        assertEquals(TranscriptEntry.NOTE, note.direction());
        assertTrue(note.text().contains("09:30 gebeld (poging 1)"), note.text());
        // Alerted again (another instance, a retry): the task keeps its place, the note is added.
        Await.result(ladder.coordinator().alert(annie, "tweede keer"));
        Conversation again = Await.result(runner.store().load(annieKnown.conversationId()));
        assertEquals(task.handoff().requestedAt(), again.handoff().requestedAt(), "its place in the queue kept");
        assertEquals(2, Await.result(runner.store().transcript(annieKnown.conversationId())).stream()
                .filter(e -> TranscriptEntry.NOTE.equals(e.direction())).count());
    }

    /**
     * A key holder on a landline takes no text: the ladder calls them through the Calls API, the contact dialog asks
     * them by name about the participant, keypad answers are kept for the ladder, and the call's own status is never
     * taken for the participant's.
     */
    @Test
    void aHelperOnALandlineIsCalledAndAnswersByKeypad() {
        String landline = "+31235551234";
        nl.omkijken.circle.Participant.Person els = new nl.omkijken.circle.Participant.Person("Els Smit", landline);
        nl.omkijken.circle.Participant annie = new nl.omkijken.circle.Participant("pannie", "Annie de Vries", "+31612345678", "nl",
                java.time.LocalTime.of(9, 30), java.time.LocalTime.of(10, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                null, els, "", "", new nl.omkijken.circle.Participant.Consent("participant", java.time.LocalDate.of(2026, 1, 5), "paper"),
                true, java.time.Instant.EPOCH);
        Await.result(new nl.omkijken.store.redis.RedisParticipants(redis).save(annie));
        List<String> notReached = new java.util.concurrent.CopyOnWriteArrayList<>();
        twilio.callOutcomes(new nl.omkijken.circle.CallOutcomes() {
            @Override
            public io.vertx.core.Future<Void> notReached(String id, int attempt, String why) {
                notReached.add(id);
                return io.vertx.core.Future.succeededFuture();
            }

            @Override
            public io.vertx.core.Future<Boolean> reached(String id) {
                return io.vertx.core.Future.succeededFuture(true);
            }
        });
        nl.omkijken.circle.CheckInChannels ladder = twilio.checkInChannels().orElseThrow();
        java.time.Instant before = java.time.Instant.now();
        assertEquals(nl.omkijken.circle.ContactAlert.Asked.CALL, Await.result(ladder.contacts().ask(annie, els)));
        assertTrue(fake.createdTo(landline).isEmpty(), "no text to a landline");
        Map<String, String> placed = fake.calls().get(fake.calls().size() - 1);
        assertEquals(landline, placed.get("To"));
        assertEquals(PUBLIC + "/webhooks/twilio/voice?participant=pannie&contact=key_holder", placed.get("Url"));

        // Els picks up: asked by name about Annie, by keypad.
        String sid = newCall();
        Map<String, String> answered = call(sid, CIRKEL, landline);
        answered.put("Direction", "outbound-api");
        answered.put("AnsweredBy", "human");
        String twiml = post("/webhooks/twilio/voice?participant=pannie&contact=key_holder", answered).body();
        assertTrue(twiml.contains("Goedendag Els, u spreekt met de automatische telefoon van de Telefooncirkel. We hebben Annie vandaag niet kunnen bereiken."), twiml);
        assertTrue(twiml.contains("Toets 1 als u gaat kijken."), twiml);
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.NONE, Await.result(ladder.contacts().answer(annie, els, before)));
        Map<String, String> keys = call(sid, CIRKEL, landline);
        keys.put("Direction", "outbound-api");
        keys.put("Digits", "1");
        String going = post(action(twiml).substring(PUBLIC.length()), keys).body();
        assertTrue(going.contains("De coördinator van de Telefooncirkel neemt straks contact met u op"), going);
        assertEquals(nl.omkijken.circle.ContactAlert.Answer.GOING, Await.result(ladder.contacts().answer(annie, els, before)));
        // Her call ends: its status is hers, not Annie's "not reached".
        Map<String, String> done = call(sid, CIRKEL, landline);
        done.put("Direction", "outbound-api");
        done.put("CallStatus", "completed");
        assertEquals(200, post("/webhooks/twilio/voice/status?participant=pannie&contact=key_holder", done).statusCode());
        Map<String, String> missed = call(newCall(), CIRKEL, landline);
        missed.put("Direction", "outbound-api");
        missed.put("CallStatus", "no-answer");
        assertEquals(200, post("/webhooks/twilio/voice/status?participant=pannie&contact=key_holder", missed).statusCode());
        assertTrue(notReached.isEmpty(), notReached.toString());
        assertEquals(400, post("/webhooks/twilio/voice?participant=pannie&contact=buurman", call(newCall(), CIRKEL, landline)).statusCode());
    }

    @Test
    void callStatusesAreCountedAndAnUnknownOneIsRefused() {
        Map<String, String> done = call(newCall(), CALLER, CIRKEL);
        done.put("CallStatus", "completed");
        done.put("CallDuration", "42");
        assertEquals(200, post("/webhooks/twilio/voice/status", done).statusCode());
        assertEquals(1.0, metrics.counter("omk_calls_total", "line", "telefooncirkel", "status", "completed").count());
        Map<String, String> odd = call(newCall(), CALLER, CIRKEL);
        odd.put("CallStatus", "exploded");
        assertEquals(400, post("/webhooks/twilio/voice/status", odd).statusCode());
    }

    @Test
    void whenRedisIsGoneTheCallerHearsItWithTheHelplinesNeverADeadLine() {
        redisServer.stopKeepingData();
        HttpResponse<String> r = post("/webhooks/twilio/voice", call(newCall(), CALLER, CIRKEL));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Er gaat nu iets mis aan onze kant.") && r.body().contains("0 8 0 0, 0 1 1 3"), r.body());
        assertTrue(r.body().endsWith("<Hangup/></Response>"), r.body());
    }
}
