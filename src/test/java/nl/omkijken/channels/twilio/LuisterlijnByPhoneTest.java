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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Engine;
import nl.omkijken.engine.Ownership;
import nl.omkijken.engine.Session;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.JobPoller;
import nl.omkijken.runner.LineHours;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisJobStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.Nlu;
import nl.omkijken.testing.ProjectDialogs;
import nl.omkijken.testing.RedisServer;
import nl.omkijken.testing.TestPeople;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Forms;
import nl.omkijken.testing.fakes.TwilioSigner;
import nl.omkijken.testing.fakes.WebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole calls to the Luisterlijn as Twilio makes them: the welcome, the wait on the line in Twilio's queue (its waitUrl
 * and the queue's action), the offer after a long wait, a call-back typed on the keypad, a crisis said during the
 * welcome, out of hours, and a hang-up while waiting. Signed webhooks into the real runner, the project's dialogs and
 * language layer, a real redis-server, a clock the test moves (the wait's follow-up comes as the job it is).
 */
class LuisterlijnByPhoneTest {
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "voice-auth-token-1a2b3c4d5e6f7a8b9c";
    static final String PUBLIC = "https://omkijken.example.nl";
    static final String LUISTER = "+3197010200300";
    static final String CALLER = "+31201234567";
    static final String OTHER_CALLER = "+31301234567";

    private RedisServer redisServer;
    private Vertx vertx;
    private RedisConnection redis;
    private FakeTwilio fake;
    private TurnRunner runner;
    private TwilioChannel twilio;
    private OutboxDispatcher outbox;
    private HttpServer server;
    private WebhookClient client;
    private JobPoller poller;
    private nl.omkijken.runner.TaskWorker tasks;
    private nl.omkijken.runner.PhoneDuty duty;
    static final String WORKER_PHONE = "+31687654321";
    private SimpleMeterRegistry metrics;
    private final TwilioSigner signer = new TwilioSigner(TOKEN);
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T14:00:00Z"));
    private volatile boolean open = true;
    private int calls;

    /** One instance of the service's call handling: its runner, Twilio channel, HTTP server, task worker, outbox. */
    private record Instance(TurnRunner runner, TwilioChannel twilio, HttpServer server, WebhookClient client,
                            nl.omkijken.runner.TaskWorker tasks, OutboxDispatcher outbox, JobPoller poller) {
        void stop() {
            outbox.stop();
            Await.result(server.close());
            twilio.stop();
        }
    }

    private final List<Instance> instances = new java.util.ArrayList<>();

    @BeforeEach
    void start() {
        redisServer = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Await.result(RedisConnection.connect(vertx, redisServer.url()));
        fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        metrics = new SimpleMeterRegistry();
        duty = new nl.omkijken.store.redis.RedisPhoneDuty(redis);
        Instance a = instance("a");
        runner = a.runner();
        twilio = a.twilio();
        server = a.server();
        client = a.client();
        tasks = a.tasks();
        outbox = a.outbox();
        poller = a.poller();
    }

    /** Another instance on the same Redis and the same fake Twilio (as a second service process would be). */
    private Instance instance(String name) {
        Pseudonym pseudonym = new Pseudonym("voice-key-0123456789abcdef".getBytes());
        RedisOutboxStore outboxStore = new RedisOutboxStore(redis);
        Await.result(outboxStore.start());
        LineHours hours = (line, at, language) -> open ? Map.of("line_open", "true")
                : Map.of("line_open", "false", "opens_at", "morgen om 09:00");
        TurnRunner r = new TurnRunner(vertx, new Engine(ProjectDialogs.shared()), new RedisConversationStore(redis), Nlu.shared(),
                clock, new TurnRunner.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), "nl"), metrics, pseudonym,
                new nl.omkijken.runner.LineServices(hours, nl.omkijken.runner.WaitHistory.NONE,
                        nl.omkijken.routing.Routing.none(), nl.omkijken.runner.Staffing.ASSUMED, nl.omkijken.runner.DailyFigures.NONE,
                        nl.omkijken.runner.Reservations.NONE, new nl.omkijken.store.redis.RedisCallFigures(redis)),
                new nl.omkijken.store.redis.RedisPersonMemory(redis));
        JobPoller p = new JobPoller(new RedisJobStore(redis), r, List.of(), clock, Duration.ofHours(1), Duration.ofSeconds(60), metrics);
        TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, fake.baseUrl(), PUBLIC,
                Map.of("luisterlijn", List.of(LUISTER)), null);
        VoiceSettings voice = VoiceSettings.of(List.of("telefooncirkel", "luisterlijn"), "Google.nl-NL-Wavenet-A",
                "Google.en-GB-Wavenet-A", "90%", Duration.ofSeconds(8));
        RedisInboundQueue queue = new RedisInboundQueue(redis, new InboundPartitions(InboundPartitions.DEFAULT_COUNT),
                RedisInboundQueue.DEFAULT_DEDUPE_TTL, TestPeople.of(redis));
        TwilioChannel t = new TwilioChannel(vertx, settings, new TwilioChannel.Ports(queue, new RedisDeliveryStatusStore(redis), outboxStore,
                new RedisReconcileStore(redis), TestPeople.optOuts(redis, r::markOptedOut)),
                new TwilioChannel.Voice(voice, r, TestPeople.of(redis), new nl.omkijken.store.redis.RedisParticipants(redis),
                        new TwilioChannel.Bridge(duty, new nl.omkijken.store.redis.RedisHeldCalls(redis),
                                new nl.omkijken.store.redis.RedisOnceMarks(redis))),
                clock, metrics, pseudonym);
        Router router = Router.router(vertx);
        t.mount(router);
        nl.omkijken.runner.TaskWorker w = new nl.omkijken.runner.TaskWorker(new nl.omkijken.store.redis.RedisTaskSource(redis),
                t.taskHandlers(), "luister-test-" + name, Duration.ofSeconds(1), Duration.ofMinutes(1), 10, metrics);
        OutboxDispatcher o = new OutboxDispatcher(vertx, outboxStore, t.senders(), "voice-luister-" + name, Duration.ofSeconds(30),
                metrics, pseudonym, r::markOptedOut);
        o.start(Duration.ofMillis(100));
        HttpServer srv = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        Instance i = new Instance(r, t, srv, new WebhookClient("http://127.0.0.1:" + srv.actualPort()), w, o, p);
        instances.add(i);
        return i;
    }

    @AfterEach
    void stop() {
        for (Instance i : instances) {
            try {
                i.stop();
            } catch (RuntimeException e) {
                // stopped already (a test's "restart")
            }
        }
        fake.close();
        Await.result(redis.close());
        Await.result(vertx.close());
        redisServer.stop();
    }

    private Map<String, String> call(String sid, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", sid);
        form.put("CallStatus", "in-progress");
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", LUISTER);
        return form;
    }

    private String newCall() {
        return String.format("CA%032x", ++calls);
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
        return post(client, pathAndQuery, form);
    }

    private HttpResponse<String> post(WebhookClient via, String pathAndQuery, Map<String, String> form) {
        return via.post(pathAndQuery, "application/x-www-form-urlencoded", Forms.encode(form).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signer.sign(PUBLIC + pathAndQuery, form)));
    }

    private String ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private String answer(String sid, String from) {
        return ok(post("/webhooks/twilio/voice", call(sid, from)));
    }

    /** What a Gather heard, posted to the action the TwiML named. */
    private String heard(String sid, String from, String twiml, String digits, String speech) {
        Map<String, String> form = call(sid, from);
        if (digits != null) form.put("Digits", digits);
        if (speech != null) form.put("SpeechResult", speech);
        return ok(post(attribute(twiml, "action").substring(PUBLIC.length()), form));
    }

    /** Twilio asks the queue's waitUrl: the wait's next turn. Its request carries the queue's figures, not From/To. */
    private String waitTurn(String sid, String held) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("CallSid", sid);
        form.put("QueueSid", "QU0123456789abcdef0123456789abcdef");
        form.put("QueuePosition", "1");
        form.put("QueueTime", "30");
        form.put("AvgQueueTime", "30");
        form.put("CurrentQueueSize", "1");
        return ok(post(attribute(held, "waitUrl").substring(PUBLIC.length()), form));
    }

    /** The caller left Twilio's queue: its action with the QueueResult. */
    private String queued(String sid, String from, String held, String result) {
        Map<String, String> form = call(sid, from);
        form.put("QueueResult", result);
        form.put("QueueSid", "QU0123456789abcdef0123456789abcdef");
        form.put("QueueTime", "200");
        return ok(post(attribute(held, "action").substring(PUBLIC.length()), form));
    }

    private static String attribute(String twiml, String name) {
        int at = twiml.lastIndexOf(" " + name + "=\"");
        assertTrue(at >= 0, name + " in " + twiml);
        int from = at + name.length() + 3;
        return twiml.substring(from, twiml.indexOf('"', from)).replace("&amp;", "&");
    }

    private Conversation conversation(String from) {
        String id = TestPeople.conversationOf(redis, "voice", from);
        assertNotNull(id, "the caller has a conversation");
        return Await.result(runner.store().load(id));
    }

    /** Today's call figures of the Luisterlijn (Dutch time). */
    private nl.omkijken.runner.CallFigures.Day callDay() {
        return Await.result(runner.callFigures().days("luisterlijn",
                java.time.LocalDate.ofInstant(clock.instant(), nl.omkijken.runner.DutchTime.ZONE), 1)).get(0);
    }

    private void after(Duration d) {
        clock.advance(d);
        Await.result(poller.pollOnce());
    }

    @Test
    void aCallerHearsTheWelcomeAndWaitsOnTheLineWithTheirPlace() {
        String sid = newCall();
        String welcome = answer(sid, CALLER);
        assertTrue(welcome.contains("Welkom bij de Luisterlijn."), welcome);
        assertTrue(welcome.contains("geen noodnummer") && welcome.contains("1 1 3") && welcome.contains("1 1 2"),
                "not an emergency line, 112 and 113 spelled out: " + welcome);
        assertTrue(welcome.contains("<Gather ") && welcome.contains("numDigits=\"1\""), welcome);

        // Nothing said: straight into the queue, no "Ik hoorde niets".
        String held = heard(sid, CALLER, welcome, null, null);
        assertFalse(held.contains("Ik hoorde niets"), held);
        assertTrue(held.contains("Ik zoek nu een vrijwilliger voor je.") && held.contains("Blijf aan de lijn.")
                && held.contains("Plaats in de wachtrij: 1."), held);
        assertTrue(held.contains("<Enqueue action=\"" + PUBLIC + "/webhooks/twilio/voice/queued?conversation="), held);
        assertTrue(held.contains("waitUrl=\"" + PUBLIC + "/webhooks/twilio/voice/wait?conversation="), held);
        assertTrue(held.endsWith(">luisterlijn</Enqueue></Response>"), held);
        assertFalse(held.contains("<Hangup/>"), held);

        Conversation c = conversation(CALLER);
        assertEquals(Ownership.WAITING, c.session().ownership());
        assertEquals("1", c.session().slots().get(Session.HOLD_SLOT));
        Handoff h = c.handoff();
        assertNotNull(h);
        assertEquals("luisterlijn", h.queue());
        assertFalse(h.urgent());

        // A second caller waits behind the first.
        clock.advance(Duration.ofSeconds(20));
        String sid2 = newCall();
        String held2 = heard(sid2, OTHER_CALLER, answer(sid2, OTHER_CALLER), null, null);
        assertTrue(held2.contains("Plaats in de wachtrij: 2."), held2);

        // Twilio asks the waitUrl after each pause: the place again, then 20 seconds that listen for a key or words.
        String turn = waitTurn(sid2, held2);
        assertTrue(turn.contains("Plaats in de wachtrij: 2.") && turn.contains("<Gather ") && turn.contains("timeout=\"20\""), turn);
        assertTrue(turn.contains("action=\"" + PUBLIC + "/webhooks/twilio/voice/wait/heard?conversation="), turn);
        assertTrue(turn.contains("actionOnEmptyResult=\"false\"") && turn.contains("input=\"dtmf speech\""), turn);
        assertFalse(turn.contains("<Leave/>"), turn);
    }

    @Test
    void wordsSaidDuringTheWelcomeAreKeptForTheVolunteer() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, "ik wil gewoon even met iemand praten over mijn week");
        assertTrue(held.contains("<Enqueue "), held);
        Conversation c = conversation(CALLER);
        assertEquals(Ownership.WAITING, c.session().ownership());
        List<String> said = nl.omkijken.testing.Transcripts.of(runner.store(), c.id()).stream()
                .filter(e -> "in".equals(e.direction())).map(nl.omkijken.runner.TranscriptEntry::text).toList();
        assertTrue(said.contains("ik wil gewoon even met iemand praten over mijn week"), said.toString());
    }

    @Test
    void crisisWordsDuringTheWelcomeGoFirstAndHear113AtOnce() {
        String other = newCall();
        heard(other, OTHER_CALLER, answer(other, OTHER_CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));

        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, "ik wil er niet meer zijn, ik wil dood");
        assertTrue(held.contains("1 1 3") && held.contains("0 8 0 0"), "113 at once: " + held);
        assertTrue(held.contains("<Enqueue "), "and waits on the line: " + held);
        assertTrue(held.contains("Plaats in de wachtrij: 1."), "before the caller who was first: " + held);
        // Told to stay on the line, never also that someone calls back (the crisis text of a call that ends).
        assertTrue(held.contains("Je krijgt voorrang in de wachtrij.") && held.contains("Blijf aan de lijn."), held);
        assertFalse(held.contains("terugbel"), "no call-back promised to a caller who is asked to stay on the line: " + held);
        assertTrue(conversation(CALLER).handoff().urgent());
        // Every turn of an urgent wait says the helplines again.
        String turn = waitTurn(sid, held);
        assertTrue(turn.contains("1 1 3") && turn.contains("Plaats in de wachtrij: 1."), turn);
    }

    @Test
    void keyZeroDuringTheWelcomeIsUrgent() {
        String other = newCall();
        heard(other, OTHER_CALLER, answer(other, OTHER_CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), "0", null);
        assertTrue(held.contains("Je krijgt nu voorrang in de wachtrij.") && held.contains("1 1 3"), held);
        assertTrue(held.contains("Plaats in de wachtrij: 1."), held);
        Handoff h = conversation(CALLER).handoff();
        assertTrue(h.urgent());
        assertEquals("urgent_help", h.reason());
    }

    @Test
    void afterALongWaitTheCallerChoosesACallBackOnTheNumberTheyCallFrom() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        after(Duration.ofMinutes(3).plusSeconds(5));
        // The offer is said in the call, never sent by text to someone on hold.
        String turn = waitTurn(sid, held);
        assertTrue(turn.endsWith("<Leave/></Response>"), turn);
        String offer = queued(sid, CALLER, held, "leave");
        assertTrue(offer.contains("er is nog geen vrijwilliger vrij") && offer.contains("Toets 2"), offer);
        assertTrue(offer.contains("<Gather ") && offer.contains("numDigits=\"1\""), offer);
        assertEquals(0, fake.created().size(), "nothing texted to a caller on hold");

        String confirm = heard(sid, CALLER, offer, "2", null);
        assertTrue(confirm.contains("het nummer waarmee je nu belt"), confirm);
        String when = heard(sid, CALLER, confirm, "1", null);
        assertTrue(when.contains("Wanneer past het je het best?"), when);
        String bye = heard(sid, CALLER, when, "4", null);
        assertTrue(bye.contains("Je terugbelverzoek is doorgegeven") && bye.endsWith("<Hangup/></Response>"), bye);

        Conversation c = conversation(CALLER);
        assertEquals("het nummer waarmee gebeld werd", c.session().slots().get("telefoon"), "the number itself is not copied");
        assertFalse(c.session().slots().toString().contains(CALLER.substring(1)) || c.contact().fields().toString().contains(CALLER.substring(1)));
        assertEquals("callback_request", c.handoff().reason());
        assertTrue(c.handoff().state().open());
        assertEquals(Handoff.Kind.CALLBACK, c.handoff().kind());
    }

    @Test
    void aCallBackOnANumberTypedOnTheKeypad() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        after(Duration.ofMinutes(4));
        String offer = queued(sid, CALLER, held, "leave");
        String confirm = heard(sid, CALLER, offer, "2", null);
        String type = heard(sid, CALLER, confirm, "2", null);
        assertTrue(type.contains("Toets het nummer") && type.contains("finishOnKey=\"#\""), type);
        assertFalse(type.contains("numDigits"), "a number is typed, ended by #: " + type);
        String when = heard(sid, CALLER, type, "0612345678", null);
        assertTrue(when.contains("Wanneer past het je het best?"), when);
        heard(sid, CALLER, when, "2", null);
        Conversation c = conversation(CALLER);
        assertEquals("+31612345678", c.session().slots().get("telefoon"));
        assertEquals("middag", c.session().slots().get("dagdeel"));
    }

    @Test
    void keepWaitingKeepsThePlaceAndGoesBackIntoTheQueue() {
        String first = newCall();
        String held = heard(first, CALLER, answer(first, CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String second = newCall();
        heard(second, OTHER_CALLER, answer(second, OTHER_CALLER), null, null);
        after(Duration.ofMinutes(3).plusSeconds(30));
        String offer = queued(first, CALLER, held, "leave");
        String again = heard(first, CALLER, offer, "1", null);
        assertTrue(again.contains("je blijft op je plek") && again.contains("<Enqueue "), again);
        assertTrue(again.contains("Plaats in de wachtrij: 1."), "asking again never moves a caller back: " + again);
        // Other help: the helplines, and the place is kept.
        after(Duration.ofMinutes(6));
        String offer2 = queued(first, CALLER, again, "leave");
        assertTrue(offer2.contains("Er is nog steeds niemand vrij"), offer2);
        String help = heard(first, CALLER, offer2, "3", null);
        assertTrue(help.contains("1 1 3") && help.contains("<Enqueue ") && help.contains("Plaats in de wachtrij: 1."), help);
        // Somewhere to talk now, not only the suicide line: the national Luisterlijn, spelled out.
        assertTrue(help.contains("landelijke Luisterlijn") && help.contains("0 8 8, 0 7 6 7 0 0 0"), help);
    }

    @Test
    void keyZeroWhileWaitingPutsTheCallerFirst() {
        String first = newCall();
        heard(first, CALLER, answer(first, CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String second = newCall();
        String held = heard(second, OTHER_CALLER, answer(second, OTHER_CALLER), null, null);
        assertTrue(held.contains("Wordt het dringend terwijl je wacht? Toets dan 0.") && held.contains("Plaats in de wachtrij: 2."), held);
        assertFalse(held.contains("Ik zoek nu een vrijwilliger voor je. Ik zoek"), "the hold text instead of, not after, the say: " + held);

        // A minute into the wait it becomes urgent: 0 between two announcements.
        clock.advance(Duration.ofMinutes(1));
        String turn = waitTurn(second, held);
        String urgent = heard(second, OTHER_CALLER, turn, "0", null);
        assertTrue(urgent.contains("Je krijgt nu voorrang in de wachtrij.") && urgent.contains("1 1 3") && urgent.contains("1 1 2"), urgent);
        assertEquals(1, urgent.split("voorrang", -1).length - 1, "the helplines once in this turn, not the wait's reminder too: " + urgent);
        Handoff h = conversation(OTHER_CALLER).handoff();
        assertTrue(h.urgent(), "the wait is urgent now");
        assertEquals("urgent_help", h.reason());
        assertEquals(Ownership.WAITING, conversation(OTHER_CALLER).session().ownership(), "still waiting, now first");
        String next = waitTurn(second, urgent.contains("waitUrl") ? urgent : held);
        assertTrue(next.contains("Plaats in de wachtrij: 1."), "ahead of the caller who came first: " + next);
        assertTrue(next.contains("1 1 3"), "an urgent wait says the helplines at every turn: " + next);
        // The caller who came first is second now, and still waits normally.
        assertFalse(conversation(CALLER).handoff().urgent());
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingLeavesTheQueueAndIsCountedAsAbandoned() {
        String first = newCall();
        String held = heard(first, CALLER, answer(first, CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String second = newCall();
        String held2 = heard(second, OTHER_CALLER, answer(second, OTHER_CALLER), null, null);
        assertEquals("<Response/>", queued(first, CALLER, held, "hangup").replaceAll("<\\?xml[^>]*>", ""));
        Conversation c = conversation(CALLER);
        assertTrue(c.session().ended());
        assertEquals("abandoned", c.session().outcome());
        assertFalse(c.handoff().state().open(), "the request left the queue");
        assertNull(c.session().slots().get(Session.HOLD_SLOT));
        assertTrue(waitTurn(second, held2).contains("Plaats in de wachtrij: 1."), "the next caller moved up");
        assertEquals(1.0, metrics.counter("omk_call_queue_results_total", "line", "luisterlijn", "result", "hangup").count());
        assertEquals(1.0, metrics.counter("omk_calls_abandoned_total", "line", "luisterlijn").count());
        // The status callback that follows counts nothing twice.
        Map<String, String> ended = call(first, CALLER);
        ended.put("CallStatus", "completed");
        ok(post("/webhooks/twilio/voice/status", ended));
        nl.omkijken.runner.CallFigures.Day day = callDay();
        assertEquals(2, day.count(nl.omkijken.runner.CallFigures.Kind.OFFERED));
        assertEquals(1, day.count(nl.omkijken.runner.CallFigures.Kind.ABANDONED));
        // No offer follows the call by text.
        after(Duration.ofMinutes(5));
        assertEquals(0, fake.created().size());
    }

    @Test
    void anUrgentCallerWhoHangsUpStaysFirstForAWorkerWhoCallsBack() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), "0", null);
        queued(sid, CALLER, held, "hangup");
        Conversation c = conversation(CALLER);
        assertEquals(Ownership.WAITING, c.session().ownership());
        assertTrue(c.handoff().state().open() && c.handoff().urgent());
        assertEquals(1, callDay().count(nl.omkijken.runner.CallFigures.Kind.ABANDONED), "hung up before anyone came");
        assertEquals("het nummer waarmee gebeld werd", c.contact().fields().get("calls_from"), "staff can call back: the number is known");
    }

    @Test
    void outOfHoursTheCallerHearsWhenTheLineOpensAnd113AndMayLeaveACallBackRequest() {
        open = false;
        String sid = newCall();
        // The welcome says at once that the line is closed, never "here you talk with a volunteer", and who is there now.
        String closed = answer(sid, CALLER);
        assertTrue(closed.contains("De Luisterlijn is nu gesloten; we zijn er weer morgen om 09:00.") && closed.contains("1 1 3"), closed);
        assertFalse(closed.contains("Hier praat je met een vrijwilliger"), closed);
        assertTrue(closed.contains("landelijke Luisterlijn") && closed.contains("0 8 8, 0 7 6 7 0 0 0"), closed);
        assertFalse(closed.contains("<Enqueue"), "nobody to wait for: " + closed);
        assertTrue(closed.contains("Wil je dat een vrijwilliger je terugbelt als we weer open zijn?"), closed);
        String confirm = heard(sid, CALLER, closed, "1", null);
        String when = heard(sid, CALLER, confirm, "1", null);
        String bye = heard(sid, CALLER, when, "1", null);
        assertTrue(bye.contains("we zijn er weer morgen om 09:00; een vrijwilliger belt je daarna terug"), bye);
        Conversation c = conversation(CALLER);
        assertEquals("callback_request", c.handoff().reason());
        assertTrue(c.handoff().state().open());
    }

    @Test
    void forgedAndMalformedHoldRequestsAreRefused() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String waitPath = attribute(held, "waitUrl").substring(PUBLIC.length());
        Map<String, String> form = new LinkedHashMap<>(Map.of("AccountSid", ACCOUNT, "CallSid", sid));
        HttpResponse<String> forged = client.post(waitPath, "application/x-www-form-urlencoded",
                Forms.encode(form).getBytes(StandardCharsets.UTF_8), Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(403, forged.statusCode());
        assertEquals(400, post("/webhooks/twilio/voice/wait?conversation=..%2F", form).statusCode());
        assertEquals(400, post("/webhooks/twilio/voice/wait", form).statusCode());
        Map<String, String> action = call(sid, CALLER);
        action.put("QueueResult", "exploded");
        assertEquals(400, post(attribute(held, "action").substring(PUBLIC.length()), action).statusCode());
    }

    // ----- a worker takes the caller: put through to their own phone -----

    private static final nl.omkijken.runner.StaffAction.Staff ANNA = new nl.omkijken.runner.StaffAction.Staff("w-anna", "Anna", false);

    /** Twilio's requests about the call to the worker's phone (outbound from the line's number). */
    private Map<String, String> workerCall(String sid, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("CallSid", sid);
        form.put("CallStatus", status);
        form.put("Direction", "outbound-api");
        form.put("From", LUISTER);
        form.put("To", WORKER_PHONE);
        return form;
    }

    /** The id the fake gave the last call the service placed (the worker's phone). */
    private String placedSid() {
        return String.format("CA%032x", fake.calls().size());
    }

    /** The caller waits on the line; Anna takes them in the console; the take-over's task runs. */
    private String takenByAnna(String sid) {
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String conv = conversation(CALLER).id();
        Await.result(runner.act(conv, new nl.omkijken.runner.StaffAction.TakeOver(ANNA)));
        Await.result(tasks.workOnce());
        return held;
    }

    @Test
    void aWorkerAvailableByPhoneIsRungPressesOneAndBothAreInOneUnrecordedConference() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = takenByAnna(sid);
        String conv = conversation(CALLER).id();

        assertEquals(1, fake.calls().size(), "the worker's phone rings once");
        Map<String, String> placed = fake.calls().get(0);
        assertEquals(WORKER_PHONE, placed.get("To"));
        assertEquals(LUISTER, placed.get("From"), "the worker sees the line's number, never the caller's");
        assertTrue(placed.get("Url").startsWith(PUBLIC + "/webhooks/twilio/voice/worker?conversation=" + conv + "&worker=w-anna"),
                placed.toString());
        assertNull(placed.get("MachineDetection"), "the key decides, not a machine detector");
        assertTrue(Await.result(duty.onCall("w-anna")));
        // A task run again (at least once) rings nobody twice.
        Await.result(twilio.taskHandlers().get(0).run(new nl.omkijken.runner.Task(
                "put-through-" + conv + "-" + clock.instant().toEpochMilli(), "put-through-voice",
                new io.vertx.core.json.JsonObject().put("conversation", conv).put("worker", "w-anna").put("name", "Anna").encode())));
        assertEquals(1, fake.calls().size());

        // Meanwhile the caller hears that they are being put through, and keeps waiting.
        String turn = waitTurn(sid, held);
        assertTrue(turn.contains("het gesprek wordt nu doorverbonden") && turn.contains("<Gather "), turn);

        String workerSid = placedSid();
        String answerPath = placed.get("Url").substring(PUBLIC.length());
        String offer = ok(post(answerPath, workerCall(workerSid, "in-progress")));
        assertTrue(offer.contains("er wacht een beller") && offer.contains("numDigits=\"1\""), offer);
        assertFalse(offer.contains("1 2 3 4 5 6 7") || offer.contains(CALLER), "no caller's number: " + offer);

        Map<String, String> pressed = workerCall(workerSid, "in-progress");
        pressed.put("Digits", "1");
        String connecting = ok(post(attribute(offer, "action").substring(PUBLIC.length()), pressed));
        assertTrue(connecting.contains("Er wordt niets opgenomen.") && connecting.contains("<Redirect method=\"POST\">"), connecting);
        assertTrue(fake.callUpdates().isEmpty(), "the caller is moved only when the worker is still there after the text");
        String joined = ok(post(redirectPath(connecting), workerCall(workerSid, "in-progress")));
        assertTrue(joined.contains("<Dial><Conference ") && !joined.contains("<Say"), joined);
        assertTrue(joined.contains("record=\"do-not-record\"") && joined.contains(">omk-" + conv + "</Conference>"), joined);
        assertTrue(joined.contains("startConferenceOnEnter=\"true\"") && joined.contains("endConferenceOnExit=\"true\""), joined);

        // The caller's call left the queue for the same conference.
        assertEquals(1, fake.callUpdates().size());
        FakeTwilio.CallUpdate update = fake.callUpdates().get(0);
        assertEquals(sid, update.callSid());
        String bridgePath = update.form().get("Url").substring(PUBLIC.length());
        assertTrue(bridgePath.startsWith("/webhooks/twilio/voice/bridge?conversation=" + conv + "&worker=w-anna&call=" + workerSid + "&since="),
                bridgePath);
        Map<String, String> bridgeForm = call(sid, CALLER);
        String bridged = ok(post(bridgePath, bridgeForm));
        assertTrue(bridged.contains("doorverbonden") && bridged.contains(">omk-" + conv + "</Conference>")
                && bridged.contains("record=\"do-not-record\""), bridged);
        assertTrue(bridged.contains("waitUrl=\"" + PUBLIC + "/webhooks/twilio/voice/bridge/wait?conversation=" + conv), bridged);
        // Should the caller wait in the conference (not here: the worker is in it), its wait checks and pauses.
        String waiting = ok(post(attribute(bridged, "waitUrl").substring(PUBLIC.length()), call(sid, CALLER)));
        assertTrue(waiting.contains("<Pause length=\"5\"/>"), waiting);
        assertEquals(1, fake.callUpdates().size(), "the worker is still on the call: the caller stays");
        assertFalse(bridged.contains("8 7 6 5") || bridged.contains(WORKER_PHONE), "no worker's number: " + bridged);
        assertEquals("<Response/>", queued(sid, CALLER, held, "redirected").replaceAll("<\\?xml[^>]*>", ""));

        // The talk ends: the worker is free again, the conversation stays theirs for their notes.
        Map<String, String> done = workerCall(workerSid, "completed");
        done.put("CallDuration", "754");
        ok(post(WORKER_STATUS + "?conversation=" + conv + "&worker=w-anna", done));
        assertFalse(Await.result(duty.onCall("w-anna")));
        Map<String, String> ended = call(sid, CALLER);
        ended.put("CallStatus", "completed");
        ok(post("/webhooks/twilio/voice/status", ended));
        Conversation c = conversation(CALLER);
        assertEquals(Ownership.AGENT, c.session().ownership());
        assertNull(c.session().slots().get(Session.HOLD_SLOT));
        assertEquals(1.0, metrics.counter("omk_calls_answered_total", "line", "luisterlijn").count());
        // The coordinators' figures: one call offered and answered in this hour (15:00 Dutch time), the talk's length.
        nl.omkijken.runner.CallFigures.Day day = callDay();
        assertEquals(1, day.count(nl.omkijken.runner.CallFigures.Kind.OFFERED, 15));
        assertEquals(1, day.count(nl.omkijken.runner.CallFigures.Kind.ANSWERED));
        assertEquals(List.of(754L), day.talkSeconds());
        assertEquals(0, day.count(nl.omkijken.runner.CallFigures.Kind.ABANDONED));
    }

    static final String WORKER_STATUS = "/webhooks/twilio/voice/worker/status";

    /** The worker answers their ringing phone and presses 1: what they hear (a short text and the redirect to the join). */
    private String workerPressesOne(String workerSid) {
        String offer = ok(post(fake.calls().get(0).get("Url").substring(PUBLIC.length()), workerCall(workerSid, "in-progress")));
        Map<String, String> pressed = workerCall(workerSid, "in-progress");
        pressed.put("Digits", "1");
        return ok(post(attribute(offer, "action").substring(PUBLIC.length()), pressed));
    }

    /** The path a TwiML {@code <Redirect>} sends the call to. */
    private static String redirectPath(String twiml) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Redirect[^>]*>([^<]+)</Redirect>").matcher(twiml);
        assertTrue(m.find(), twiml);
        return m.group(1).replace("&amp;", "&").substring(PUBLIC.length());
    }

    @Test
    void aCallerInAConferenceTheWorkerLeftBeforeTheyCameIsTakenOutAndHearsThatAWorkerCallsBack() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        takenByAnna(sid);
        String conv = conversation(CALLER).id();
        String workerSid = placedSid();
        String connecting = workerPressesOne(workerSid);
        ok(post(redirectPath(connecting), workerCall(workerSid, "in-progress")));
        String bridgePath = fake.callUpdates().get(0).form().get("Url").substring(PUBLIC.length());
        // The worker's call drops before the caller is in: the conference never starts.
        Map<String, String> done = workerCall(workerSid, "completed");
        done.put("CallDuration", "4");
        ok(post(WORKER_STATUS + "?conversation=" + conv + "&worker=w-anna", done));
        String bridged = ok(post(bridgePath, call(sid, CALLER)));
        ok(post(attribute(bridged, "waitUrl").substring(PUBLIC.length()), call(sid, CALLER)));
        assertEquals(2, fake.callUpdates().size(), "the caller is taken out of the conference");
        FakeTwilio.CallUpdate out = fake.callUpdates().get(1);
        assertEquals(sid, out.callSid());
        String lost = ok(post(out.form().get("Url").substring(PUBLIC.length()), call(sid, CALLER)));
        assertTrue(lost.contains("teruggebeld") && lost.contains("1 1 3") && lost.contains("1 1 2") && lost.contains("<Hangup/>"), lost);
    }

    @Test
    void aCallerWaitingInAConferenceTooLongIsTakenOutEvenWithoutTheWorkersStatus() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        takenByAnna(sid);
        String workerSid = placedSid();
        String connecting = workerPressesOne(workerSid);
        ok(post(redirectPath(connecting), workerCall(workerSid, "in-progress")));
        String bridged = ok(post(fake.callUpdates().get(0).form().get("Url").substring(PUBLIC.length()), call(sid, CALLER)));
        String waitPath = attribute(bridged, "waitUrl").substring(PUBLIC.length());
        ok(post(waitPath, call(sid, CALLER)));
        assertEquals(1, fake.callUpdates().size(), "a moment's wait for the worker is normal");
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        ok(post(waitPath, call(sid, CALLER)));
        assertEquals(2, fake.callUpdates().size(), "after two minutes the caller is taken out");
    }

    @Test
    void aWorkerWhoHangsUpRightAfterPressingOneNeverLeavesTheCallerAloneInAConference() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = takenByAnna(sid);
        String conv = conversation(CALLER).id();
        String workerSid = placedSid();
        String connecting = workerPressesOne(workerSid);
        assertTrue(connecting.contains("<Redirect"), connecting);
        // The worker's call drops during the text: Twilio never asks for the join, only says the call ended.
        Map<String, String> done = workerCall(workerSid, "completed");
        done.put("CallDuration", "9");
        ok(post(WORKER_STATUS + "?conversation=" + conv + "&worker=w-anna", done));
        assertTrue(fake.callUpdates().isEmpty(), "the caller was never moved out of the queue");
        assertEquals(Ownership.WAITING, conversation(CALLER).session().ownership());
        assertFalse(Await.result(duty.onCall("w-anna")));
        assertTrue(waitTurn(sid, held).contains("Plaats in de wachtrij: 1."), "still waiting, at their old place");
        assertEquals(0.0, metrics.counter("omk_calls_answered_total", "line", "luisterlijn").count());
        // A join asked for late (the worker's call is over, the caller given back) moves nobody.
        String late = ok(post(redirectPath(connecting), workerCall(workerSid, "completed")));
        assertTrue(late.contains("<Hangup/>") && !late.contains("<Conference"), late);
        assertTrue(fake.callUpdates().isEmpty());
    }

    @Test
    void aWorkerWhoCannotTakeItNowGivesTheCallerBackAtTheirPlace() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = takenByAnna(sid);
        clock.advance(Duration.ofSeconds(20));
        String other = newCall();
        heard(other, OTHER_CALLER, answer(other, OTHER_CALLER), null, null);
        Map<String, String> placed = fake.calls().get(0);
        String workerSid = placedSid();
        String offer = ok(post(placed.get("Url").substring(PUBLIC.length()), workerCall(workerSid, "in-progress")));
        Map<String, String> pressed = workerCall(workerSid, "in-progress");
        pressed.put("Digits", "2");
        String declined = ok(post(attribute(offer, "action").substring(PUBLIC.length()), pressed));
        assertTrue(declined.contains("de beller gaat terug in de wachtrij") && declined.contains("<Hangup/>"), declined);
        Conversation c = conversation(CALLER);
        assertEquals(Ownership.WAITING, c.session().ownership());
        assertEquals(Handoff.State.WAITING, c.handoff().state());
        assertTrue(waitTurn(sid, held).contains("Plaats in de wachtrij: 1."), "given back at the old place");
        assertTrue(fake.callUpdates().isEmpty(), "the caller was never moved");
    }

    @Test
    void aWorkersPhoneNobodyAnswersGivesTheCallerBack() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        takenByAnna(sid);
        String conv = conversation(CALLER).id();
        ok(post(WORKER_STATUS + "?conversation=" + conv + "&worker=w-anna", workerCall(placedSid(), "no-answer")));
        assertEquals(Ownership.WAITING, conversation(CALLER).session().ownership());
        assertFalse(Await.result(duty.onCall("w-anna")));
    }

    @Test
    void aWorkerWithoutAPhoneTakingTheCallerGivesThemBackAtTheirPlace() {
        String sid = newCall();
        String held = takenByAnna(sid);
        assertTrue(fake.calls().isEmpty() && fake.callUpdates().isEmpty(), "nobody rung, the caller not moved");
        Conversation c = conversation(CALLER);
        assertEquals(Ownership.WAITING, c.session().ownership(), "a volunteer who cannot call them back promises nothing");
        assertEquals(Handoff.State.WAITING, c.handoff().state());
        assertTrue(waitTurn(sid, held).contains("Plaats in de wachtrij: 1."));
    }

    @Test
    void aWorkerAlreadyOnACallIsNotRungAgain() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        assertTrue(Await.result(duty.startCall("w-anna")));
        String sid = newCall();
        takenByAnna(sid);
        assertTrue(fake.calls().isEmpty());
        assertTrue(fake.callUpdates().isEmpty());
        assertEquals(Ownership.WAITING, conversation(CALLER).session().ownership(), "back in the queue for a colleague");
    }

    @Test
    void aCallerWhoHungUpBeforeTheTakeOverRingsNobody() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String conv = conversation(CALLER).id();
        queued(sid, CALLER, held, "hangup");
        // Abandoned: nothing left to take.
        assertFalse(conversation(CALLER).handoff().state().open());
        assertTrue(fake.calls().isEmpty() && fake.callUpdates().isEmpty());
        assertNotNull(conv);
    }

    @Test
    void aWorkerWhoAnswersAndHangsUpWithoutPressingGivesTheCallerBack() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        takenByAnna(sid);
        String conv = conversation(CALLER).id();
        String workerSid = placedSid();
        ok(post(fake.calls().get(0).get("Url").substring(PUBLIC.length()), workerCall(workerSid, "in-progress")));
        Map<String, String> done = workerCall(workerSid, "completed");
        done.put("CallDuration", "4");
        ok(post(WORKER_STATUS + "?conversation=" + conv + "&worker=w-anna", done));
        assertEquals(Ownership.WAITING, conversation(CALLER).session().ownership(), "back in the queue, not left hanging");
        assertTrue(callDay().talkSeconds().isEmpty(), "no talk took place");
        assertFalse(Await.result(duty.onCall("w-anna")));
    }

    @Test
    void aWorkerCallForAConversationNoLongerTheirsEndsKindly() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = takenByAnna(sid);
        String conv = conversation(CALLER).id();
        // Closed meanwhile in the console.
        Await.result(runner.act(conv, new nl.omkijken.runner.StaffAction.Close(ANNA, nl.omkijken.engine.Outcome.COMPLETED)));
        String said = ok(post(fake.calls().get(0).get("Url").substring(PUBLIC.length()), workerCall(placedSid(), "in-progress")));
        assertTrue(said.contains("De beller is er niet meer.") && said.contains("<Hangup/>"), said);
        assertFalse(Await.result(duty.onCall("w-anna")));
        assertTrue(fake.callUpdates().isEmpty());
        // The caller, still on the line, hears that the wait is over, with the helplines: never a silent hang-up.
        assertTrue(waitTurn(sid, held).endsWith("<Leave/></Response>"));
        String over = queued(sid, CALLER, held, "leave");
        assertTrue(over.contains("Het wachten is afgesloten.") && over.contains("1 1 3") && over.endsWith("<Hangup/></Response>"), over);
    }

    // ----- what the review of the first version found -----

    @Test
    void anUrgentCallerOutOfHoursIsNotHeldAllNightTheRequestStaysForTheCallBack() {
        open = false;
        String sid = newCall();
        String said = heard(sid, CALLER, answer(sid, CALLER), "0", null);
        assertFalse(said.contains("<Enqueue"), "nobody would come: " + said);
        assertTrue(said.contains("De Luisterlijn is nu gesloten") && said.contains("1 1 3") && said.endsWith("<Hangup/></Response>"), said);
        Conversation c = conversation(CALLER);
        assertTrue(c.handoff().state().open() && c.handoff().urgent(), "first for a worker when the line opens");
        assertNull(c.session().slots().get(Session.HOLD_SLOT));
    }

    @Test
    void whenTheLineClosesWhileSomeoneWaitsTheyHearItAndMayLeaveACallBackRequest() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        open = false;
        assertTrue(waitTurn(sid, held).endsWith("<Leave/></Response>"), "off the queue to hear it");
        String closed = queued(sid, CALLER, held, "leave");
        assertTrue(closed.contains("De Luisterlijn is nu gesloten") && closed.contains("1 1 3"), closed);
        assertTrue(closed.contains("Wil je dat een vrijwilliger je terugbelt als we weer open zijn?") && closed.contains("<Gather "), closed);
        assertFalse(conversation(CALLER).handoff().state().open(), "no longer waiting for the night");
    }

    @Test
    void silenceAfterTheOfferKeepsTheCallerWaitingNotTheOfferAgain() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        after(Duration.ofMinutes(3).plusSeconds(5));
        String offer = queued(sid, CALLER, held, "leave");
        String again = heard(sid, CALLER, offer, null, null);
        assertTrue(again.contains("Goed, je blijft op je plek in de wachtrij.") && again.contains("<Enqueue "), again);
        assertFalse(again.contains("Toets 2"), again);
        String quiet = waitTurn(sid, again);
        assertTrue(quiet.contains("<Gather ") && !quiet.contains("<Leave"), "waiting quietly, not offered again at once: " + quiet);
    }

    /** What the wait's Gather heard, posted inside the queue: the queue's request, which need not name the caller. */
    private String heardOnHold(String sid, String waitTwiml, String digits, String speech) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("CallSid", sid);
        if (digits != null) form.put("Digits", digits);
        if (speech != null) form.put("SpeechResult", speech);
        return ok(post(attribute(waitTwiml, "action").substring(PUBLIC.length()), form));
    }

    @Test
    void aCrisisSaidBetweenTwoAnnouncementsIsHeardAtOnceGoesFirstWith113AndStaysOnTheLine() {
        String other = newCall();
        heard(other, OTHER_CALLER, answer(other, OTHER_CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String wait = waitTurn(sid, held);
        assertTrue(wait.contains("Plaats in de wachtrij: 2."), wait);
        String said = heardOnHold(sid, wait, null, "ik kan niet meer, ik wil er een eind aan maken");
        assertTrue(said.contains("1 1 3") && said.contains("0 8 0 0") && said.contains("1 1 2"), "the helplines at once: " + said);
        assertFalse(said.contains("<Leave"), "still on the line, in the queue: " + said);
        assertTrue(said.contains("<Gather "), "and still heard: " + said);
        Conversation c = conversation(CALLER);
        assertTrue(c.handoff().urgent());
        assertTrue(waitTurn(sid, held).contains("Plaats in de wachtrij: 1."), "first in the queue now");
    }

    @Test
    void wordsWhileWaitingAreKeptForTheVolunteerAndTheWaitGoesOn() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String wait = waitTurn(sid, held);
        String said = heardOnHold(sid, wait, null, "duurt het nog lang, ik wil graag over mijn buurman praten");
        assertTrue(said.contains("<Gather ") && !said.contains("<Leave"), said);
        assertTrue(said.contains("Je staat in de wachtrij op plaats 1."), "the wait's own text: " + said);
        assertTrue(nl.omkijken.testing.Transcripts.of(runner.store(), conversation(CALLER).id()).stream()
                .anyMatch(e -> "in".equals(e.direction()) && e.text().contains("over mijn buurman")), "kept for the volunteer");
        assertFalse(conversation(CALLER).handoff().urgent());
        // 9: the place once more.
        assertTrue(heardOnHold(sid, wait, "9", null).contains("Plaats in de wachtrij: 1."));
    }

    @Test
    void wordsOfPossibleRiskWhileWaitingGetTheDirectQuestionOffTheQueue() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String said = heardOnHold(sid, waitTurn(sid, held), null, "ik weet niet of ik nog verder wil");
        assertTrue(said.contains("<Leave/>"), "out of the queue to be asked: " + said);
        String asked = queued(sid, CALLER, held, "leave");
        assertTrue(asked.contains("<Gather ") && !asked.contains("<Enqueue"), "the question listens: " + asked);
        String yes = heard(sid, CALLER, asked, null, "ja");
        assertTrue(yes.contains("1 1 3") && yes.contains("<Enqueue "), "a yes: 113, and first in the queue: " + yes);
    }

    @Test
    void aCrisisSaidWhileBeingPutThroughHearsTheHelplinesBeforeTheConnectingText() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = takenByAnna(sid);
        String wait = waitTurn(sid, held);
        assertTrue(wait.contains("het gesprek wordt nu doorverbonden"), wait);
        String said = heardOnHold(sid, wait, null, "ik wil niet meer leven");
        assertTrue(said.contains("1 1 3") && said.contains("1 1 2"), "the helplines: " + said);
        assertTrue(said.indexOf("1 1 3") < said.indexOf("doorverbonden"), "first, then the put-through goes on: " + said);
        assertFalse(said.contains("<Leave"), said);
    }

    @Test
    void aLongTalkOnHoldIsCutNotRefused() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String said = heardOnHold(sid, waitTurn(sid, held), null, "ik vertel even wat ".repeat(80));
        assertTrue(said.contains("<Gather "), "heard, and the wait goes on: " + said);
    }

    @Test
    void theWaitsListeningRefusesForgedAndMalformedRequests() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        String path = attribute(waitTurn(sid, held), "action").substring(PUBLIC.length());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("CallSid", sid);
        form.put("Digits", "12345678901234567890");
        assertEquals(400, post(path, form).statusCode(), "too many keys");
        form.put("Digits", "1");
        assertEquals(400, post("/webhooks/twilio/voice/wait/heard?conversation=..%2Fx", form).statusCode(), "not our id");
        HttpResponse<String> forged = client.post(path, "application/x-www-form-urlencoded",
                Forms.encode(form).getBytes(StandardCharsets.UTF_8), Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(403, forged.statusCode());
    }

    @Test
    void wordsOfPossibleRiskAtTheOfferGetTheDirectQuestionWhichListens() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        after(Duration.ofMinutes(3).plusSeconds(5));
        String offer = queued(sid, CALLER, held, "leave");
        String asked = heard(sid, CALLER, offer, null, "ik weet niet of ik nog verder wil");
        assertTrue(asked.contains("<Gather ") && !asked.contains("<Enqueue"), "the question listens: " + asked);
        String yes = heard(sid, CALLER, asked, null, "ja");
        assertTrue(yes.contains("1 1 3") && yes.contains("<Enqueue "), "a yes: 113, and first in the queue: " + yes);
        assertTrue(conversation(CALLER).handoff().urgent());
    }

    @Test
    void aCallerTakenWhileAnsweringTheOfferIsPutThroughNotHungUpOn() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        after(Duration.ofMinutes(3).plusSeconds(5));
        String offer = queued(sid, CALLER, held, "leave");
        Await.result(runner.act(conversation(CALLER).id(), new nl.omkijken.runner.StaffAction.TakeOver(ANNA)));
        String said = heard(sid, CALLER, offer, "1", null);
        assertTrue(said.contains("doorverbonden") && said.contains("<Enqueue "), "waits to be put through: " + said);
        assertFalse(said.contains("<Hangup/>"), said);
    }

    @Test
    void aTakeOverGivenBackBeforeItsTaskRanRingsNobody() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        heard(sid, CALLER, answer(sid, CALLER), null, null);
        String conv = conversation(CALLER).id();
        Await.result(runner.act(conv, new nl.omkijken.runner.StaffAction.TakeOver(ANNA)));
        Await.result(runner.act(conv, new nl.omkijken.runner.StaffAction.GiveBack(ANNA)));
        Await.result(tasks.workOnce());
        assertTrue(fake.calls().isEmpty() && fake.callUpdates().isEmpty(), "nobody rung, nobody moved");
        assertEquals(Ownership.WAITING, conversation(CALLER).session().ownership());
    }

    @Test
    void aWaitingCallGoesOnOnAnotherInstanceAfterARestartAndIsPutThroughFromThere() {
        Await.result(duty.available("w-anna", WORKER_PHONE, clock.instant()));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        // The instance that answered the call stops; Twilio's next requests reach another one.
        instances.get(0).stop();
        Instance b = instance("b");
        Map<String, String> wait = new LinkedHashMap<>(Map.of("AccountSid", ACCOUNT, "CallSid", sid, "QueuePosition", "1"));
        String turn = ok(post(b.client(), attribute(held, "waitUrl").substring(PUBLIC.length()), wait));
        assertTrue(turn.contains("Plaats in de wachtrij: 1."), turn);

        String conv = conversation(CALLER).id();
        Await.result(b.runner().act(conv, new nl.omkijken.runner.StaffAction.TakeOver(ANNA)));
        Await.result(b.tasks().workOnce());
        assertEquals(1, fake.calls().size(), "the worker's phone rings once, from the instance that runs the task");
        // Another instance's task worker finds nothing left to do.
        Instance c = instance("c");
        Await.result(c.tasks().workOnce());
        assertEquals(1, fake.calls().size());

        String workerSid = placedSid();
        String offer = ok(post(c.client(), fake.calls().get(0).get("Url").substring(PUBLIC.length()), workerCall(workerSid, "in-progress")));
        Map<String, String> pressed = workerCall(workerSid, "in-progress");
        pressed.put("Digits", "1");
        String connecting = ok(post(b.client(), attribute(offer, "action").substring(PUBLIC.length()), pressed));
        String joined = ok(post(c.client(), redirectPath(connecting), workerCall(workerSid, "in-progress")));
        assertTrue(joined.contains(">omk-" + conv + "</Conference>"), joined);
        assertEquals(sid, fake.callUpdates().get(0).callSid(), "the caller's call, held on instance a, is put through");
    }

    @Test
    void askingForAPersonAtTheWelcomeWaitsInTheLinesOwnQueueWithItsOwnOffer() {
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, "ik wil graag iemand spreken");
        assertTrue(held.contains("<Enqueue ") && held.contains("Ik zoek nu een vrijwilliger voor je."), held);
        Conversation c = conversation(CALLER);
        assertEquals("luisterlijn_telefoon", c.session().dialog());
        assertEquals("wachtrij", c.session().step());
        after(Duration.ofMinutes(3).plusSeconds(5));
        String offer = queued(sid, CALLER, held, "leave");
        assertTrue(offer.contains("Toets 1 om te blijven wachten"), "the Luisterlijn's offer after 3 minutes: " + offer);
    }

    @Test
    void aCrisisSaidWhileWaitingAtTheOfferGoesToTheFrontWith113AndStaysOnTheLine() {
        String other = newCall();
        heard(other, OTHER_CALLER, answer(other, OTHER_CALLER), null, null);
        clock.advance(Duration.ofSeconds(20));
        String sid = newCall();
        String held = heard(sid, CALLER, answer(sid, CALLER), null, null);
        assertTrue(held.contains("Plaats in de wachtrij: 2."), held);
        after(Duration.ofMinutes(3).plusSeconds(5));
        String offer = queued(sid, CALLER, held, "leave");
        String crisis = heard(sid, CALLER, offer, null, "ik wil er niet meer zijn, ik wil dood");
        assertTrue(crisis.contains("1 1 3") && crisis.contains("0 8 0 0") && crisis.contains("1 1 2"), crisis);
        assertTrue(crisis.contains("<Enqueue ") && crisis.contains("Plaats in de wachtrij: 1."), "first, still on the line: " + crisis);
        assertTrue(conversation(CALLER).handoff().urgent());
    }
}
