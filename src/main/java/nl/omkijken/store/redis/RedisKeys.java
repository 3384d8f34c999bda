package nl.omkijken.store.redis;

/**
 * Every Redis key name the service uses, in one place.
 *
 * <p>All keys start with {@code omk:}. The keys of one conversation carry the conversation id as a
 * hash tag ({@code {...}}) so that, in a Redis Cluster, they would all live in one slot. The global
 * keys (timers, outbox, queues) are shared by all conversations.
 *
 * <p>Layout:
 * <pre>
 * omk:conv:{ID}:session      string  session JSON                      (TTL: retention)
 * omk:conv:{ID}:contact      string  contact JSON                      (TTL: retention)
 * omk:conv:{ID}:transcript   list    transcript entry JSON, oldest first (TTL: retention)
 * omk:conv:{ID}:meta         hash    channel, address (the address KEY, see omk:addr) (TTL: retention)
 * omk:conv:{ID}:lock         string  lock token                        (TTL: lease)
 * omk:conv:{ID}:handoff      string  handoff JSON: the conversation's request for a human (TTL: retention)
 * omk:conv:{ID}:outbox       list    outbox stream entry ids of the conversation's unsent replies, in
 *                                    commit order: a reply is sent only when it is first (TTL: 7 days)
 * omk:person:{ID}           hash    a person: created; a:KEY -> where replies to that address go (the only
 *                                    stored copy of a phone number or chat id); c:CONV -> KEY of the
 *                                    conversation's address; hint -> the person-hint index key; m:NAME ->
 *                                    what is kept on the person (RedisPersonMemory: language, absent_until)
 *                                    (TTL: retention, renewed by the person's first message of a day)
 * omk:addr:KEY               hash    the address index: person, conv, day (of the last renewal). KEY = HMAC of "channel:handle"
 *                                    (AddressKeys); a person hint ("phone:+31...") has only person
 *                                    (TTL: retention, renewed by the first message of a day from the address)
 * omk:address-key:fingerprint string what the address secret's fingerprint was when the data was written
 * omk:address-key:secret     string the address secret, only when none is configured (ADDRESS_KEY)
 * omk:jobs:due               zset    job id (KIND:KEY), score = due epoch millis (jobs not claimed now)
 * omk:jobs:leased            zset    job id, score = lease expiry epoch millis (claimed jobs)
 * omk:jobs:data              hash    job id -> job JSON (kind, key, dueAt, payload; a follow-up: its timer)
 * omk:jobs:fence             hash    job id -> fence: raised by every claim and schedule; only the latest
 *                                    claim completes or drops a job (all four: until the job is done;
 *                                    a job whose subject is gone is dropped by its handler)
 * omk:jobs:fence-seq         string  the counter fences come from (never handed out twice)
 * omk:tasks                  stream  id, kind, payload: effects beyond one conversation, written with the
 *                                    state that caused them; consumer group "workers"; capped
 * omk:tasks:dead             stream  tasks no handler could carry out (capped; trimmed after retention)
 * omk:events                 stream  type (turn), conversation, line, ownership, handoff, queue; capped at
 *                                    about 10,000 entries, trimmed after an hour
 * omk:layout                 string  version of this key layout (RedisLayout upgrades older data at start)
 * omk:layout:upgrading       string  lock of the instance that upgrades (TTL 15 minutes)
 * omk:outbox                 stream  fields "outbound" = reply JSON, "conv" = its conversation, "to" = the key of
 *                                    its address (never the address); consumer group "senders"
 * omk:outbox:status:ID       hash    status, providerId, at            (TTL: 30 days)
 * omk:outbox:sent:PROVIDER_ID string outbound id the provider's message was sent for    (TTL: 30 days)
 * omk:outbox:once:KEY        string  "1": an entry appended from outside a turn under KEY (TTL: 30 days)
 * omk:delivery:PROVIDER_ID   hash    status, rank, final, at, errorCode, outbound (TTL: 30 days)
 * omk:deliveries-of:ID      set     provider ids whose status callback named our outbound ID (TTL: 30 days)
 * omk:queue:QUEUE            zset    conversation id of each WAITING handoff, score = Handoff.queueScore()
 * omk:queues                 set     the key of every staff queue a handoff ever joined: what QueueTrim sweeps
 *                                    (queue names only; a handful)
 * omk:handoffs:open          zset    conversation id of each open handoff (WAITING or CLAIMED), same score
 *                                    (urgent: minus 10^13, call-back: plus 10^13); changed only with the handoff record, by the commit
 * omk:inbound:P              stream  field "inbound" = message JSON; partition P of the conversations;
 *                                    consumer group "runners"; entries deleted when their turn commits
 * omk:inbound:P:takeovers    hash    entry id -> times taken over from a dead instance (TTL: a day after the last)
 * omk:inbound:P:lease        string  owner token of the instance that reads partition P (TTL: lease)
 * omk:inbound:members        zset    owner token, score = alive until epoch millis (fair share of partitions)
 * omk:inbound:dead           stream  entries given up on after too many deliveries (capped; trimmed after
 *                                    the retention time: they hold message text)
 * omk:dedupe:CHANNEL:ID      string  "1": provider message id seen           (TTL: 48 hours)
 * omk:reconcile:JOB:lease    string  owner token of the round running now (TTL: lease)
 * omk:reconcile:JOB:checkpoints hash source -> epoch millis where its last complete round ended
 * </pre>
 */
public final class RedisKeys {
    public static final String PREFIX = "omk:";

    /** How the keys of a family come to an end. */
    public enum Lifetime {
        /** Each key has a time to live (set, and renewed, by whoever writes it). */
        TTL,
        /** A sweep removes what is past its time ({@code runner.Sweeps}). */
        SWEPT,
        /** Its entries leave when their work is done (sent, handled, completed), or go to dead letters. */
        SETTLED,
        /** Configuration of the data itself, kept as long as the data. Holds nothing about people. */
        SETTING,
        /**
         * People a coordinator enrolled with their consent (the Telefooncirkel's participants): kept until a
         * coordinator removes them, and then deleted at once.
         */
        ENROLLED
    }

    /**
     * A family of keys: the pattern its names have (a regular expression), how its keys end, and why.
     *
     * @param how what ends them (which TTL, which sweep)
     */
    public record Family(String pattern, Lifetime lifetime, String how) {
        public boolean matches(String key) {
            return key.matches(pattern);
        }
    }

    /** Every key family the service writes; a key that matches none is a defect (KeyLifetimeTest). */
    public static final java.util.List<Family> FAMILIES = java.util.List.of(
            new Family("omk:conv:\\{[^}]+\\}:(session|contact|transcript|meta|handoff)", Lifetime.TTL,
                    "retention after the conversation's last turn"),
            new Family("omk:conv:\\{[^}]+\\}:lock", Lifetime.TTL, "the lock's lease"),
            new Family("omk:conv:\\{[^}]+\\}:outbox", Lifetime.TTL, "7 days after its last reply; empties as replies go"),
            new Family("omk:person:\\{[^}]+\\}", Lifetime.TTL, "retention, renewed by the first message of a day from one of the person's addresses"),
            new Family("omk:addr:[A-Za-z0-9_-]+", Lifetime.TTL, "retention, renewed by the first message of a day from the address"),
            new Family("omk:address-key:(fingerprint|secret)", Lifetime.SETTING, "the address secret's, for the data's life"),
            new Family("omk:layout", Lifetime.SETTING, "the key layout version"),
            new Family("omk:layout:upgrading", Lifetime.TTL, "the upgrade's lock (15 minutes)"),
            new Family("omk:jobs:fence-seq", Lifetime.SETTING, "one counter"),
            new Family("omk:jobs:(due|leased|data|fence)", Lifetime.SETTLED,
                    "a job leaves when done, or is dropped when it comes due and its subject is gone"),
            new Family("omk:tasks", Lifetime.SETTLED, "a task leaves when carried out or dead-lettered; capped"),
            new Family("omk:tasks:dead", Lifetime.SWEPT, "trimmed after the retention time (StreamTrim)"),
            new Family("omk:events", Lifetime.SWEPT, "trimmed after an hour (StreamTrim); capped"),
            new Family("omk:outbox", Lifetime.SETTLED, "a reply leaves when its outcome is recorded"),
            new Family("omk:outbox:(status|sent|once):.+", Lifetime.TTL, "30 days"),
            new Family("omk:delivery:.+", Lifetime.TTL, "30 days"),
            new Family("omk:deliveries-of:.+", Lifetime.TTL, "30 days"),
            new Family("omk:canned:[a-z0-9_-]+", Lifetime.SETTING, "a line's canned replies, until coordinators delete them"),
            new Family("omk:waits:[^:]+(:[^:]+)?", Lifetime.SETTLED, "capped at the last 500 waits of the queue; times only"),
            new Family("omk:calls:[^:]+:\\d{4}-\\d{2}-\\d{2}(:waits|:talks)?", Lifetime.TTL,
                    "400 days: counts per hour and durations only"),
            new Family("omk:figures:[^:]+:\\d{4}-\\d{2}-\\d{2}(:waits|:callbacks)?", Lifetime.TTL,
                    "400 days: a line's counts and waits of a day, numbers only"),
            new Family("omk:offer:(conv|worker):[A-Za-z0-9_-]+", Lifetime.TTL, "the offer's time to accept (10s..5m)"),
            new Family("omk:offer:tried:[A-Za-z0-9_-]+", Lifetime.TTL, "an hour after the last offer of the conversation"),
            new Family("omk:once:.+", Lifetime.TTL, "a day: an effect done once (an on-call SMS)"),
            new Family("omk:phone-duty:[A-Za-z0-9_-]+", Lifetime.TTL, "12 hours after a worker said they are available by phone"),
            new Family("omk:on-call:[A-Za-z0-9_-]+", Lifetime.TTL, "until the worker's call ends, 2 hours at most"),
            new Family("omk:held-call:\\{[^}]+\\}", Lifetime.TTL, "until the waiting caller's call ends, 3 hours at most"),
            new Family("omk:hours", Lifetime.SETTING, "the opening hours coordinators saved, until they save others"),
            new Family("omk:workers", Lifetime.SETTING, "the names of the workers, as long as they exist"),
            new Family("omk:worker:[A-Za-z0-9_-]+", Lifetime.SETTING, "a worker, as long as they work here"),
            new Family("omk:checkins:\\d{4}-\\d{2}-\\d{2}(:[A-Za-z0-9_-]+)?", Lifetime.TTL,
                    "400 days: a day of the Telefooncirkel's check-ins (participant ids, times, steps; who marked someone safe and why)"),
            new Family("omk:call-rate:\\d+", Lifetime.TTL, "10 seconds: the calls placed in one second (numbers only)"),
            new Family("omk:absences", Lifetime.ENROLLED, "absences staff set, one field a participant, removed with the participant"),
            new Family("omk:participants", Lifetime.ENROLLED, "the Telefooncirkel's participants, one field each, until removed"),
            new Family("omk:chains", Lifetime.ENROLLED,
                    "the circles run as chains, one field each (circle name, start, participant ids), until removed; a removed participant leaves it"),
            new Family("omk:shifts", Lifetime.SWEPT, "shifts that ended more than 90 days ago leave whenever it is read"),
            new Family("omk:shift:[A-Za-z0-9_-]+", Lifetime.TTL, "90 days after the shift's end"),
            new Family("omk:console:session:[0-9a-f]{64}", Lifetime.TTL, "30 minutes unused (12 hours at most, checked at use)"),
            new Family("omk:console:signin:[0-9a-f]{64}", Lifetime.TTL, "the lockout window (15 minutes)"),
            new Family("omk:console:online", Lifetime.SWEPT, "marks older than a day leave whenever it is read"),
            new Family("omk:console:away", Lifetime.SETTLED, "a worker's away switch, until they are back; one field per worker"),
            new Family("omk:console:signed-out", Lifetime.SETTLED, "a sign-out is forgotten at the worker's next mark; one field per worker"),
            new Family("omk:audit:seen:[0-9a-f]{64}", Lifetime.TTL, "the window in which a repeated view is one (10 minutes)"),
            new Family("omk:audit", Lifetime.SWEPT, "trimmed after the retention time (StreamTrim); capped"),
            new Family("omk:handoffs:open", Lifetime.SWEPT,
                    "a handoff leaves when it closes (the commit); one whose conversation expired, by QueueTrim"),
            new Family("omk:queues", Lifetime.SETTING, "the staff queues' key names (no person in them), a handful"),
            new Family("omk:queue:[^:]+(:[^:]+)?", Lifetime.SWEPT,
                    "members leave with their handoff (commit) or after it expired (QueueTrim)"),
            new Family("omk:inbound:\\d+", Lifetime.SETTLED, "a message leaves when its turn commits, or is dead-lettered"),
            new Family("omk:inbound:\\d+:takeovers", Lifetime.TTL, "a day after the last takeover"),
            new Family("omk:inbound:\\d+:lease", Lifetime.TTL, "the partition lease"),
            new Family("omk:inbound:members", Lifetime.SWEPT, "members past their time leave at every lease round"),
            new Family("omk:inbound:dead", Lifetime.SWEPT, "trimmed after the retention time (StreamTrim); capped"),
            new Family("omk:dedupe:[^:]+:.+", Lifetime.TTL, "48 hours"),
            new Family("omk:reconcile:[^:]+:lease", Lifetime.TTL, "the round's lease"),
            new Family("omk:reconcile:[^:]+:checkpoints", Lifetime.SETTING, "one time per number of ours"));

    /** The family of {@code key}, or null when it belongs to none. */
    public static Family familyOf(String key) {
        for (Family f : FAMILIES) if (f.matches(key)) return f;
        return null;
    }

    public static final String JOBS_DUE = PREFIX + "jobs:due";
    public static final String JOBS_LEASED = PREFIX + "jobs:leased";
    public static final String JOBS_DATA = PREFIX + "jobs:data";
    public static final String JOBS_FENCE = PREFIX + "jobs:fence";
    /** Where fences come from: one counter, so no fence is ever handed out twice. */
    public static final String JOBS_FENCE_SEQ = PREFIX + "jobs:fence-seq";

    /** The conversation timers of key layout 2 (now jobs of kind turn); read only by the upgrade. */
    static final String LAYOUT2_TIMERS_DUE = PREFIX + "timers:due";
    static final String LAYOUT2_TIMERS_CLAIMED = PREFIX + "timers:claimed";
    static final String LAYOUT2_TIMERS_DATA = PREFIX + "timers:data";

    public static final String TASKS = PREFIX + "tasks";
    public static final String TASKS_GROUP = "workers";
    public static final String TASKS_DEAD = TASKS + ":dead";
    /** About this many tasks are kept at most (XADD MAXLEN ~): far more than are ever open at once. */
    public static final int TASKS_MAX = 100_000;

    /**
     * What happened, for every instance to follow (a console on any instance): turns, with their handoff
     * changes. Capped at about {@link #EVENTS_MAX} entries (XADD MAXLEN ~).
     */
    public static final String EVENTS = PREFIX + "events";
    public static final int EVENTS_MAX = 10_000;

    /** The fingerprint of the secret address keys were made with (see AddressKeys.fingerprint). */
    public static final String ADDRESS_KEY_FINGERPRINT = PREFIX + "address-key:fingerprint";
    /** The address secret itself, kept here only when the operator did not configure one. */
    public static final String ADDRESS_KEY_SECRET = PREFIX + "address-key:secret";

    /**
     * A pub/sub channel, not a key: what became of replies, for consoles on every instance. Messages
     * "send OUTBOUND STATUS CONVERSATION" (the outbox recorded that a reply did not go out) and "delivery
     * OUTBOUND STATUS" (the provider reported delivered, read, failed). Pub/sub because losing one is harmless (the status is
     * stored) and a stream entry per reply cost the outbox too much (docs/BENCHMARKS.md).
     */
    public static final String LIVE_DELIVERIES = PREFIX + "live:deliveries";

    /** Held by the instance that upgrades the stored data (RedisLayout); others wait. */
    public static final String LAYOUT_UPGRADE = PREFIX + "layout:upgrading";

    /** The version of this key layout, see {@link RedisLayout}. */
    public static final String LAYOUT = PREFIX + "layout";

    public static final String OUTBOX = PREFIX + "outbox";
    public static final String OUTBOX_GROUP = "senders";
    /** The one field of each outbox stream entry. */
    public static final String OUTBOX_FIELD = "outbound";

    /** Prefix of the inbound partition streams; see {@link #inbound(int)}. */
    public static final String INBOUND = PREFIX + "inbound";
    public static final String INBOUND_GROUP = "runners";
    /** The one field of each inbound stream entry. */
    public static final String INBOUND_FIELD = "inbound";
    /** Where inbound entries go that could not be handled after many deliveries. */
    public static final String INBOUND_DEAD = INBOUND + ":dead";
    /** The instances that read inbound partitions, scored by the time their membership runs out. */
    public static final String INBOUND_MEMBERS = INBOUND + ":members";

    private RedisKeys() {}

    /** The stream of inbound partition {@code partition}. */
    public static String inbound(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("inbound partition must not be negative, was " + partition);
        }
        return INBOUND + ":" + partition;
    }

    /** How often each pending entry of partition {@code partition} was taken over from an instance that died. */
    public static String inboundTakeovers(int partition) {
        return inbound(partition) + ":takeovers";
    }

    /** The lease that says which instance reads inbound partition {@code partition}. */
    public static String inboundLease(int partition) {
        return inbound(partition) + ":lease";
    }

    /** Marks a provider's message id as seen on a channel (MessageSid, update_id). */
    public static String dedupe(String channel, String providerId) {
        requireId(channel, "channel");
        requireId(providerId, "provider message id");
        // A ':' in the channel would let "a:b" + "c" and "a" + "b:c" share a key.
        if (channel.indexOf(':') >= 0) {
            throw new IllegalArgumentException("channel must not contain ':': " + channel);
        }
        return PREFIX + "dedupe:" + channel + ":" + providerId;
    }

    public static String session(String conversationId) { return conversation(conversationId, "session"); }

    public static String contact(String conversationId) { return conversation(conversationId, "contact"); }

    public static String transcript(String conversationId) { return conversation(conversationId, "transcript"); }

    public static String lock(String conversationId) { return conversation(conversationId, "lock"); }

    public static String meta(String conversationId) { return conversation(conversationId, "meta"); }

    /** The conversation's handoff record. */
    public static String handoff(String conversationId) { return conversation(conversationId, "handoff"); }

    /** The order of a conversation's unsent replies (their outbox stream entry ids). */
    public static String outboxOrder(String conversationId) { return conversation(conversationId, OUTBOX_ORDER_PART); }

    /**
     * The parts of {@link #outboxOrder} around the conversation id, for the scripts that find a reply's
     * conversation in the reply itself: prefix + id + suffix.
     */
    static final String OUTBOX_ORDER_PART = "outbox";
    static final String CONVERSATION_KEY_PREFIX = PREFIX + "conv:{";
    static final String OUTBOX_ORDER_SUFFIX = "}:" + OUTBOX_ORDER_PART;

    /** Which reply of ours a provider's message id was sent for, recorded when the send completed. */
    public static String sentAs(String providerId) {
        requireId(providerId, "provider message id");
        return SENT_AS_PREFIX + providerId;
    }

    static final String SENT_AS_PREFIX = OUTBOX + ":sent:";

    /** The provider ids of the messages whose status callbacks named our outbound id. */
    public static String deliveriesOf(String outboundId) {
        requireId(outboundId, "outbound id");
        return PREFIX + "deliveries-of:" + outboundId;
    }

    public static String outboxStatus(String outboundId) {
        requireId(outboundId, "outbound id");
        return OUTBOX + ":status:" + outboundId;
    }

    /** Marks that an outbox entry was appended under {@code onceKey} (at most one entry per key). */
    public static String outboxOnce(String onceKey) {
        requireId(onceKey, "outbox once-key");
        return OUTBOX + ":once:" + onceKey;
    }

    /** The lease of the reconciliation job {@code job}: only its holder runs a round. */
    public static String reconcileLease(String job) {
        return reconcile(job) + ":lease";
    }

    /** The checkpoints of the reconciliation job {@code job}, one hash field per source. */
    public static String reconcileCheckpoints(String job) {
        return reconcile(job) + ":checkpoints";
    }

    private static String reconcile(String job) {
        requireId(job, "reconciliation job");
        if (job.indexOf(':') >= 0) {
            throw new IllegalArgumentException("reconciliation job must not contain ':': " + job);
        }
        return PREFIX + "reconcile:" + job;
    }

    /** Delivery status of one sent message, by the provider's id (Twilio MessageSid). */
    public static String delivery(String providerMessageId) {
        requireId(providerMessageId, "provider message id");
        return PREFIX + "delivery:" + providerMessageId;
    }

    /** A person's record. */
    public static String person(String personId) {
        requireId(personId, "person id");
        requireNoBraces(personId, "person id");
        return PERSON_PREFIX + personId + "}";
    }

    static final String PERSON_PREFIX = PREFIX + "person:{";

    /** The address index entry of an address key (never of an address itself: see AddressKeys). */
    public static String address(String addressKey) {
        requireId(addressKey, "address key");
        return ADDRESS_PREFIX + addressKey;
    }

    static final String ADDRESS_PREFIX = PREFIX + "addr:";

    public static String queue(String queue) {
        requireId(queue, "queue name");
        return QUEUE_PREFIX + queue;
    }

    static final String QUEUE_PREFIX = PREFIX + "queue:";
    /** How long people waited in a queue before a worker took them over (list, capped). */
    /** The worker a conversation is offered to now. */
    public static String offerOf(String conversationId) {
        return PREFIX + "offer:conv:" + conversationId;
    }

    /** The conversation offered to a worker now, with until when. */
    public static String offerTo(String workerId) {
        return PREFIX + "offer:worker:" + workerId;
    }

    /** The workers a conversation was offered to lately. */
    public static String offerTried(String conversationId) {
        return PREFIX + "offer:tried:" + conversationId;
    }

    /** A line's counts of a day (coordinators' figures). */
    /** A line's calls waiting on the line, per kind and hour of a day (RedisCallFigures). */
    public static String calls(String line, java.time.LocalDate day) {
        return PREFIX + "calls:" + line + ":" + day;
    }

    public static String callWaits(String line, java.time.LocalDate day) {
        return calls(line, day) + ":waits";
    }

    public static String callTalks(String line, java.time.LocalDate day) {
        return calls(line, day) + ":talks";
    }

    public static String figures(String line, java.time.LocalDate day) {
        return PREFIX + "figures:" + line + ":" + day;
    }

    /** The waits (seconds) of those taken over on a line that day. */
    public static String figureWaits(String line, java.time.LocalDate day) {
        return figures(line, day) + ":waits";
    }

    /** How long each call-back asked for on a line that day took to be done (seconds from the request). */
    public static String figureCallbacks(String line, java.time.LocalDate day) {
        return figures(line, day) + ":callbacks";
    }

    public static String waits(String queue) {
        return PREFIX + "waits:" + queue;
    }

    /** A once-mark (an effect done once across instances, e.g. an on-call SMS). */
    public static String once(String key) {
        return PREFIX + "once:" + key;
    }

    /** A worker available by phone: their number and since when. */
    public static String phoneDuty(String workerId) {
        return PREFIX + "phone-duty:" + workerId;
    }

    /** A worker on a call now. */
    public static String onCall(String workerId) {
        return PREFIX + "on-call:" + workerId;
    }

    /** The call of a caller waiting on the line (in the conversation's hash slot). */
    public static String heldCall(String conversationId) {
        return PREFIX + "held-call:{" + conversationId + "}";
    }

    /** The opening hours saved in the console (hash: yaml, version, by, at). */
    public static final String HOURS = PREFIX + "hours";
    /** Hash: a worker's name in compared form (WorkerName.key) to their id. */
    public static final String WORKERS = PREFIX + "workers";
    /** Absences staff set: a hash of participant id to its JSON record. */
    public static final String ABSENCES = PREFIX + "absences";
    /** The Telefooncirkel's chains: a hash of a circle's name (lower case) to its JSON record. */
    public static final String CHAINS = PREFIX + "chains";
    /** The helpdesk's bookable times: a hash of slot id to its JSON record (never changed once added). */
    public static final String SLOTS = PREFIX + "slots";
    /** The slots by their start (epoch seconds). */
    public static final String SLOTS_BY_START = PREFIX + "slots:by-start";
    /** A booked slot's booking id (a free slot is not in it). */
    public static final String SLOTS_BOOKED = PREFIX + "slots:booked";
    /** Bumped with every change to slots or bookings: each instance's view reloads when it moved. */
    public static final String SLOTS_VERSION = PREFIX + "slots:version";
    /** Bookings: a hash of booking id to its JSON record (never changed once written). */
    public static final String BOOKINGS = PREFIX + "bookings";
    /** A conversation's standing booking id. */
    public static final String BOOKINGS_STANDING = PREFIX + "bookings:standing";
    /** When a booking was cancelled (epoch seconds); a standing booking is not in it. */
    public static final String BOOKINGS_CANCELLED = PREFIX + "bookings:cancelled";
    /** The Telefooncirkel's participants: a hash of participant id to its JSON record. */
    public static final String PARTICIPANTS = PREFIX + "participants";
    /** How many calls were placed in one second (epoch seconds), for the account's calls-per-second limit. */
    public static String callRate(long epochSecond) {
        return PREFIX + "call-rate:" + epochSecond;
    }

    /** The participants with a check-in step on a day (set of ids). */
    public static String checkins(java.time.LocalDate day) {
        return PREFIX + "checkins:" + day;
    }

    /** A participant's check-in steps of a day (list of JSON). */
    public static String checkins(java.time.LocalDate day, String participantId) {
        return checkins(day) + ":" + participantId;
    }

    /** Planned shifts: a sorted set of shift ids by start. */
    public static final String SHIFTS = PREFIX + "shifts";
    /** The prefix of a shift's record. */
    public static final String SHIFT_PREFIX = PREFIX + "shift:";

    public static String shift(String id) {
        return SHIFT_PREFIX + id;
    }
    /** The console's audit log (stream) and its cap. */
    public static final String AUDIT = PREFIX + "audit";
    public static final long AUDIT_MAX = 200_000;
    /** Sorted set: worker ids by when their console was last seen open. */
    public static final String ONLINE = PREFIX + "console:online";
    /** Hash: worker id to when they signed out (forgotten at their next mark). */
    public static final String SIGNED_OUT = PREFIX + "console:signed-out";
    /** Hash: worker id to when they switched to away (removed when they are back). */
    public static final String AWAY = PREFIX + "console:away";

    /** A worker's record (hash: name, role, lines, hash, created). */
    public static String worker(String id) {
        return PREFIX + "worker:" + id;
    }

    /** A console session by the SHA-256 of its id (hash: worker, csrf, at). */
    public static String consoleSession(String idHash) {
        return PREFIX + "console:session:" + idHash;
    }

    /** Canned replies of a line (hash: id to JSON with title, nl, en). */
    public static String canned(String line) {
        return PREFIX + "canned:" + line;
    }

    /** A view already in the audit log, by the SHA-256 of worker, action and target (for its window). */
    public static String auditSeen(String hash) {
        return PREFIX + "audit:seen:" + hash;
    }

    /** Failed sign-ins by the SHA-256 of the name (or address) they were for. */
    public static String signInFailures(String keyHash) {
        return PREFIX + "console:signin:" + keyHash;
    }

    /** Set of the key of every staff queue a handoff joined: what {@link QueueTrim} sweeps, without walking every key. */
    public static final String QUEUES = PREFIX + "queues";

    /** Sorted set of the conversations whose handoff is open (waiting or with a worker), by queue order: what consoles list. */
    public static final String HANDOFFS_OPEN = PREFIX + "handoffs:open";

    private static String conversation(String conversationId, String part) {
        requireId(conversationId, "conversation id");
        requireNoBraces(conversationId, "conversation id");
        return PREFIX + "conv:{" + conversationId + "}:" + part;
    }

    private static void requireNoBraces(String id, String what) {
        // A '}' inside the id would end the hash tag early and split a record's keys over slots.
        if (id.indexOf('{') >= 0 || id.indexOf('}') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '{' or '}': " + id);
        }
    }

    private static void requireId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
