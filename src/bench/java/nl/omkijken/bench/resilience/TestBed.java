package nl.omkijken.bench.resilience;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything one scenario runs against, fresh for each: its own redis-server (new data folder), the
 * two fake providers, the packaged service configured for Twilio SMS and a Telegram webhook against
 * them (sandbox off), and the load generator. All on 127.0.0.1.
 */
final class TestBed implements AutoCloseable {
    static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    static final String AUTH_TOKEN = "suite-auth-token-0123456789";
    static final String OUR_NUMBER = "+3197010200300";
    static final String BOT_TOKEN = "123456:SuiteBotToken_abcdefghijklmnopqrstuv";
    static final String TELEGRAM_SECRET = "suite-webhook-secret-0123456789";

    final Options options;
    final Path dir;
    final RedisServer redis;
    final ProviderLog twilioLog = new ProviderLog();
    final ProviderLog telegramLog = new ProviderLog();
    final FakeTwilioApi twilio;
    final FakeTelegramApi telegram;
    final ServiceProcess service;
    final Webhooks hooks;
    final LoadGenerator load;
    final int servicePort;

    TestBed(Options options, Path root, String scenario, Vertx vertx, long seed) throws Exception {
        this.options = options;
        this.dir = Files.createDirectories(freshFolder(root, scenario));
        redis = new RedisServer(RedisServer.freePort(), dir.resolve("redis"), options.text("appendfsync"));
        redis.start();
        twilio = new FakeTwilioApi(vertx, ACCOUNT_SID, AUTH_TOKEN, twilioLog);
        telegram = new FakeTelegramApi(vertx, BOT_TOKEN, telegramLog);
        twilio.start().await(10, TimeUnit.SECONDS);
        telegram.start().await(10, TimeUnit.SECONDS);
        servicePort = RedisServer.freePort();
        String base = "http://127.0.0.1:" + servicePort;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", String.valueOf(servicePort));
        env.put("PUBLIC_BASE_URL", base);
        env.put("REDIS_URL", redis.url());
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("DIALOGS_DIR", Path.of(options.text("dialogs")).toAbsolutePath().toString());
        env.put("SANDBOX", "false");
        env.put("LOG_PSEUDONYM_KEY", "suite-pseudonym-key-0123456789");
        env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("TWILIO_NUMBERS_LUISTERLIJN", OUR_NUMBER);
        env.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        env.put("TELEGRAM_WEBHOOK_SECRET", TELEGRAM_SECRET);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
        env.put("TELEGRAM_MODE", "webhook");
        List<String> jvm = options.list("jvm");
        service = new ServiceProcess(Path.of(options.text("jar")), jvm, env, dir.resolve("service.log"), base);
        service.start(Duration.ofSeconds(120));
        hooks = new Webhooks(base, ACCOUNT_SID, new TwilioSigner(AUTH_TOKEN), OUR_NUMBER, TELEGRAM_SECRET);
        load = new LoadGenerator(vertx, hooks, new LoadGenerator.Settings(options.integer("rate"), options.integer("active"),
                options.integer("per-conversation"), options.decimal("telegram-share"), options.integer("give-up"),
                options.integer("webhook-timeout")), seed);
    }

    /** A folder of its own, never one of an earlier run: Redis must not start from an old append-only file. */
    private static Path freshFolder(Path root, String scenario) {
        Path p = root.resolve(scenario);
        for (int i = 2; Files.exists(p); i++) p = root.resolve(scenario + "-" + i);
        return p;
    }

    /** Both fake providers in this phase. */
    void phase(ProviderPhase p) {
        twilio.phase(p);
        telegram.phase(p);
    }

    @Override
    public void close() throws Exception {
        load.close().await(10, TimeUnit.SECONDS);
        service.stop();
        twilio.close().await(10, TimeUnit.SECONDS);
        telegram.close().await(10, TimeUnit.SECONDS);
        redis.stop();
    }
}
