package nl.omkijken.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.omkijken.engine.Contact;
import nl.omkijken.engine.Session;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.people.Address;
import nl.omkijken.people.People;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.Inbound;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.TimerChange;

/**
 * Key layout 2 to 3: conversations get opaque ids and people, and no key name, set member or stream
 * entry names a phone number or chat id any more.
 *
 * <p>Layout 2 used "channel:handle" ("sms:+31612345678") as the conversation id, so the number was in
 * key names, queue members, timer ids and every stream entry, and each reply in the outbox carried the
 * address. The upgrade, for every conversation: makes its person and address index entry (as a first
 * message would: {@link RedisPeople}), moves its keys to the new id with their time to live, and writes
 * the meta with the address's key; then makes its timers follow-up jobs (kind turn) of the new id, moves queued messages to the
 * partition of their address (in their order), rewrites replies in the outbox and dead letters without
 * the address (the order lists follow), and drops the event stream (an hour of history, read live only).
 *
 * <p>Every step is atomic per conversation or entry and finds what an interrupted run left, so running it
 * again after a crash finishes the job. It runs before any worker starts; every instance of a service must
 * run this release before any of them takes traffic (layout 2 instances would write old ids again).
 *
 * <p>Blocking: it is run on a worker thread, once, at start.
 */
final class LayoutThreeUpgrade {
    private static final LuaScript CONVERSATION = LuaScript.load("migrate_conversation");
    private static final LuaScript TIMER = LuaScript.load("migrate_timer");
    private static final LuaScript ENTRY = LuaScript.load("migrate_stream_entry");
    private static final long STEP_SECONDS = 30;

    /**
     * What the upgrade did, for the start-up log: conversations moved to their new ids, timers renamed,
     * queued messages, outbox replies and dead letters rewritten, and leftovers dropped.
     */
    public record Counts(int conversations, int timers, int inbound, int outbox, int deadLetters, int dropped,
                         int unreadable) {}

    private final RedisConnection redis;
    private final RedisPeople people;
    private final InboundPartitions partitions;
    /** Old conversation id -> where it lives now. */
    private final Map<String, People.Known> moved = new HashMap<>();
    /** Person id -> the longest time to live of their moved conversations, in millis. */
    private final Map<String, Long> personLives = new HashMap<>();
    /** Person id -> the address keys of their moved conversations. */
    private final Map<String, List<String>> addressesOf = new HashMap<>();
    private int conversations;
    private int timers;
    private int inbound;
    private int outbox;
    private int deadLetters;
    private int dropped;
    private int unreadable;

    LayoutThreeUpgrade(RedisConnection redis, RedisPeople people, InboundPartitions partitions) {
        this.redis = redis;
        this.people = people;
        this.partitions = partitions;
    }

    Counts run() {
        moveConversations();
        personLifetimes();
        timers();
        for (String stream : inboundStreams()) inboundStream(stream);
        outbox();
        deadLetters();
        // An hour of live events with old ids in them: followers start afresh from new entries.
        get(commands().del(RedisKeys.EVENTS));
        queueLeftovers();
        return new Counts(conversations, timers, inbound, outbox, deadLetters, dropped, unreadable);
    }

    /** The first step alone; a test uses it to stand for a run that died after it. */
    void moveConversations() {
        for (String old : oldConversationIds()) {
            try {
                conversation(old);
            } catch (StoredDataException e) {
                // One unreadable conversation must not keep the service from starting; it stays under its
                // old keys (which expire with retention) and is counted in the start-up log.
                unreadable++;
            }
        }
    }

    private RedisAsyncCommands<String, String> commands() {
        return redis.commands();
    }

    /** The ids of layout 2: "channel:handle". Opaque ids have no ':'. */
    static boolean isOld(String conversationId) {
        return conversationId != null && conversationId.indexOf(':') > 0;
    }

    private List<String> oldConversationIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : scan(RedisKeys.CONVERSATION_KEY_PREFIX + "*")) {
            int end = key.lastIndexOf("}:");
            if (end < 0) continue;
            String id = key.substring(RedisKeys.CONVERSATION_KEY_PREFIX.length(), end);
            if (isOld(id)) ids.add(id);
        }
        return List.copyOf(ids);
    }

    private void conversation(String old) {
        Map<String, String> meta = get(commands().hgetall(RedisKeys.meta(old)));
        String sessionJson = get(commands().get(RedisKeys.session(old)));
        if (sessionJson == null) {
            // Keys without a session: a conversation that was never written whole, or whose session expired
            // first. Nothing to continue; what is left of it goes.
            get(commands().del(RedisKeys.meta(old), RedisKeys.lock(old), RedisKeys.contact(old), RedisKeys.transcript(old),
                    RedisKeys.handoff(old), RedisKeys.outboxOrder(old)));
            dropped++;
            return;
        }
        int colon = old.indexOf(':');
        String channel = meta.getOrDefault("channel", old.substring(0, colon));
        People.Known known = known(old, new Address(channel, old.substring(colon + 1), meta.get("address")));
        String id = known.conversationId();
        Session s = SessionCodec.decode(sessionJson);
        Session renamed = new Session(id, s.line(), s.language(), s.dialog(), s.step(), s.ownership(), s.ended(),
                s.slots(), s.retries(), s.waitToken(), s.handoffDialog(), s.handoffStep(), s.outcome(), s.turns(),
                s.createdAt(), s.updatedAt());
        String contactJson = get(commands().get(RedisKeys.contact(old)));
        String contact = "";
        if (contactJson != null) {
            Contact c = ContactCodec.decode(contactJson);
            contact = ContactCodec.encode(new Contact(id, c.fields(), c.optedOut()));
        }
        String handoffJson = get(commands().get(RedisKeys.handoff(old)));
        String handoff = "";
        String queueKey = RedisKeys.meta(old);
        if (handoffJson != null) {
            Handoff h = HandoffCodec.decode(handoffJson);
            handoff = HandoffCodec.encode(new Handoff(id, h.queue(), h.kind(), h.urgentSince(), h.reason(), h.state(),
                    h.requestedAt(), h.owner(), h.changedAt()));
            queueKey = RedisKeys.queue(h.queue());
        }
        String[] keys = {RedisKeys.session(old), RedisKeys.contact(old), RedisKeys.transcript(old), RedisKeys.meta(old),
                RedisKeys.handoff(old), RedisKeys.outboxOrder(old), RedisKeys.session(id), RedisKeys.contact(id),
                RedisKeys.transcript(id), RedisKeys.meta(id), RedisKeys.handoff(id), RedisKeys.outboxOrder(id),
                RedisKeys.lock(old), queueKey};
        long left = get(commands().pttl(RedisKeys.session(old)));
        get(CONVERSATION.run(commands(), ScriptOutputType.INTEGER, keys, SessionCodec.encode(renamed), contact, handoff,
                channel, known.addressKey(), old, id, handoffJson != null ? "1" : "0"));
        conversations++;
        // The person (made now, with a whole retention time) lives no longer than their conversations.
        if (left > 0) personLives.merge(known.personId(), left, Math::max);
        addressesOf.computeIfAbsent(known.personId(), p -> new ArrayList<>()).add(known.addressKey());
    }

    /** Gives each moved person, their index entries and phone link the time their longest conversation has. */
    private void personLifetimes() {
        for (Map.Entry<String, Long> e : personLives.entrySet()) {
            String person = RedisKeys.person(e.getKey());
            get(commands().pexpire(person, e.getValue()));
            for (String key : addressesOf.getOrDefault(e.getKey(), List.of())) {
                get(commands().pexpire(RedisKeys.address(key), e.getValue()));
            }
            String hint = get(commands().hget(person, "hint"));
            if (hint != null) get(commands().pexpire(hint, e.getValue()));
        }
    }

    /** Where an old conversation lives now, making its person the first time (once per old id). */
    private People.Known known(String old, Address address) {
        People.Known known = moved.get(old);
        if (known == null) {
            known = get(people.resolve(address).toCompletionStage());
            moved.put(old, known);
        }
        return known;
    }

    /**
     * Where a conversation moved in this run, or in an earlier run that died before it finished (then the
     * index knows it); null when it is gone.
     */
    private People.Known movedTo(String old) {
        People.Known known = moved.get(old);
        if (known != null || !isOld(old)) return known;
        int colon = old.indexOf(':');
        known = get(people.find(Address.of(old.substring(0, colon), old.substring(colon + 1))).toCompletionStage());
        if (known != null) moved.put(old, known);
        return known;
    }

    /** An old id of a conversation not seen among the keys (a queued first message): its address. */
    private People.Known knownFor(String old, String channel, String replyTo) {
        int colon = old.indexOf(':');
        return known(old, new Address(channel != null ? channel : old.substring(0, colon), old.substring(colon + 1),
                replyTo));
    }

    /** Layout 2's conversation timers become follow-up jobs (kind turn) of the conversations' new ids. */
    private void timers() {
        Map<String, String> all = get(commands().hgetall(RedisKeys.LAYOUT2_TIMERS_DATA));
        // Also timers due or claimed without data (half-written): they are dropped with the rest.
        for (String id : get(commands().zrange(RedisKeys.LAYOUT2_TIMERS_DUE, 0, -1))) all.putIfAbsent(id, null);
        for (String id : get(commands().zrange(RedisKeys.LAYOUT2_TIMERS_CLAIMED, 0, -1))) all.putIfAbsent(id, null);
        String[] keys = {RedisKeys.LAYOUT2_TIMERS_DUE, RedisKeys.LAYOUT2_TIMERS_CLAIMED, RedisKeys.LAYOUT2_TIMERS_DATA,
                RedisKeys.JOBS_DUE, RedisKeys.JOBS_DATA, RedisKeys.JOBS_FENCE, RedisKeys.JOBS_FENCE_SEQ};
        for (Map.Entry<String, String> e : all.entrySet()) {
            String oldId = e.getKey();
            int bar = oldId.lastIndexOf('|');
            String conv = bar < 0 ? null : oldId.substring(0, bar);
            People.Known known = conv == null ? null : movedTo(conv);
            String newId = "";
            String json = "";
            if (known != null && e.getValue() != null) {
                DueTimer t = TimerCodec.decode(e.getValue());
                TimerChange change = new TimerChange(known.conversationId(), t.timer(), t.dueAt(), t.target(), t.token());
                newId = TimerChange.idOf(known.conversationId(), t.timer());
                json = TimerCodec.encode(change);
            }
            Long kept = get(TIMER.run(commands(), ScriptOutputType.INTEGER, keys, oldId, newId, json,
                    Long.toString(people.clock().millis())));
            if (kept == 1L) timers++;
            else dropped++;
        }
    }

    private List<String> inboundStreams() {
        List<String> streams = new ArrayList<>();
        for (String key : scan(RedisKeys.INBOUND + ":*")) {
            if (key.substring(RedisKeys.INBOUND.length() + 1).matches("\\d+")) streams.add(key);
        }
        streams.sort(null);
        return streams;
    }

    /** Each message of layout 2 goes, in its order, to the partition of its address, with its conversation. */
    private void inboundStream(String stream) {
        for (StreamMessage<String, String> m : get(commands().xrange(stream, Range.create("-", "+")))) {
            Map<String, String> body = m.getBody();
            if (body.containsKey("conv")) continue;
            String json = body.get(RedisKeys.INBOUND_FIELD);
            Inbound old;
            try {
                old = InboundCodec.decode(json);
            } catch (StoredDataException e) {
                // Unreadable either way; the worker would dead-letter it. Its raw text may hold an address.
                moveEntry(stream, stream, m.getId(), RedisKeys.INBOUND_GROUP, null, List.of());
                dropped++;
                continue;
            }
            People.Known known = knownFor(old.conversationId(), old.channel(), old.address());
            Inbound renamed = new Inbound(null, old.channel(), known.addressKey(), old.line(), old.language(),
                    old.text(), old.providerId(), old.receivedAt(), old.media());
            String target = RedisKeys.inbound(partitions.of(known.addressKey()));
            moveEntry(stream, target, m.getId(), RedisKeys.INBOUND_GROUP, null,
                    List.of(RedisKeys.INBOUND_FIELD, InboundCodec.encode(renamed), "conv", known.conversationId()));
            inbound++;
        }
    }

    /** Replies wait in the outbox by conversation id and the address's key; their order list follows. */
    private void outbox() {
        // Entries a sender had claimed when the old release stopped: it may have sent them. Their copies are
        // marked, so the outbox asks the provider before sending (as for any reply taken over).
        java.util.Set<String> inFlight = new java.util.HashSet<>();
        try {
            for (io.lettuce.core.models.stream.PendingMessage p : get(commands().xpending(RedisKeys.OUTBOX,
                    RedisKeys.OUTBOX_GROUP, Range.create("-", "+"), io.lettuce.core.Limit.from(1_000_000)))) {
                inFlight.add(p.getId());
            }
        } catch (RuntimeException noGroup) {
            // No consumer group yet: nothing was ever claimed.
        }
        for (StreamMessage<String, String> m : get(commands().xrange(RedisKeys.OUTBOX, Range.create("-", "+")))) {
            Map<String, String> body = m.getBody();
            String conv = body.get("conv");
            if (conv != null && !isOld(conv)) continue;
            Outbound o;
            try {
                o = OutboundCodec.decode(body.get(RedisKeys.OUTBOX_FIELD));
            } catch (StoredDataException e) {
                moveEntry(RedisKeys.OUTBOX, RedisKeys.OUTBOX, m.getId(), RedisKeys.OUTBOX_GROUP, null, List.of());
                dropped++;
                continue;
            }
            if (!isOld(o.conversationId())) continue;
            People.Known known = movedTo(o.conversationId());
            if (known == null || get(commands().exists(RedisKeys.outboxStatus(o.id()))) > 0) {
                // Its conversation is gone (past retention), or its outcome was recorded (a sender finished
                // it but could not take it off the stream): nothing to send.
                moveEntry(RedisKeys.OUTBOX, RedisKeys.OUTBOX, m.getId(), RedisKeys.OUTBOX_GROUP, null, List.of());
                dropped++;
                continue;
            }
            Outbound renamed = new Outbound(o.id(), known.conversationId(), o.channel(), known.addressKey(), o.text(),
                    o.buttons(), o.createdAt(), o.templateFor());
            List<String> fields = new ArrayList<>(List.of(RedisKeys.OUTBOX_FIELD, OutboundCodec.encode(renamed), "conv",
                    known.conversationId(), "to", known.addressKey()));
            if (inFlight.contains(m.getId())) fields.addAll(List.of("check", "1"));
            moveEntry(RedisKeys.OUTBOX, RedisKeys.OUTBOX, m.getId(), RedisKeys.OUTBOX_GROUP,
                    RedisKeys.outboxOrder(known.conversationId()), fields);
            outbox++;
        }
    }

    /**
     * Dead letters keep their message for staff, by conversation id and address key (of a conversation
     * that is gone: no address at all; no person is made for it). They are written to a new stream with
     * their old entry ids, which then replaces the old one: the ids are their times, and the sweep trims
     * them by id, so they still go when their retention time is up.
     */
    private void deadLetters() {
        List<StreamMessage<String, String>> all = get(commands().xrange(RedisKeys.INBOUND_DEAD, Range.create("-", "+")));
        if (all.stream().allMatch(m -> m.getBody().containsKey("conv"))) return;
        String rebuilt = RedisKeys.INBOUND_DEAD + ":upgrading";
        get(commands().del(rebuilt));
        for (StreamMessage<String, String> m : all) {
            Map<String, String> body = new LinkedHashMap<>(m.getBody());
            if (!body.containsKey("conv")) {
                try {
                    Inbound old = InboundCodec.decode(body.get(RedisKeys.INBOUND_FIELD));
                    People.Known known = isOld(old.conversationId()) ? movedTo(old.conversationId()) : null;
                    body.put(RedisKeys.INBOUND_FIELD, InboundCodec.encode(new Inbound(null, old.channel(),
                            known == null ? null : known.addressKey(), old.line(), old.language(), old.text(),
                            old.providerId(), old.receivedAt(), old.media())));
                    body.put("conv", known == null ? "" : known.conversationId());
                } catch (StoredDataException e) {
                    body.remove(RedisKeys.INBOUND_FIELD);
                    body.put("unreadable", e.getMessage());
                    body.put("conv", "");
                }
                deadLetters++;
            }
            get(commands().xadd(rebuilt, new io.lettuce.core.XAddArgs().id(m.getId()), body));
        }
        get(commands().rename(rebuilt, RedisKeys.INBOUND_DEAD));
    }

    /** Queue members that still have an old id (no handoff record moved them): they leave the queue. */
    private void queueLeftovers() {
        for (String queue : scan(RedisKeys.QUEUE_PREFIX + "*")) {
            for (String member : get(commands().zrange(queue, 0, -1))) {
                if (isOld(member)) {
                    get(commands().zrem(queue, member));
                    dropped++;
                }
            }
        }
    }

    private void moveEntry(String from, String to, String id, String group, String orderList, List<String> fields) {
        String[] keys = {from, to, orderList != null ? orderList : from};
        List<String> args = new ArrayList<>(List.of(id, group, orderList != null ? "1" : "0"));
        args.addAll(fields);
        get(ENTRY.run(commands(), ScriptOutputType.VALUE, keys, args.toArray(new String[0])));
    }

    private List<String> scan(String pattern) {
        List<String> found = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = get(commands().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500)));
            found.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    private static <T> T get(CompletionStage<T> reply) {
        try {
            return reply.toCompletableFuture().get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + STEP_SECONDS + " s during the upgrade");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the upgrade", e);
        }
    }
}
