package nl.omkijken.bench.resilience;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Bounded load that behaves like the providers: many conversations (distinct numbers and chats), each
 * sending its messages one after another (the next only once the previous got its 200 or was given
 * up), at about {@code rate} new messages a second over all. Every webhook that gets no 200 (an error
 * status, a refused or reset connection while the service is down, a timeout) is sent again later
 * with the same MessageSid or update_id, after 1, 2, 4, 8, 8, ... seconds, until a 200 or until
 * {@code giveUp} after its first attempt. Every message text is unique, so the accounting can find
 * each one in the transcripts.
 */
final class LoadGenerator {
    /** How much load: new messages a second, conversations at once, messages each, Telegram's share, give-up and timeout. */
    record Settings(int rate, int active, int perConversation, double telegramShare, int giveUpSeconds, int timeoutSeconds) {}

    private record Next(long dueNanos, Conversation conversation, Conversation.Message resend) {}

    private final Vertx vertx;
    private final Webhooks hooks;
    private final Settings settings;
    private final Random random;
    private final HttpClient http;
    private final URI base;
    private final PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()));
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<Long> ackLatencyNanos = new ArrayList<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private long timer = -1;
    private long lastTick;
    private double tokens;
    private int activeNow;
    private int inFlight;
    private long updateIds = 100_000;
    private long sids;
    private boolean stopping;

    LoadGenerator(Vertx vertx, Webhooks hooks, Settings settings, long seed) {
        this.vertx = vertx;
        this.hooks = hooks;
        this.settings = settings;
        this.random = new Random(seed);
        this.base = URI.create(hooks.base);
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(10)
                .setConnectTimeout(2000), new PoolOptions().setHttp1MaxSize(64));
    }

    synchronized void start() {
        lastTick = System.nanoTime();
        timer = vertx.setPeriodic(10, id -> tick());
    }

    /** No new messages from now on; messages already sent are still resent until a 200 or the give-up. */
    synchronized void stop() {
        stopping = true;
    }

    /** Waits (bounded) until no message is waiting for its 200; false when the time ran out. */
    boolean awaitSettled(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (stopping && inFlight == 0 && queue.stream().noneMatch(n -> n.resend() != null)) {
                    vertx.cancelTimer(timer);
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    Future<Void> close() {
        synchronized (this) {
            if (timer >= 0) vertx.cancelTimer(timer);
        }
        return http.close();
    }

    synchronized List<Conversation> conversations() { return List.copyOf(conversations); }

    synchronized long[] ackLatencies() { return ackLatencyNanos.stream().mapToLong(Long::longValue).sorted().toArray(); }

    /** Answers to every attempt, by HTTP status ("0": no answer). */
    synchronized Map<String, Integer> answers() { return new TreeMap<>(answers); }

    private synchronized void tick() {
        long now = System.nanoTime();
        tokens = Math.min(tokens + settings.rate() * (now - lastTick) / 1e9, Math.max(1, settings.rate() / 10.0));
        lastTick = now;
        while (!stopping && activeNow < settings.active()) {
            Conversation c = newConversation();
            queue.add(new Next(now + (long) (random.nextDouble() * 1e9), c, null));
        }
        while (!queue.isEmpty() && queue.peek().dueNanos() <= now) {
            Next n = queue.peek();
            if (n.resend() == null && !stopping && tokens < 1) break;
            queue.poll();
            if (n.resend() != null) {
                send(n.resend());
            } else if (stopping) {
                activeNow--;
            } else {
                tokens -= 1;
                send(nextMessage(n.conversation()));
            }
        }
    }

    private Conversation newConversation() {
        int i = conversations.size() + 1;
        boolean telegram = random.nextDouble() < settings.telegramShare();
        Conversation c = telegram
                ? new Conversation(Conversation.Channel.TELEGRAM, String.valueOf(500_000_000L + i), i, settings.perConversation())
                : new Conversation(Conversation.Channel.SMS, "+3161" + String.format("%07d", i), i, settings.perConversation());
        conversations.add(c);
        activeNow++;
        return c;
    }

    private Conversation.Message nextMessage(Conversation c) {
        int seq = c.messages.size() + 1;
        String text = "bericht " + seq + " van gesprek " + c.index + " code " + Integer.toString(random.nextInt(36 * 36 * 36), 36);
        String id = c.channel == Conversation.Channel.SMS ? Webhooks.messageSid(++sids) : String.valueOf(++updateIds);
        Conversation.Message m = new Conversation.Message(c, seq, text, id);
        c.messages.add(m);
        m.firstNanos = System.nanoTime();
        return m;
    }

    private void send(Conversation.Message m) {
        m.attempts++;
        inFlight++;
        long started = System.nanoTime();
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                .setConnectTimeout(2000).setIdleTimeout(settings.timeoutSeconds() * 1000L);
        String body;
        if (m.conversation.channel == Conversation.Channel.SMS) {
            Map<String, String> form = hooks.twilioForm(m.conversation.address, m.text, m.providerId);
            ro.setURI(Webhooks.TWILIO_PATH).putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .putHeader("X-Twilio-Signature", hooks.twilioSignature(Webhooks.TWILIO_PATH, form));
            body = TwilioSigner.encode(form);
        } else {
            ro.setURI(Webhooks.TELEGRAM_PATH).putHeader("Content-Type", "application/json")
                    .putHeader(Webhooks.TELEGRAM_SECRET_HEADER, hooks.telegramSecret);
            body = Webhooks.telegramUpdate(Long.parseLong(m.providerId), Long.parseLong(m.conversation.address), m.text);
        }
        http.request(ro).compose(req -> req.send(Buffer.buffer(body)))
                .compose(r -> r.body().map(b -> r.statusCode()))
                .onComplete(ar -> answered(m, ar.succeeded() ? ar.result() : 0, System.nanoTime() - started));
    }

    private synchronized void answered(Conversation.Message m, int status, long tookNanos) {
        inFlight--;
        m.answers.add(status);
        answers.merge(String.valueOf(status), 1, Integer::sum);
        long now = System.nanoTime();
        if (status == 200) {
            m.acknowledged = true;
            ackLatencyNanos.add(tookNanos);
        } else if (now - m.firstNanos < TimeUnit.SECONDS.toNanos(settings.giveUpSeconds())) {
            long delayMs = Math.min(8000L, 1000L << Math.min(3, m.attempts - 1)) + random.nextInt(250);
            queue.add(new Next(now + TimeUnit.MILLISECONDS.toNanos(delayMs), m.conversation, m));
            return;
        } else {
            m.gaveUp = true;
        }
        Conversation c = m.conversation;
        if (!stopping && c.messages.size() < c.planned) {
            queue.add(new Next(now + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(1200)), c, null));
        } else {
            activeNow--;
        }
    }
}
