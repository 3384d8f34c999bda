package nl.omkijken.channels.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import nl.omkijken.channels.checkin.ContactCaller;
import nl.omkijken.circle.CallOutcomes;
import nl.omkijken.circle.CallPlacer;
import nl.omkijken.circle.Participant;
import nl.omkijken.people.Address;

/**
 * The phone simulator's side of the Telefooncirkel's outgoing calls, in place of Twilio's Calls API when no
 * provider places calls: a daily call or a call to a contact person "rings" in the browser, where the tester
 * answers it (the check-in begins, as Twilio's answer webhook would begin it) or lets it go unanswered, busy or
 * to an answering machine (reported as Twilio's status callback would: the ladder's next step). A call nobody
 * touches stops ringing after {@link #RING} (Twilio's timeout on the daily call) and counts as not answered, as on a real phone.
 *
 * <p>What rings, and the text messages the check-in sent, are kept here, in memory, like a ringing phone: a
 * restart hangs them up, and the daily call's own check ({@link nl.omkijken.circle.DailyCalls#CHECK}) goes on
 * with the ladder. The conversations themselves are the sandbox's, in Redis, under names made from the number
 * ({@link #textConversation}, {@link #callConversation}), so a contact person for two participants is one
 * person, as on SMS.
 */
public final class SandboxPhone implements CallPlacer, ContactCaller {
    /** How long a call rings before it counts as not answered (Twilio's timeout on the daily call). */
    static final Duration RING = Duration.ofSeconds(30);
    /** How many of the latest calls and messages the simulator shows. */
    static final int KEEP = 40;
    /** What a tester can make of a ringing call, in Twilio's words (a machine: answering-machine detection). */
    static final Set<String> MISSES = Set.of("no-answer", "busy", "failed", "machine");

    /** A call or message the service sent, as the simulator lists it. */
    public record Sent(String id, String kind, String participantId, String about, String role, String to, int attempt,
                       String conversation, Instant at, String state) {
        Sent with(String newState) {
            return new Sent(id, kind, participantId, about, role, to, attempt, conversation, at, newState);
        }
    }

    public static final String CALL = "call";
    public static final String TEXT = "text";
    public static final String RINGING = "ringing";
    public static final String ANSWERED = "answered";
    public static final String SENT = "sent";
    public static final String ENDED = "ended";

    private final Vertx vertx;
    private final Clock clock;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SandboxPhone.class);
    private final AtomicLong ids = new AtomicLong();
    /** When this phone started, in seconds: part of every id. */
    private final long epoch = java.time.Instant.now().getEpochSecond();
    /** The latest first; guarded by itself. */
    private final Deque<Sent> sent = new ArrayDeque<>();
    private final Duration ring;
    private volatile CallOutcomes outcomes;

    /** @param ring how long a call rings before it counts as not answered ({@link #RING}; shorter in tests) */
    SandboxPhone(Vertx vertx, Clock clock, Duration ring) {
        this.vertx = vertx;
        this.clock = clock;
        this.ring = ring;
    }

    Vertx vertx() {
        return vertx;
    }

    void callOutcomes(CallOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** A number's text conversation in the sandbox ("sms-31612345678"). */
    public static String textConversation(String phone) {
        return "sms-" + digits(phone);
    }

    /** A number's call conversation in the sandbox ("tel-31612345678"). */
    public static String callConversation(String phone) {
        return "tel-" + digits(phone);
    }

    static Address textAddress(String phone) {
        return SandboxRoutes.address(textConversation(phone));
    }

    static Address callAddress(String phone) {
        return SandboxRoutes.address(callConversation(phone));
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    @Override
    public Future<String> place(Participant p, int attempt) {
        return Future.succeededFuture(ring(new Sent(next("call"), CALL, p.id(), p.firstName(), null, p.firstName(), attempt,
                callConversation(p.phone()), clock.instant(), RINGING)));
    }

    @Override
    public Future<String> placeContact(Participant p, String role, String phone) {
        Participant.Person who = nl.omkijken.circle.ContactSteps.person(p, role);
        String name = who == null || who.name() == null || who.name().isBlank() ? "" : who.name().strip();
        return Future.succeededFuture(ring(new Sent(next("call"), CALL, p.id(), p.firstName(), role, name, 0, callConversation(phone),
                clock.instant(), RINGING)));
    }

    /** A text message the check-in sent (to the participant, or to their contact person: {@code role}). */
    void texted(Participant p, String role, String to, String phone) {
        add(new Sent(next("text"), TEXT, p.id(), p.firstName(), role, to, 0, textConversation(phone), clock.instant(), SENT));
    }

    private String ring(Sent call) {
        add(call);
        // Nobody picks up: as Twilio reports after the ring timeout.
        vertx.setTimer(ring.toMillis(), t -> {
            Sent missed = takeAs(call.id(), "no-answer");
            if (missed != null) report(missed, "no-answer").onFailure(e -> log.warn(
                    "sandbox call's no-answer not passed to the ladder participant={} error={}", call.participantId(),
                    e.getClass().getSimpleName()));
        });
        return call.id();
    }

    /** Unique also across restarts, so a page left open from before never acts on another call of the same number. */
    private String next(String kind) {
        return "sandbox-" + kind + "-" + epoch + "-" + ids.incrementAndGet();
    }

    /** The newest first; the oldest finished ones go beyond {@link #KEEP} (a call ringing or in progress stays). */
    private void add(Sent s) {
        synchronized (sent) {
            sent.addFirst(s);
            java.util.Iterator<Sent> oldestFirst = sent.descendingIterator();
            while (sent.size() > KEEP && oldestFirst.hasNext()) {
                Sent old = oldestFirst.next();
                if (!RINGING.equals(old.state()) && !ANSWERED.equals(old.state())) oldestFirst.remove();
            }
        }
    }

    /** The latest calls and messages, newest first. */
    public List<Sent> latest() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private Sent takeAs(String callId, String state) {
        synchronized (sent) {
            for (Sent s : sent) {
                if (s.id().equals(callId) && RINGING.equals(s.state())) {
                    mark(callId, state);
                    return s;
                }
            }
            return null;
        }
    }

    /** An answered call hung up: ended; null when it was not in progress. */
    Sent end(String callId) {
        synchronized (sent) {
            for (Sent s : sent) {
                if (s.id().equals(callId) && ANSWERED.equals(s.state())) {
                    mark(callId, ENDED);
                    return s;
                }
            }
            return null;
        }
    }

    /** The tester picked up: the call rings no more; null when it had stopped ringing. */
    Sent answer(String callId) {
        return takeAs(callId, ANSWERED);
    }

    /** The tester let it ring out, was busy, or a machine answered: as Twilio's status callback. */
    Future<Void> miss(String callId, String why) {
        Sent call = takeAs(callId, why);
        return call == null ? Future.failedFuture(new ApiError(409, "this call is not ringing (any more)")) : report(call, why);
    }

    /**
     * A call to a contact person tells the ladder nothing by itself (their answer does, or their silence at its next
     * step); a daily call not answered is the ladder's next step.
     */
    private Future<Void> report(Sent call, String why) {
        CallOutcomes o = outcomes;
        if (call.role() != null || o == null) return Future.succeededFuture();
        return o.notReached(call.participantId(), call.attempt(), why);
    }

    /** Re-entrant under the lock: the deque is replaced entry by entry, its order kept. */
    private void mark(String id, String state) {
        synchronized (sent) {
            List<Sent> all = new ArrayList<>(sent);
            all.replaceAll(s -> s.id().equals(id) ? s.with(state) : s);
            sent.clear();
            sent.addAll(all);
        }
    }

    /** The daily call was answered: the day is settled (as the voice webhook says when Twilio brings the call). */
    Future<Boolean> reached(Sent call) {
        CallOutcomes o = outcomes;
        return call.role() != null || o == null ? Future.succeededFuture(false) : o.reached(call.participantId());
    }

    /** A daily call answered and hung up before the check-in had its answer: not reached after all. */
    Future<Void> hungUp(Sent call) {
        CallOutcomes o = outcomes;
        return call.role() != null || o == null ? Future.succeededFuture() : o.notReached(call.participantId(), call.attempt(), "hung_up");
    }

    /** For tests: the ids of the calls ringing now, oldest first. */
    List<String> ringing() {
        List<String> out = new ArrayList<>();
        for (Sent s : latest()) if (CALL.equals(s.kind()) && RINGING.equals(s.state())) out.add(0, s.id());
        return out;
    }

    static Map<String, Object> json(Sent s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind());
        m.put("to", s.to());
        m.put("role", s.role());
        m.put("participant", s.about());
        m.put("attempt", s.attempt());
        m.put("conversationId", s.conversation());
        m.put("at", s.at().toString());
        m.put("state", s.state());
        return m;
    }
}
