package nl.omkijken.app;

import nl.omkijken.channels.AddressOptOut;
import nl.omkijken.people.AddressKeys;
import nl.omkijken.people.IdSource;
import nl.omkijken.people.People;
import nl.omkijken.store.redis.AddressSecret;
import nl.omkijken.store.redis.RedisPeople;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.omkijken.channels.Channel;
import nl.omkijken.channels.sandbox.SandboxChannel;
import nl.omkijken.channels.telegram.TelegramChannel;
import nl.omkijken.channels.telegram.TelegramSettings;
import nl.omkijken.channels.twilio.TwilioChannel;
import nl.omkijken.channels.twilio.TwilioSettings;
import nl.omkijken.channels.twilio.VoiceSettings;
import nl.omkijken.dialog.DialogError;
import nl.omkijken.dialog.DialogLoader;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Engine;
import nl.omkijken.nlp.OpenNlpUnderstander;
import nl.omkijken.runner.InboundPipeline;
import nl.omkijken.runner.Lanes;
import nl.omkijken.runner.InboundWorker;
import nl.omkijken.runner.LiveEvents;
import nl.omkijken.runner.Sweeps;
import nl.omkijken.runner.OutboxDispatcher;
import nl.omkijken.runner.Pseudonym;
import nl.omkijken.runner.Sender;
import nl.omkijken.runner.JobPoller;
import nl.omkijken.runner.PeriodicHost;
import nl.omkijken.runner.RunnerHost;
import nl.omkijken.console.ConsoleApi;
import nl.omkijken.hours.OpeningHours;
import nl.omkijken.hours.CurrentHours;
import nl.omkijken.store.redis.RedisHoursStore;
import nl.omkijken.hours.OpeningHoursReader;
import nl.omkijken.console.ConsoleSettings;
import nl.omkijken.console.ConsolePorts;
import nl.omkijken.store.redis.RedisCannedReplies;
import nl.omkijken.console.ReturnUnattended;
import nl.omkijken.console.QueueFigures;
import nl.omkijken.store.redis.RedisAuditLog;
import nl.omkijken.store.redis.RedisConsoleSessions;
import nl.omkijken.store.redis.RedisPresence;
import nl.omkijken.store.redis.RedisWorkers;
import nl.omkijken.runner.Timing;
import nl.omkijken.runner.TaskWorker;
import nl.omkijken.store.redis.RedisTaskSource;
import nl.omkijken.store.redis.QueueTrim;
import nl.omkijken.store.redis.DeliveryNotices;
import nl.omkijken.runner.TurnRunner;
import nl.omkijken.runner.Understander;
import nl.omkijken.store.redis.EmbeddedRedis;
import nl.omkijken.store.redis.InboundPartitions;
import nl.omkijken.store.redis.RedisInboundQueue;
import nl.omkijken.store.redis.RedisInboundSource;
import nl.omkijken.store.redis.RedisLayout;
import nl.omkijken.store.redis.RedisEventLog;
import nl.omkijken.store.redis.StreamTrim;
import nl.omkijken.store.redis.RedisConnection;
import nl.omkijken.store.redis.RedisConversationStore;
import nl.omkijken.store.redis.RedisDeliveryStatusStore;
import nl.omkijken.store.redis.RedisOutboxStore;
import nl.omkijken.store.redis.RedisReconcileStore;
import nl.omkijken.store.redis.RedisJobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and runs the whole service; {@link #stop()} undoes it in reverse order. */
public final class OmkijkenService {
    private static final Logger log = LoggerFactory.getLogger(OmkijkenService.class);
    private static final Duration STARTUP_STEP = Duration.ofSeconds(60);

    /** Start-up failed for a reason the operator can fix; the message says how. */
    public static final class StartException extends Exception {
        public StartException(String message) { super(message); }
    }

    private final AppConfig config;
    private EmbeddedRedis embeddedRedis;
    private Vertx vertx;
    private RedisConnection redis;
    private WebServer web;
    /** dialogs/bookings.yaml as read. */
    private nl.omkijken.booking.BookingRules bookingRules;
    /** The helpdesk's bookable times as this instance sees them. */
    private nl.omkijken.booking.SlotBoard slotBoard;
    /** The deployment of the {@link PeriodicHost}. */
    private String periodic;
    /** The deployments of the {@link RunnerHost}s of the inbound worker and the outbox dispatcher. */
    private String inboundHost;
    private String outboxHost;
    private OutboxDispatcher outbox;
    private InboundPipeline inbound;
    private List<Channel> channels = List.of();
    private int dialogCount;

    private OmkijkenService(AppConfig config) {
        this.config = config;
    }

    public static OmkijkenService start(AppConfig config, PrintStream out) throws StartException {
        OmkijkenService s = new OmkijkenService(config);
        try {
            s.startAll(out);
            return s;
        } catch (StartException e) {
            s.stop();
            throw e;
        } catch (Exception e) {
            s.stop();
            throw new StartException("could not start: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private void startAll(PrintStream out) throws Exception {
        nl.omkijken.dialog.LoadResult loaded = loadDialogs(config.dialogsDir());
        DialogSet dialogs = loaded.dialogSet();
        dialogCount = dialogs.dialogs().size();
        Files.createDirectories(config.dataDir());
        Pseudonym pseudonym = new Pseudonym(pseudonymKey());

        String redisUrl = config.redisUrl();
        if (config.embeddedRedis()) {
            // stop() ends it last, after the workers gave their leases back and the connection closed.
            embeddedRedis = EmbeddedRedis.start(config.dataDir().resolve("redis"), config.embeddedRedisPort()).stoppedByOwner();
            redisUrl = embeddedRedis.url();
            log.info("started embedded redis-server on {}", redisUrl);
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new LatencyBuckets());
        vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        // Vert.x's own report of an unhandled exception prints its message, which may quote a request's
        // raw URI (with a phone number or a text in it): the class name is enough to find the bug.
        // An Error (a stack overflow, a class that failed to load) carries no request data in its message: its stack is logged.
        vertx.exceptionHandler(e -> {
            if (e instanceof Error) log.error("unhandled error in a handler: {}", e.getClass().getName(), e);
            else log.error("unhandled error in a handler: {}", e.getClass().getName());
        });
        redis = await(RedisConnection.connect(vertx, redisUrl), "connect to Redis at " + RedisConnection.redact(redisUrl));
        Clock clock = Clock.systemUTC();
        AddressKeys addressKeys = await(AddressSecret.load(redis, config.addressKey()), "check the address key");
        RedisPeople people = new RedisPeople(redis, addressKeys, IdSource.random(), clock, config.retention());
        // Data written by an earlier release is brought to this release's key layout before anything reads it.
        await(new RedisLayout(redis, people).upgrade(), "upgrade the data in Redis to this release's layout");
        RedisConversationStore conversations = new RedisConversationStore(redis, config.retention());
        Timing timing = new Timing(clock, System::nanoTime);
        RedisOutboxStore outboxStore = new RedisOutboxStore(redis, timing);
        await(outboxStore.start(), "prepare the outbox stream");

        // Trains from dialogs/nlu, or loads the cached model when the data did not change.
        Understander understander = OpenNlpUnderstander.fromDialogs(config.dialogsDir(),
                config.modelCacheDir(), clock, config.nluThreshold());
        // When each line is staffed (dialogs/hours.yaml): checked at start like the dialogs.
        OpeningHours fileHours;
        String fileYaml = "";
        try {
            fileHours = config.openingHours() == null ? OpeningHoursReader.none()
                    : OpeningHoursReader.readFile(config.openingHours(), dialogs.lines());
            if (config.openingHours() != null && java.nio.file.Files.exists(config.openingHours())) {
                fileYaml = java.nio.file.Files.readString(config.openingHours());
            }
        } catch (OpeningHoursReader.Invalid e) {
            throw new StartException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new StartException("cannot read " + config.openingHours() + ": " + e.getMessage());
        }
        // Those coordinators saved in the console win over the file; OPENING_HOURS=off means none at all.
        CurrentHours hours = new CurrentHours(new RedisHoursStore(redis), dialogs.lines(), fileHours, fileYaml);
        if (config.openingHours() != null) await(hours.begin(), "read the opening hours saved in the console");
        // The hours as the people on duty make them true: a line that plans shifts is open only while someone is there.
        RedisPresence presence = new RedisPresence(redis);
        nl.omkijken.console.StaffedHours staffedHours = new nl.omkijken.console.StaffedHours(hours, new RedisWorkers(redis), presence,
                new nl.omkijken.store.redis.RedisShifts(redis), dialogs.lines(), clock, Duration.ofSeconds(10));
        nl.omkijken.store.redis.RedisPersonMemory memory = new nl.omkijken.store.redis.RedisPersonMemory(redis);
        // The helpdesk's knowledge base, searched in memory; its links on the address people reach the service at.
        // On the embedded default (the sandbox alone) this machine; with a real channel only PUBLIC_BASE_URL, else no link
        // at all (a localhost link in a text message leads nowhere).
        boolean hasPublic = config.publicBaseUrl() != null && !config.publicBaseUrl().isBlank();
        String publicBase = hasPublic ? config.publicBaseUrl().replaceAll("/+$", "")
                : config.twilio() == null && config.telegram() == null ? "http://localhost:" + config.port() : null;
        if (publicBase == null) log.warn("the helpdesk's answers go without links to the articles: PUBLIC_BASE_URL is not set");
        nl.omkijken.engine.Knowledge knowledge = new nl.omkijken.knowledge.KnowledgeAnswers(
                new nl.omkijken.knowledge.KnowledgeIndex(loaded.knowledge()), publicBase);
        // The helpdesk's bookable times (staff enter them in the console), as each instance sees them; booked atomically.
        nl.omkijken.store.redis.RedisSlots slotStore = new nl.omkijken.store.redis.RedisSlots(redis);
        nl.omkijken.booking.BookingIds bookingIds = new nl.omkijken.booking.BookingIds(pseudonymKey());
        bookingRules = loaded.bookings();
        // The confirmation links the talk's calendar invite, on the same public address as the articles.
        slotBoard = new nl.omkijken.booking.SlotBoard(slotStore, loaded.bookings(), clock,
                new nl.omkijken.booking.InviteLinks(bookingIds, publicBase));
        // The embedded default alone (the sandbox, nothing real): example times, so the booking can be tried at once.
        if (config.embeddedRedis() && config.twilio() == null && config.telegram() == null && loaded.routing() != null) {
            int added = await(nl.omkijken.booking.ExampleTimes.addIfEmpty(slotStore, loaded.bookings(),
                    loaded.routing().partQueues().entrySet().stream().filter(e -> e.getKey().startsWith("helpdesk:"))
                            .map(java.util.Map.Entry::getValue).toList(), clock), "add example times for the sandbox");
            if (added > 0) log.info("added {} example times for trying the helpdesk's booking in the sandbox", added);
        }
        await(slotBoard.begin(), "read the helpdesk's bookable times");
        nl.omkijken.runner.Reservations reservations = new nl.omkijken.booking.SlotReservations(slotStore, slotBoard, bookingIds);
        // The invites and cancellations by e-mail (with SMTP_HOST), each once.
        nl.omkijken.booking.InviteMails inviteMails = new nl.omkijken.booking.InviteMails(slotStore, bookingIds, loaded.bookings(),
                mailer(), new nl.omkijken.store.redis.RedisOnceMarks(redis), clock, registry);
        TurnRunner runner = new TurnRunner(vertx, new Engine(dialogs, knowledge, slotBoard), conversations, understander, clock,
                new TurnRunner.Options(config.lockLease(), Duration.ofSeconds(10), config.defaultLanguage()),
                registry, pseudonym, new nl.omkijken.runner.LineServices(staffedHours, new nl.omkijken.store.redis.RedisWaitHistory(redis),
                        loaded.routing(), new nl.omkijken.console.ConsoleStaffing(new RedisWorkers(redis), new RedisPresence(redis)),
                        new nl.omkijken.store.redis.RedisDailyFigures(redis), reservations,
                        new nl.omkijken.store.redis.RedisCallFigures(redis)),
                memory);

        // Webhooks of the real channels go through the durable inbound queue; the sandbox answers
        // its HTTP call with the turn's replies, so it calls the runner directly.
        InboundPartitions partitions = new InboundPartitions(InboundPartitions.DEFAULT_COUNT);
        // One lane per core: turns of different conversations run side by side on all cores.
        Lanes lanes = await(Lanes.deploy(vertx, cores()), "start the event-loop lanes");
        inbound = new InboundPipeline(vertx, new RedisInboundQueue(redis, partitions, RedisInboundQueue.DEFAULT_DEDUPE_TTL, people),
                new RedisInboundSource(redis, partitions), runner, InboundWorker.Options.defaults(), registry, pseudonym,
                "runner-" + java.util.UUID.randomUUID(), lanes);

        web = new WebServer(vertx, registry, config.http(), config.adminAllow(), this::health);
        // The helpdesk's knowledge articles in full, for the link beside the bot's short answer.
        new nl.omkijken.channels.http.ArticlePages(loaded.knowledge(), clock).mount(web.router());
        // A booked talk's calendar invite, for the link in the confirmation.
        new nl.omkijken.channels.http.InvitePages(slotStore, clock).mount(web.router());
        channels = channels(dialogs, runner, people, clock, registry, pseudonym, outboxStore);
        List<Sender> senders = new java.util.ArrayList<>();
        List<String> channelsOn = new java.util.ArrayList<>();
        for (Channel c : channels) {
            c.mount(web.router());
            senders.addAll(c.senders());
            channelsOn.add(c.name());
        }
        log.info("channels on: {}; off: {}", channelsOn, offChannels());
        // Due jobs (follow-ups now; check-in plans and ladder steps to come) and the tasks they leave.
        RedisJobStore jobStore = new RedisJobStore(redis);
        // The Telefooncirkel's daily calls, on the channel that places calls: Twilio Voice with a number, or on the embedded
        // default the sandbox's phone simulator (never both).
        Channel phone = channels.stream().filter(c -> c.checkInChannels().isPresent()).findFirst().orElse(null);
        if (phone == null && config.twilio() != null && config.twilio().voice().lines().contains(nl.omkijken.circle.Participants.LINE)) {
            log.warn("the Telefooncirkel answers calls but places none: it has no Twilio number to call from (TWILIO_NUMBERS_TELEFOONCIRKEL)");
        }
        nl.omkijken.store.redis.RedisCheckInLog checkInLog = new nl.omkijken.store.redis.RedisCheckInLog(redis);
        nl.omkijken.store.redis.RedisAbsences absences = new nl.omkijken.store.redis.RedisAbsences(redis);
        nl.omkijken.store.redis.RedisChains chains = new nl.omkijken.store.redis.RedisChains(redis);
        nl.omkijken.circle.DailyCalls daily = phone == null ? null : new nl.omkijken.circle.DailyCalls(
                new nl.omkijken.store.redis.RedisParticipants(redis), jobStore, phone.checkInChannels().get(),
                new nl.omkijken.store.redis.RedisOnceMarks(redis), checkInLog, clock,
                new nl.omkijken.store.redis.RedisCallRate(redis, vertx, clock, config.twilio() != null
                        ? config.twilio().voice().callsPerSecond() : AppConfig.Voice.DEFAULT.callsPerSecond()),
                (p, day) -> absences.of(p.id()).map(a -> a != null && a.covers(day)).otherwise(false)
                        .compose(set -> set ? Future.succeededFuture(true)
                                : absent(people, memory, phone.checkInChannels().get().spokenAt().apply(p.phone()), day)),
                (phone instanceof SandboxChannel ? loaded.ladders() : loaded.ladders().withoutSandboxOnly())::of, chains);
        if (phone != null) {
            phone.callOutcomes(daily);
            // A participant's call-back requests, and how fast a worker did them, in their day (the coordinators' report).
            runner.callbackNotes(new nl.omkijken.circle.ParticipantCallbacks(new nl.omkijken.store.redis.RedisParticipants(redis),
                    checkInLog, phone.checkInChannels().get().spokenAt(), addressKeys::keyOf,
                    java.util.Set.of(nl.omkijken.channels.checkin.DialogContactAlert.DIALOG)));
        }
        // The staff console: who waits, take over, reply, hand back (on the same runner as every turn).
        nl.omkijken.store.redis.RedisOffers offers = new nl.omkijken.store.redis.RedisOffers(redis);
        new ConsoleApi(vertx, runner, new ConsolePorts(people, new RedisWorkers(redis), new RedisConsoleSessions(redis),
                new RedisAuditLog(redis), presence, new RedisCannedReplies(redis),
                outboxStore, new RedisDeliveryStatusStore(redis), config.openingHours() == null ? null : hours,
                new nl.omkijken.store.redis.RedisShifts(redis), new nl.omkijken.store.redis.RedisDailyFigures(redis),
                offers, new nl.omkijken.console.CirclePorts(new nl.omkijken.store.redis.RedisParticipants(redis), checkInLog, absences,
                        p -> daily == null ? Future.succeededFuture() : daily.replan(p), daily == null ? null : daily::markSafe, chains),
                new nl.omkijken.console.HelpdeskPorts(slotStore, slotBoard, inviteMails, loaded.bookings(),
                        loaded.routing() == null ? List.of() : loaded.routing().partQueues().entrySet().stream()
                                .filter(e -> e.getKey().startsWith("helpdesk:")).map(java.util.Map.Entry::getValue).toList(),
                        loaded.knowledge()),
                // Workers take waiting callers on their own phone where Twilio puts calls through.
                config.twilio() != null && !config.twilio().voice().lines().isEmpty()
                        ? new nl.omkijken.store.redis.RedisPhoneDuty(redis) : null), clock,
                ConsoleSettings.DEFAULTS.withHeartbeat(config.http().idleTimeout())
                        .withCallsPerSecond(config.twilio() != null ? config.twilio().voice().callsPerSecond() : AppConfig.Voice.DEFAULT.callsPerSecond()),
                dialogs.lines(), handBackDialogs(dialogs)).mount(web.router());
        JobPoller jobs = new JobPoller(jobStore, runner, daily == null ? List.of() : daily.handlers(), clock, Duration.ofMillis(500),
                Duration.ofSeconds(60), registry);
        if (daily != null) {
            daily.planToday().onFailure(e -> log.warn("today's daily calls not planned at start error={}", e.getClass().getSimpleName()));
        }
        // A crisis on a closed line: the on-call coordinator's phone, by a channel that sends SMS.
        nl.omkijken.runner.StaffAlerts alerts = channels.stream().map(Channel::staffAlerts).flatMap(java.util.Optional::stream)
                .findFirst().orElse(null);
        String consoleUrl = (config.publicBaseUrl() == null || config.publicBaseUrl().isBlank()
                ? "http://localhost:" + config.port() : config.publicBaseUrl().replaceAll("/+$", "")) + "/console/";
        if (config.onCallNumber() != null && alerts == null) {
            throw new StartException("ON_CALL_NUMBER is set, but no channel sends SMS: configure Twilio with an SMS number"
                    + " (TWILIO_NUMBERS_*), or leave ON_CALL_NUMBER empty");
        }
        List<nl.omkijken.runner.TaskHandler> taskHandlers = new java.util.ArrayList<>(List.of(
                new nl.omkijken.runner.OnCallAlert(config.onCallNumber(), alerts, consoleUrl, registry,
                        new nl.omkijken.store.redis.RedisOnceMarks(redis)),
                new nl.omkijken.booking.CancelledBookings(reservations, inviteMails, clock), inviteMails));
        // What the channels carry out after a turn (a waiting caller put through to a worker's phone).
        for (Channel ch : channels) taskHandlers.addAll(ch.taskHandlers());
        TaskWorker tasks = new TaskWorker(new RedisTaskSource(redis), taskHandlers, consumerName(),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10, registry);
        outbox = new OutboxDispatcher(vertx, outboxStore, senders, consumerName(), Duration.ofSeconds(30), registry,
                pseudonym, runner::markOptedOut, OutboxDispatcher.RetryPolicy.DEFAULT, timing);
        inboundHost = await(RunnerHost.deploy(vertx, inbound), "start the inbound workers");
        // What happens on any instance, for this instance's consoles. Read every 100 ms: a console shows a
        // turn at most about that long after its commit (docs/BENCHMARKS.md: at 250 ms the p99 was 247 ms,
        // at the bound of issue 10); ten small reads a second per instance cost Redis next to nothing.
        LiveEvents live = new LiveEvents(vertx, new RedisEventLog(redis), Duration.ofMillis(100));
        // What names people is kept only as long as it must be: events an hour, dead letters as long as
        // the conversations themselves.
        Sweeps sweeps = new Sweeps(List.of(StreamTrim.events(redis, Duration.ofHours(1)),
                StreamTrim.deadLetters(redis, config.retention()), StreamTrim.taskDeadLetters(redis, config.retention()),
                StreamTrim.audit(redis, config.retention()),
                new QueueTrim(redis), new nl.omkijken.store.redis.SlotTrim(redis, config.retention())),
                clock, Duration.ofMinutes(1));
        // What became of replies, from every instance, next to the turns on the live event bus.
        await(DeliveryNotices.follow(redis), "follow the delivery notices");
        // Periodic work, each on its interval, on one event loop of its own.
        List<nl.omkijken.runner.Periodic> work = new java.util.ArrayList<>(List.of(jobs, tasks, live, sweeps,
                new ReturnUnattended(runner, presence, clock, config.consoleReturnAfter(),
                        config.twilio() != null && !config.twilio().voice().lines().isEmpty() ? new nl.omkijken.store.redis.RedisPhoneDuty(redis) : null),
                new nl.omkijken.console.OfferRound(runner, new RedisWorkers(redis), presence, offers, clock, Duration.ofSeconds(2)),
                new nl.omkijken.console.CallbackReminders(vertx, conversations, clock, Duration.ofSeconds(15)),
                new QueueFigures(conversations, dialogs.lines(), registry), staffedHours, slotBoard));
        if (config.openingHours() != null) work.add(hours);
        for (Channel c : channels) work.addAll(c.periodic());
        periodic = await(PeriodicHost.deploy(vertx, work), "start the periodic work");
        // The outbox drains on an event loop of its own, not on the context that started the service.
        outboxHost = await(RunnerHost.deploy(vertx, outbox), "start the outbox");
        await(web.listen(config.host(), config.port(), cores()), "listen on " + config.host() + ":" + config.port()
                + " (is another program using the port? set PORT)");
        // A channel may be called as soon as it started (Telegram calls the webhook once registered), so
        // channels start after the server listens.
        for (Channel c : channels) await(c.start(), "start " + c.name());

        String local = "http://" + ("0.0.0.0".equals(config.host()) ? "localhost" : config.host()) + ":" + config.port();
        out.println("Omkijken is ready.");
        for (Channel c : channels) {
            for (String line : c.readyLines(config.publicBaseUrl(), local)) out.println("  " + line);
        }
        out.println("  Health:  " + local + "/health");
        out.println("  Metrics: " + local + "/metrics");
        out.println("  Redis:   " + (config.embeddedRedis() ? "embedded, data in " + config.dataDir().resolve("redis").toAbsolutePath().normalize() : RedisConnection.redact(redisUrl)));
        out.println("  Dialogs: " + dialogCount + " from " + config.dialogsDir().toAbsolutePath().normalize());
        // The crisis texts say a staff member is alerted: with real people writing in, someone must be, also at night.
        if ((config.twilio() != null || config.telegram() != null) && config.onCallNumber() == null) {
            String warning = "ON_CALL_NUMBER is not set: a crisis while nobody of its line has the console open reaches nobody"
                    + " until someone opens it (logged and counted in omk_on_call_alerts_total)"
                    + (config.twilio() == null ? "; the on-call SMS needs Twilio with an SMS number" : "");
            out.println("  Warning: " + warning);
            log.warn(warning);
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    /** Cores this process may use: as many HTTP server instances and turn lanes. */
    private static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static nl.omkijken.dialog.LoadResult loadDialogs(Path dir) throws StartException {
        var result = DialogLoader.load(dir);
        if (!result.errors().isEmpty() || result.dialogSet() == null) {
            StringBuilder sb = new StringBuilder("the dialogs in " + dir.toAbsolutePath() + " have errors; fix them "
                    + "(java -jar target/omkijken.jar check-dialogs " + dir + ") and start again:");
            for (DialogError e : result.errors()) sb.append("\n  ").append(e);
            throw new StartException(sb.toString());
        }
        return result;
    }

    /**
     * Whether a participant said they are away on {@code day} (the check-in's "ik ben er tot vrijdag niet",
     * kept on the person as absent_until): then no call, and no alarm.
     */
    /** Said by the participant on one of their conversations (by phone or by text): "ik ben er tot vrijdag niet". */
    private static Future<Boolean> absent(People people, nl.omkijken.runner.PersonMemory memory, List<nl.omkijken.people.Address> at,
                                          java.time.LocalDate day) {
        Future<Boolean> said = Future.succeededFuture(false);
        for (nl.omkijken.people.Address a : at) {
            said = said.compose(found -> found ? Future.succeededFuture(true) : absentBy(people, memory, a, day));
        }
        return said;
    }

    /** Said on that address's conversations (by phone or by text): "ik ben er tot vrijdag niet". */
    private static Future<Boolean> absentBy(People people, nl.omkijken.runner.PersonMemory memory, nl.omkijken.people.Address a,
                                            java.time.LocalDate day) {
        return people.find(a).compose(known -> known == null ? Future.succeededFuture(false)
                : memory.recall(known.addressKey()).map(m -> {
                    String until = m.get("absent_until");
                    try {
                        return until != null && !java.time.LocalDate.parse(until).isBefore(day);
                    } catch (java.time.format.DateTimeParseException e) {
                        return false;
                    }
                }));
    }

    /** The channels the configuration turns on, in the order they are mounted and started. */
    private List<Channel> channels(DialogSet dialogs, TurnRunner runner, People people, Clock clock,
                                   PrometheusMeterRegistry registry, Pseudonym pseudonym, RedisOutboxStore outboxStore)
            throws StartException {
        List<Channel> on = new java.util.ArrayList<>();
        AddressOptOut optOuts = new AddressOptOut(people, runner::markOptedOut);
        if (config.sandbox()) {
            // The phone simulator answers calls on the lines the real phone does.
            java.util.List<String> callLines = config.twilio() != null ? config.twilio().voice().lines() : AppConfig.Voice.DEFAULT.lines();
            // On the embedded default (no provider at all) the simulator places the Telefooncirkel's daily calls: they ring in
            // the browser. Never beside a real channel: real participants would climb their ladder every day unheard.
            boolean placesCalls = dialogs.phone().present() && callLines.contains(nl.omkijken.circle.Participants.LINE)
                    && config.twilio() == null && config.telegram() == null;
            on.add(placesCalls ? new SandboxChannel(runner, people, clock, java.util.Set.copyOf(callLines), vertx,
                    new nl.omkijken.store.redis.RedisParticipants(redis))
                    : new SandboxChannel(runner, people, clock, java.util.Set.copyOf(callLines)));
        }
        if (config.twilio() != null) {
            AppConfig.Twilio t = config.twilio();
            TwilioSettings.Reconciliation reconciliation = new TwilioSettings.Reconciliation(t.reconcileInterval(),
                    t.reconcileGrace(), RedisInboundQueue.DEFAULT_DEDUPE_TTL);
            TwilioChannel.Voice voice = null;
            if (!t.voice().lines().isEmpty()) {
                try {
                    voice = new TwilioChannel.Voice(VoiceSettings.of(t.voice().lines(), t.voice().dutchVoice(),
                            t.voice().englishVoice(), t.voice().rate(), t.voice().listenFor()), runner, people,
                            t.voice().lines().contains(nl.omkijken.circle.Participants.LINE)
                                    ? new nl.omkijken.store.redis.RedisParticipants(redis) : null,
                            new TwilioChannel.Bridge(new nl.omkijken.store.redis.RedisPhoneDuty(redis),
                                    new nl.omkijken.store.redis.RedisHeldCalls(redis), new nl.omkijken.store.redis.RedisOnceMarks(redis)));
                } catch (IllegalArgumentException e) {
                    throw new StartException("Twilio voice settings: " + e.getMessage());
                }
                if (!dialogs.phone().present()) {
                    throw new StartException("the phone answers calls on " + t.voice().lines() + " (TWILIO_VOICE_LINES), but the"
                            + " dialogs folder has no phone.yaml with the phone's own texts; add it or set TWILIO_VOICE_LINES empty");
                }
            }
            on.add(new TwilioChannel(vertx, new TwilioSettings(t.accountSid(), t.authToken(), t.apiBaseUrl(),
                    config.publicBaseUrl(), t.numbersByLine(), t.whatsappContentSid(), TwilioSettings.DEFAULT_READ_TIMEOUT,
                    reconciliation), new TwilioChannel.Ports(inbound.queue(), new RedisDeliveryStatusStore(redis),
                    outboxStore, new RedisReconcileStore(redis), optOuts), voice, clock, registry, pseudonym));
        }
        if (config.telegram() != null) {
            AppConfig.Telegram t = config.telegram();
            TelegramSettings settings;
            try {
                settings = new TelegramSettings(t.botToken(), t.webhookSecret(), t.apiBaseUrl(),
                        TelegramSettings.Mode.parse(t.mode()), t.defaultLine(), config.publicBaseUrl(),
                        TelegramSettings.DEFAULT_REQUEST_TIMEOUT);
            } catch (IllegalArgumentException e) {
                throw new StartException("Telegram settings: " + e.getMessage());
            }
            on.add(new TelegramChannel(vertx, settings, dialogs.lines(), inbound.queue(), optOuts,
                    registry, pseudonym, clock));
        }
        return on;
    }

    /** The provider channels that are off because their settings are absent, for the start-up log. */
    private List<String> offChannels() {
        List<String> off = new java.util.ArrayList<>();
        if (config.twilio() == null) off.add("twilio (no TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN/TWILIO_NUMBERS_*)");
        if (config.telegram() == null) off.add("telegram (no TELEGRAM_BOT_TOKEN)");
        return off;
    }

    /** Health is UP only when Redis answers and the dialogs are loaded. */
    private Future<JsonObject> health() {
        if (redis == null) return Future.succeededFuture(new JsonObject().put("status", "DOWN"));
        return redis.ping().map(ok -> new JsonObject()
                .put("status", ok && dialogCount > 0 ? "UP" : "DOWN")
                .put("redis", ok ? "UP" : "DOWN")
                .put("dialogs", dialogCount));
    }

    /** The invites by e-mail with SMTP_HOST; none without (the invite is a link in the conversation). */
    private nl.omkijken.booking.Mailer mailer() throws StartException {
        AppConfig.Mail m = config.mail();
        if (m == null) return nl.omkijken.booking.Mailer.NONE;
        if (bookingRules.mails() == null) {
            // A mail server set up for nothing would be a silent surprise: said now, with the fix.
            throw new StartException("SMTP_HOST is set, but " + nl.omkijken.booking.BookingRulesReader.FILE
                    + " has no mail: texts (booked and cancelled); write them (docs/DIALOGS.md), or leave SMTP_HOST empty");
        }
        log.info("booked talks' invites by e-mail through {}:{} ({})", m.host(), m.port(), m.security());
        return new nl.omkijken.channels.mail.SmtpMailer(vertx, m.host(), m.port(), m.security(), m.username(), m.password(), m.from());
    }

    private byte[] pseudonymKey() throws IOException {
        if (config.pseudonymKey() != null) return config.pseudonymKey().getBytes(StandardCharsets.UTF_8);
        Path file = config.dataDir().resolve("pseudonym.key");
        if (Files.isRegularFile(file)) {
            byte[] k = HexFormat.of().parseHex(Files.readString(file).trim());
            if (k.length >= 16) return k;
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Files.writeString(file, HexFormat.of().formatHex(k));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return k;
    }

    private static String consumerName() {
        return "omk-" + ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    private static <T> T await(Future<T> f, String what) throws StartException {
        try {
            return f.toCompletionStage().toCompletableFuture().get(STARTUP_STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StartException("could not " + what + ": " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StartException("could not " + what + " within " + STARTUP_STEP.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while trying to " + what);
        }
    }

    /**
     * The dialogs a worker may hand a conversation back to (every one but the crisis path), with their line:
     * the line an entry dialog opens, else the line whose folder the file is in (dialogs/helpdesk/...), else
     * "" for one every line shares (dialogs/shared/).
     */
    private static java.util.Map<String, String> handBackDialogs(DialogSet dialogs) {
        java.util.Set<String> lines = new java.util.HashSet<>(dialogs.lines());
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        dialogs.dialogs().forEach((id, d) -> {
            if (id.equals(dialogs.interrupts().crisisDialog())) return;
            String folder = d.source() == null ? "" : d.source().replace('\\', '/');
            folder = folder.contains("/") ? folder.substring(0, folder.indexOf('/')) : "";
            out.put(id, d.line() != null ? d.line() : lines.contains(folder) ? folder : "");
        });
        return out;
    }

    /** Undeploys a runner's host when it was deployed (waits for its running work); returns null. */
    private String undeploy(String deployment, String what) {
        if (deployment == null || vertx == null) return null;
        try {
            vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("stopping {}: {}", what, e.toString());
        }
        return null;
    }

    /** Stops everything started, in reverse order; safe to call more than once. */
    public synchronized void stop() {
        if (periodic != null && vertx != null) {
            try {
                vertx.undeploy(periodic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("stopping the periodic work: {}", e.toString());
            }
            periodic = null;
        }
        outboxHost = undeploy(outboxHost, "the outbox");
        // After the outbox, so no reply is cut off mid-send; in reverse order of their start.
        for (int i = channels.size() - 1; i >= 0; i--) {
            Channel c = channels.get(i);
            try {
                c.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("stopping {}: {}", c.name(), e.toString());
            }
        }
        channels = List.of();
        try {
            if (web != null) web.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // Finishes running batches and gives the partition leases back for other instances.
            inboundHost = undeploy(inboundHost, "the inbound workers");
            if (redis != null) redis.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("stopping: {}", e.toString());
        }
        web = null;
        inbound = null;
        redis = null;
        vertx = null;
        if (embeddedRedis != null) {
            embeddedRedis.stop();
            embeddedRedis = null;
        }
    }
}
