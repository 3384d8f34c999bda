package nl.omkijken.channels.twilio;

import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.omkijken.runner.DeliveryStatusStore;
import nl.omkijken.runner.Outbound;

/**
 * Finds out whether Twilio already took a reply that an instance claimed and may have sent just before
 * it died, so the instance that takes it over does not text the person twice.
 *
 * <p>Two records can tell, asked in this order:
 * <ol>
 *   <li>the <b>status callbacks</b>: every send names our outbound id in its callback URL, and Twilio
 *       calls back within seconds for a message it accepted ({@link DeliveryStatusStore#deliveriesOf});
 *       the takeover comes only after the outbox's idle time (30 s);</li>
 *   <li>Twilio's <b>message list</b>: our messages from our number to that person sent since shortly
 *       before the reply was committed, compared by text, part by part for a split reply (in case the
 *       callback was lost: the dying instance's callbacks went to it). A message whose callback named
 *       another reply of ours is not taken for this one.</li>
 * </ol>
 * The answer is how many of the reply's parts Twilio has, from the first; a failed look-up answers
 * zero: when in doubt the reply is sent again (a duplicate is better than a lost reply).
 *
 * <p>What it cannot tell: a message Twilio accepted but has not yet sent (no send date yet) when the
 * list is read more than the idle time later; the same text sent to the same person for another reply
 * of ours since this one was committed, whose callback never came. Both are rare; both end in at most
 * one duplicate, never a loss.
 */
final class TwilioDeliveryCheck {
    /** Room for the clocks of this host and Twilio's to differ. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 4;

    /** What Twilio has of a reply: the first {@code parts} parts, with their SIDs. */
    record Found(int parts, List<String> sids) {
        static final Found NOTHING = new Found(0, List.of());
    }

    private final Vertx vertx;
    private final TwilioSettings settings;
    private final TwilioRestClient client;
    private final DeliveryStatusStore deliveries;

    private final java.time.Clock clock;

    TwilioDeliveryCheck(Vertx vertx, TwilioSettings settings, TwilioRestClient client, DeliveryStatusStore deliveries,
                        java.time.Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings;
        this.client = client;
        this.deliveries = deliveries;
    }

    /** How many of {@code parts} (the reply as it is sent) Twilio already has, from the first. */
    Future<Found> find(Outbound m, TwilioAddress address, List<String> parts) {
        return deliveries.deliveriesOf(m.id()).compose(sids -> {
            if (sids.size() >= parts.size()) return Future.succeededFuture(new Found(parts.size(), List.copyOf(sids)));
            Instant since = (m.createdAt() == null ? clock.instant().minus(Duration.ofDays(1)) : m.createdAt())
                    .minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
            return vertx.executeBlocking(() -> listed(address, since), false)
                    .compose(listed -> otherRepliesOf(listed, m.id()).map(others -> match(listed, others, parts, sids)));
        });
    }

    /** Our messages to the person since {@code since}, oldest first (the list is newest first). */
    private List<Message> listed(TwilioAddress address, Instant since) {
        MessageReader reader = Message.reader(settings.accountSid())
                .setTo(new PhoneNumber(address.theirs()))
                .setFrom(new PhoneNumber(address.ours()))
                .setDateSentAfter(ZonedDateTime.ofInstant(since, ZoneOffset.UTC))
                .setPageSize((long) PAGE_SIZE);
        List<Message> all = new ArrayList<>();
        Page<Message> page = reader.firstPage(client);
        for (int i = 0; page != null && i < MAX_PAGES; i++) {
            all.addAll(page.getRecords());
            page = page.hasNextPage() ? reader.nextPage(page, client) : null;
        }
        java.util.Collections.reverse(all);
        return all;
    }

    /**
     * The SIDs among {@code listed} known to belong to another reply of ours: recorded when that reply's
     * send completed, or named by its status callback. The dialogs repeat texts (a menu, a thank-you),
     * so an earlier reply with the same text must never be taken for this one (a test run lost 52
     * replies that way). A look-up that fails counts the message as another's: in doubt, send again.
     */
    private Future<Set<String>> otherRepliesOf(List<Message> listed, String outboundId) {
        List<Message> ours = listed.stream().filter(m -> m.getSid() != null).toList();
        List<Future<String>> lookups = new ArrayList<>();
        for (Message msg : ours) lookups.add(deliveries.outboundOf(msg.getSid()));
        return Future.join(lookups).transform(done -> {
            Set<String> others = new HashSet<>();
            for (int i = 0; i < ours.size(); i++) {
                Future<String> f = lookups.get(i);
                if (f.failed() || (f.result() != null && !f.result().equals(outboundId))) others.add(ours.get(i).getSid());
            }
            return Future.succeededFuture(others);
        });
    }

    private static Found match(List<Message> listed, Set<String> others, List<String> parts, Set<String> confirmed) {
        List<String> sids = new ArrayList<>();
        int next = 0;
        for (Message msg : listed) {
            if (next >= parts.size()) break;
            if (msg.getDirection() == Message.Direction.INBOUND || others.contains(msg.getSid())) continue;
            if (parts.get(next).equals(msg.getBody())) {
                sids.add(msg.getSid());
                next++;
            }
        }
        // The callbacks prove at least that many parts even when the list does not show them (yet).
        if (confirmed.size() > next) return new Found(confirmed.size(), List.copyOf(confirmed));
        return next == 0 ? Found.NOTHING : new Found(next, sids);
    }
}
