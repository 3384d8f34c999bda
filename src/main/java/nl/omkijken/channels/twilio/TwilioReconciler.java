package nl.omkijken.channels.twilio;

import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.rest.api.v2010.account.message.Media;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.InboundQueue;
import nl.omkijken.runner.ReconcileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers inbound messages whose webhook never reached us. Twilio does not resend a webhook we did
 * not answer (nor one we answered with a 5xx), so every so often this lists, per number of ours, the
 * inbound messages Twilio has ({@code Message.reader()} with To and DateSent&gt;/&lt;, following
 * {@code next_page_uri}) and offers each to the durable inbound queue exactly as the webhook would.
 * The queue's dedupe on MessageSid makes a message the webhook did bring a DUPLICATE: no second turn.
 *
 * <p>A round:
 * <ol>
 *   <li>takes the job's lease (Redis {@code SET NX PX}); when another instance holds it, the round is
 *       skipped, so two instances never run one at the same time;</li>
 *   <li>per number, lists from its checkpoint up to now minus the grace period (younger messages are
 *       left to their webhook, which may still be on its way), but never further back than the inbound
 *       dedupe TTL minus a margin (an older message's dedupe key may have expired);</li>
 *   <li>reads every page (renewing the lease after each), then offers the messages oldest first, so a
 *       conversation's recovered messages run in the order they were sent;</li>
 *   <li>only when every page was read and every message offered, moves the number's checkpoint to the
 *       end of the window (only forward, only while the lease holds). Any failure (a 429 or 5xx from
 *       the list call, Redis) ends the round with the checkpoint where it was; the next round retries.</li>
 * </ol>
 * A number without a checkpoint (a new installation, or a Redis that lost its data, so also its dedupe
 * keys) starts at "now": its first round takes nothing, rather than answer old messages again.
 *
 * <p>Logs carry counts only: no numbers, no text, no SIDs.
 */
final class TwilioReconciler implements nl.omkijken.runner.Periodic {
    private static final Logger log = LoggerFactory.getLogger(TwilioReconciler.class);
    static final String JOB = "twilio";
    /** Twilio's own default page size. */
    static final int PAGE_SIZE = 50;
    /** Bounds one number's round: 20,000 messages in one window is far beyond a helpline's traffic. */
    static final int MAX_PAGES = 400;
    /** Renewed after every page; one page is one REST call, bounded by the read timeout. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final String SID = "[A-Za-z0-9]{2,64}";

    enum Outcome { DONE, SKIPPED, FAILED }

    /** What one round did: how many inbound messages it listed and how many of them were new to us. */
    record Round(Outcome outcome, int listed, int recovered) {}

    private final Vertx vertx;
    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final InboundQueue queue;
    private final ReconcileStore store;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();

    TwilioReconciler(Vertx vertx, TwilioSettings settings, TwilioRestClient client, InboundQueue queue,
                     ReconcileStore store, Clock clock, MeterRegistry metrics) {
        this.vertx = vertx;
        this.settings = settings;
        this.client = client;
        this.queue = queue;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "twilio reconciliation";
    }

    @Override
    public Duration every() {
        return settings.reconciliation().interval();
    }

    /** A round at once (it sets the checkpoints of numbers that have none); then every interval. */
    @Override
    public Future<Void> begin() {
        log.info("twilio reconciliation every {} s, grace {} s, look-back at most {} h",
                every().toSeconds(), settings.reconciliation().grace().toSeconds(),
                settings.reconciliation().maxLookBack().toHours());
        runRound();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> runOnce() {
        return runRound();
    }

    /** One round; never fails (a failure is the outcome FAILED). Skipped while one runs here or elsewhere. */
    Future<Round> runRound() {
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(counted(new Round(Outcome.SKIPPED, 0, 0)));
        }
        long started = System.nanoTime();
        String owner = UUID.randomUUID().toString();
        Counts counts = new Counts();
        Future<Round> round;
        try {
            round = store.acquire(JOB, owner, LEASE).compose(got -> {
                if (!got) return Future.succeededFuture(new Round(Outcome.SKIPPED, 0, 0));
                return allNumbers(owner, counts)
                        .<Round>map(v -> new Round(Outcome.DONE, counts.listed, counts.recovered))
                        // Give the lease back whatever happened; an unreleased one expires on its own.
                        .transform(ar -> store.release(JOB, owner).otherwiseEmpty()
                                .transform(v -> ar.succeeded() ? Future.succeededFuture(ar.result())
                                        : Future.failedFuture(ar.cause())));
            });
        } catch (RuntimeException e) {
            round = Future.failedFuture(e);
        }
        return round.otherwise(err -> {
            log.warn("twilio reconciliation round failed, checkpoints kept listed={} recovered={} error={}{}",
                    counts.listed, counts.recovered, err.getClass().getSimpleName(),
                    err instanceof ApiException a && a.getStatusCode() != null ? " status=" + a.getStatusCode() : "");
            return new Round(Outcome.FAILED, counts.listed, counts.recovered);
        }).map(r -> {
            running.set(false);
            if (r.outcome() == Outcome.DONE) {
                log.info("twilio reconciliation round done numbers={} listed={} recovered={} already_seen={} ms={}",
                        counts.numbers, r.listed(), r.recovered(), counts.duplicates,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return counted(r);
        });
    }

    private Round counted(Round r) {
        metrics.counter("omk_twilio_reconcile_rounds_total", "outcome", r.outcome().name().toLowerCase()).increment();
        return r;
    }

    private Future<Void> allNumbers(String owner, Counts counts) {
        Future<Void> chain = Future.succeededFuture();
        for (String number : settings.numbers()) {
            chain = chain.compose(v -> oneNumber(owner, number, counts));
        }
        return chain;
    }

    private Future<Void> oneNumber(String owner, String number, Counts counts) {
        return store.checkpoint(JOB, number).compose(checkpoint -> {
            counts.numbers++;
            Instant now = clock.instant();
            Instant upper = now.minus(settings.reconciliation().grace()).truncatedTo(ChronoUnit.SECONDS);
            if (checkpoint == null) {
                log.info("twilio reconciliation of a number starts now (no checkpoint yet)");
                return advance(owner, number, upper);
            }
            Instant oldest = now.minus(settings.reconciliation().maxLookBack()).truncatedTo(ChronoUnit.SECONDS);
            Instant lower = checkpoint.isAfter(oldest) ? checkpoint : oldest;
            if (!lower.isBefore(upper)) return Future.succeededFuture();
            MessageReader reader = Message.reader(settings.accountSid())
                    .setTo(number)
                    .setDateSentAfter(ZonedDateTime.ofInstant(lower, ZoneOffset.UTC))
                    .setDateSentBefore(ZonedDateTime.ofInstant(upper, ZoneOffset.UTC))
                    .setPageSize((long) PAGE_SIZE);
            List<Inbound> found = new ArrayList<>();
            return vertx.executeBlocking(() -> withMedia(reader.firstPage(client)), false)
                    .compose(first -> pages(owner, reader, first, 1, lower, upper, found))
                    .compose(v -> offerOldestFirst(found, counts))
                    .compose(v -> advance(owner, number, upper));
        });
    }

    /** One page of the list, with the attachment types of its inbound messages that have any (by SID). */
    private record Fetched(Page<Message> page, Map<String, List<String>> media) {}

    /**
     * Looks up the attachment types of the page's inbound messages that have attachments (the list
     * gives only their number): one Media list call each, on the same worker thread. The types are
     * for staff's information; when a lookup fails, the attachments still count, typed unknown.
     */
    private Fetched withMedia(Page<Message> page) {
        Map<String, List<String>> media = new HashMap<>();
        for (Message m : page.getRecords()) {
            if (m.getDirection() != Message.Direction.INBOUND || count(m.getNumMedia()) == 0 || m.getSid() == null
                    || !m.getSid().matches(SID)) continue;
            try {
                List<String> types = new ArrayList<>();
                for (Media item : Media.reader(settings.accountSid(), m.getSid()).read(client)) {
                    types.add(InboundMessageForm.contentType(item.getContentType()));
                }
                media.put(m.getSid(), types);
            } catch (RuntimeException e) {
                log.warn("twilio reconciliation could not list a message's attachments, counted untyped error={}",
                        e.getClass().getSimpleName());
            }
        }
        return new Fetched(page, media);
    }

    /** Collects this page's inbound messages, renews the lease, and goes on with the next page, if any. */
    private Future<Void> pages(String owner, MessageReader reader, Fetched fetched, int read, Instant lower,
                               Instant upper, List<Inbound> found) {
        Page<Message> page = fetched.page();
        for (Message m : page.getRecords()) {
            Inbound in = inbound(m, lower, upper, fetched.media().get(m.getSid()));
            if (in != null) found.add(in);
        }
        return store.renew(JOB, owner, LEASE).compose(held -> {
            if (!held) return Future.failedFuture(new LeaseLost());
            if (!page.hasNextPage()) return Future.succeededFuture();
            if (read >= MAX_PAGES) return Future.failedFuture(new TooManyPages());
            return vertx.executeBlocking(() -> withMedia(reader.nextPage(page, client)), false)
                    .compose(next -> pages(owner, reader, next, read + 1, lower, upper, found));
        });
    }

    /** Offers one after another, oldest first: a person's lost messages join their stream in order. */
    private Future<Void> offerOldestFirst(List<Inbound> found, Counts counts) {
        found.sort(Comparator.comparing(Inbound::receivedAt).thenComparing(Inbound::providerId));
        counts.listed += found.size();
        Future<Void> chain = Future.succeededFuture();
        for (Inbound in : found) {
            chain = chain.compose(v -> queue.offer(in).map(offer -> {
                if (offer == InboundQueue.Offer.ACCEPTED) {
                    counts.recovered++;
                    metrics.counter("omk_twilio_reconcile_recovered_total", "channel", in.channel()).increment();
                } else {
                    counts.duplicates++;
                }
                return null;
            }));
        }
        return chain;
    }

    private Future<Void> advance(String owner, String number, Instant to) {
        return store.advance(JOB, owner, number, to)
                .compose(held -> held ? Future.succeededFuture() : Future.failedFuture(new LeaseLost()));
    }

    /**
     * The {@link Inbound} the webhook would have made of this message, or null for what the webhook
     * would not take: not inbound, not a phone number (another channel), not one of our numbers, or
     * dated outside the window.
     */
    Inbound inbound(Message m, Instant lower, Instant upper) {
        return inbound(m, lower, upper, null);
    }

    /** @param mediaTypes the attachments' types from the Media list, or null when not known */
    Inbound inbound(Message m, Instant lower, Instant upper, List<String> mediaTypes) {
        if (m.getDirection() != Message.Direction.INBOUND || m.getSid() == null || !m.getSid().matches(SID)) return null;
        String from = m.getFrom() == null ? null : m.getFrom().toString();
        String to = m.getTo();
        if (!TwilioAddress.isNumber(from) || to == null) return null;
        String line = settings.lineOf(to);
        if (line == null) return null;
        TwilioAddress address;
        try {
            address = new TwilioAddress(from, to);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ZonedDateTime date = m.getDateSent() != null ? m.getDateSent() : m.getDateCreated();
        if (date == null) return null;
        Instant sent = date.toInstant();
        // Twilio filters by whole seconds; the window's end second is taken whole (the next round starts there too).
        if (sent.isBefore(lower) || !sent.isBefore(upper.plusSeconds(1))) return null;
        return Inbound.from(address.address(), line, null, m.getBody() == null ? "" : m.getBody(), m.getSid(), sent,
                media(m.getNumMedia(), mediaTypes));
    }

    /**
     * The attachments' types from the message's Media list; where that list is not known (its lookup
     * failed) each of the {@code num_media} attachments counts as application/octet-stream, as a
     * webhook's attachment without a type does. The dialogs answer a media-only message kindly either
     * way, and staff see that media arrived.
     */
    private static List<String> media(String numMedia, List<String> known) {
        int n = count(numMedia);
        List<String> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            types.add(known != null && i < known.size() ? known.get(i) : "application/octet-stream");
        }
        return types;
    }

    /** {@code num_media} as a number within the webhook's bounds; garbage counts as none. */
    private static int count(String numMedia) {
        int n;
        try {
            n = numMedia == null ? 0 : Integer.parseInt(numMedia.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        return Math.max(0, Math.min(n, InboundMessageForm.MAX_MEDIA));
    }

    /** Per round; touched on the event loop only (offers and renewals complete there). */
    private static final class Counts {
        int numbers;
        int listed;
        int recovered;
        int duplicates;
    }

    /** Another instance took the lease over (this one ran out of it): stop, write nothing. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("the reconciliation lease ran out", null, false, false);
        }
    }

    static final class TooManyPages extends RuntimeException {
        TooManyPages() {
            super("more than " + MAX_PAGES + " pages in one window", null, false, false);
        }
    }
}
