package nl.omkijken.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.handoff.QueueChange;
import nl.omkijken.runner.HandoffChange;
import nl.omkijken.runner.Outbound;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TimerChange;
import nl.omkijken.runner.TranscriptEntry;
import nl.omkijken.runner.TurnCommit;

/**
 * The KEYS and the one JSON argument of {@code commit.lua} for one {@link TurnCommit}.
 *
 * <p>Each stored item (session, contact, transcript entry, timer, outbound) is encoded here as its own
 * JSON text; the script stores those texts unchanged, so Lua never re-encodes our data. Null values are
 * left out (cjson would turn JSON null into a truthy value), and all numbers travel as strings.
 */
final class CommitPayload {
    private final String[] keys;
    private final String json;

    private CommitPayload(String[] keys, String json) {
        this.keys = keys;
        this.json = json;
    }

    String[] keys() {
        return keys;
    }

    String json() {
        return json;
    }

    /** @throws IllegalArgumentException when the commit is incomplete or names another conversation */
    static CommitPayload of(String lockedConversationId, TurnCommit c, Duration retention) {
        String id = c.conversationId();
        if (!lockedConversationId.equals(id)) {
            throw new IllegalArgumentException("commit for conversation " + id
                    + " under the lock of conversation " + lockedConversationId);
        }
        if (c.session() == null) {
            throw new IllegalArgumentException("commit for conversation " + id + " has no session");
        }

        List<String> keys = new ArrayList<>(List.of(
                RedisKeys.lock(id), RedisKeys.session(id), RedisKeys.contact(id), RedisKeys.transcript(id),
                RedisKeys.meta(id), RedisKeys.JOBS_DUE, RedisKeys.JOBS_LEASED, RedisKeys.JOBS_DATA,
                RedisKeys.OUTBOX, RedisKeys.outboxOrder(id), RedisKeys.handoff(id), RedisKeys.EVENTS,
                RedisKeys.JOBS_FENCE, RedisKeys.TASKS, RedisKeys.JOBS_FENCE_SEQ));

        JsonObject p = new JsonObject()
                .put("retentionMs", Long.toString(retention.toMillis()))
                .put("orderTtlMs", Long.toString(RedisOutboxStore.ORDER_TTL.toMillis()))
                .put("conversation", id)
                .put("session", SessionCodec.encode(c.session()));
        if (c.contact() != null) {
            p.put("contact", ContactCodec.encode(c.contact()));
        }
        if (c.channel() != null) {
            p.put("channel", c.channel());
        }
        if (c.address() != null) {
            p.put("address", c.address());
        }
        if (c.firedTimerId() != null) {
            p.put("fired", c.firedTimerId()).put("firedFence", Long.toString(c.firedFence()));
        }

        JsonArray transcript = new JsonArray();
        for (TranscriptEntry e : c.transcript()) {
            transcript.add(TranscriptEntryCodec.encode(e));
        }
        p.put("transcript", transcript);

        JsonArray timers = new JsonArray();
        for (TimerChange t : c.timers()) {
            if (t.timer() == null || t.timer().isBlank() || t.conversationId() == null) {
                throw new IllegalArgumentException("timer change without a name or conversation in conversation " + id);
            }
            JsonObject change = new JsonObject().put("id", TimerChange.idOf(t.conversationId(), t.timer()));
            if (!t.isCancel()) {
                change.put("due", Long.toString(t.dueAt().toEpochMilli())).put("data", TimerCodec.encode(t));
            }
            timers.add(change);
        }
        p.put("timers", timers);

        JsonArray outbound = new JsonArray();
        for (Outbound o : c.outbound()) {
            if (o.id() == null || o.id().isBlank()) {
                throw new IllegalArgumentException("outbound message without an id in conversation " + id);
            }
            if (!id.equals(o.conversationId())) {
                throw new IllegalArgumentException("outbound " + o.id() + " of another conversation in a commit of " + id);
            }
            outbound.add(OutboundCodec.encode(o));
        }
        p.put("outbound", outbound);

        JsonArray tasks = new JsonArray();
        for (Task t : c.tasks()) tasks.add(t.id()).add(t.kind()).add(t.payload());
        p.put("tasks", tasks).put("tasksMax", Integer.toString(RedisKeys.TASKS_MAX));

        // The turn as others see it: one entry on the cross-instance event stream, written with the turn.
        JsonObject event = new JsonObject().put("conversation", id)
                .put("line", String.valueOf(c.session().line()))
                .put("ownership", c.session().ownership().name());
        if (c.handoff() != null) {
            event.put("handoff", c.handoff().after().state().name()).put("queue", c.handoff().after().queue());
        }
        p.put("event", event).put("eventsMax", Integer.toString(RedisKeys.EVENTS_MAX));

        // The handoff record and, in the same step, the queue membership that goes with it.
        if (c.handoff() != null) {
            HandoffChange h = c.handoff();
            if (!id.equals(h.conversationId()) || !id.equals(h.after().conversationId())) {
                throw new IllegalArgumentException("handoff of another conversation in a commit of " + id);
            }
            QueueChange q = h.queue();
            JsonObject handoff = new JsonObject().put("record", HandoffCodec.encode(h.after())).put("member", id);
            // The index of open handoffs (waiting or with a worker) that consoles list, kept in the same step.
            keys.add(RedisKeys.HANDOFFS_OPEN);
            handoff.put("openIndex", keys.size()).put("open", h.after().state().open())
                    .put("openScore", Long.toString(h.after().queueScore()));
            if (q.leave() != null) {
                keys.add(RedisKeys.queue(q.leave()));
                handoff.put("leave", keys.size());
            }
            if (q.join() != null) {
                keys.add(RedisKeys.queue(q.join()));
                handoff.put("join", keys.size()).put("score", Long.toString(q.score()));
                // The queue's name where the sweep finds it (QueueTrim), without a walk over every key.
                keys.add(RedisKeys.QUEUES);
                handoff.put("queues", keys.size());
            }
            p.put("handoff", handoff);
        }

        // The queued message of this turn: acknowledged and deleted by the same script that writes the turn.
        if (c.receipt() != null) {
            keys.add(RedisKeys.inbound(c.receipt().partition()));
            p.put("receipt", new JsonObject()
                    .put("key", keys.size())
                    .put("group", RedisKeys.INBOUND_GROUP)
                    .put("id", c.receipt().entryId()));
        }

        return new CommitPayload(keys.toArray(new String[0]), p.encode());
    }

}
