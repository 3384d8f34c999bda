package nl.omkijken.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.omkijken.handoff.Handoff;
import nl.omkijken.people.People;
import nl.omkijken.runner.Conversation;
import nl.omkijken.runner.ConversationStore;
import nl.omkijken.runner.TranscriptEntry;

/**
 * What a worker sees: the inbox (who waits in the queues they serve, what they have, who is online) and
 * one conversation (its transcript, what the bot collected, the person's earlier conversations). Numbers
 * and chat ids only for roles that need them ({@link Role#seesNumbers()}); others see a pseudonym and
 * the last two digits.
 */
final class InboxView {
    static final Duration ONLINE_WITHIN = Duration.ofSeconds(45);

    private final ConversationStore store;
    private final OpenConversations open;
    private final People people;
    private final Workers workers;
    private final Presence presence;
    private final ReplyStatuses statuses;
    private final Clock clock;
    private final nl.omkijken.routing.Routing routing;
    private final nl.omkijken.shifts.Shifts shifts;
    private final java.util.function.Function<String, String> articleTitle;

    /** @param articleTitle a knowledge article's title by its id (null: unknown), for the articles a person was given */
    InboxView(ConversationStore store, People people, Workers workers, Presence presence, ReplyStatuses statuses, Clock clock,
              nl.omkijken.routing.Routing routing, nl.omkijken.shifts.Shifts shifts, java.util.function.Function<String, String> articleTitle) {
        this.articleTitle = articleTitle;
        this.routing = routing;
        this.shifts = shifts;
        this.store = store;
        this.open = new OpenConversations(store);
        this.people = people;
        this.workers = workers;
        this.presence = presence;
        this.statuses = statuses;
        this.clock = clock;
    }

    private String titles(String ids) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String id : ids.split(",\\s*")) {
            if (id.isBlank()) continue;
            String title = articleTitle.apply(id.strip());
            out.add(title == null ? id.strip() : title);
        }
        return String.join("; ", out);
    }

    Future<JsonObject> inbox(Worker me) {
        Instant now = clock.instant();
        // The roster is an aside: when it cannot be read, the inbox (and the crises in it) still shows.
        Future<java.util.List<nl.omkijken.shifts.Shift>> duty = shifts.between(now, now.plusMillis(1), now)
                .otherwise(java.util.List.of());
        return open.read().compose(found -> workers.all().compose(ws -> presence.online(now, ONLINE_WITHIN).compose(online -> duty.compose(onShift -> {
            Map<String, Worker> byId = new java.util.HashMap<>();
            for (Worker w : ws) byId.put(w.id(), w);
            List<Future<JsonObject>> items = new ArrayList<>();
            for (Conversation c : found.conversations()) {
                if (me.serves(c.handoff().queue())) items.add(item(me, c, byId, now));
            }
            return Future.all(items).map(done -> {
                JsonArray waiting = new JsonArray();
                JsonArray mine = new JsonArray();
                JsonArray colleagues = new JsonArray();
                for (Future<JsonObject> i : items) {
                    JsonObject o = i.result();
                    if ("WAITING".equals(o.getString("state"))) waiting.add(o);
                    else if (me.id().equals(o.getJsonObject("owner", new JsonObject()).getString("id"))) mine.add(o);
                    else colleagues.add(o);
                }
                JsonArray onlineList = new JsonArray();
                online.forEach((id, at) -> {
                    Worker w = byId.get(id);
                    if (w != null) onlineList.add(new JsonObject().put("id", id).put("name", w.name()).put("role", w.role().id()));
                });
                // Who is planned on duty now on the worker's lines, and whether they have the console open.
                JsonArray onDuty = new JsonArray();
                for (nl.omkijken.shifts.Shift sh : onShift) {
                    if (!me.servesAnyOf(sh.line())) continue;
                    Worker w = byId.get(sh.workerId());
                    onDuty.add(ShiftRoutes.json(sh, w).put("online", online.containsKey(sh.workerId())));
                }
                return new JsonObject().put("waiting", waiting).put("mine", mine).put("colleagues", colleagues)
                        .put("online", onlineList).put("onDuty", onDuty).put("truncated", found.truncated()).put("at", now.toString())
                        .put("load", found.loads().getOrDefault(me.id(), 0)).put("capacity", me.capacity());
            });
        }))));
    }

    /** A conversation as an item of the inbox (who, which queue, how long waiting), for an offer. */
    Future<JsonObject> summary(Worker me, Conversation c) {
        return workers.all().compose(ws -> {
            Map<String, Worker> byId = new java.util.HashMap<>();
            for (Worker w : ws) byId.put(w.id(), w);
            return item(me, c, byId, clock.instant());
        });
    }

    /** One conversation for {@code me}; fails with 404 when there is none, 403 when it is not in their queues. */
    Future<JsonObject> conversation(Worker me, String id) {
        Instant now = clock.instant();
        return store.load(id).compose(c -> {
            if (c == null) return Future.failedFuture(new ConsoleAuth.Refused(404, "not_found", "Dit gesprek bestaat niet (meer)."));
            if (!visible(me, c)) {
                return Future.failedFuture(new ConsoleAuth.Refused(403, "not_your_queue",
                        "Dit gesprek hoort bij een wachtrij die u niet bedient."));
            }
            Future<People.Person> person = person(c);
            return workers.all().compose(ws -> {
                Map<String, Worker> byId = new java.util.HashMap<>();
                for (Worker w : ws) byId.put(w.id(), w);
                return item(me, c, byId, now, person);
            }).compose(item -> store.transcript(id).compose(lines -> transcript(me, lines)).compose(transcript -> earlier(me, c, person)
                    .map(earlier -> {
                        JsonObject fields = new JsonObject();
                        c.session().slots().forEach((k, v) -> {
                            if (k.startsWith("_")) return; // the engine's own bookkeeping, not something collected
                            if (k.equals(nl.omkijken.engine.Engine.ARTICLES_SLOT)) {
                                // The articles already given, by title: the worker does not send them again.
                                fields.put(k, titles(v));
                                return;
                            }
                            fields.put(k, me.role().seesNumbers() ? v : NumberMask.text(v));
                        });
                        return item.put("transcript", transcript).put("fields", fields).put("earlier", earlier)
                                .put("ended", c.session().ended()).put("outcome", c.session().outcome())
                                .put("ownership", c.session().ownership().name());
                    })));
        });
    }

    /** The transcript as the console shows it; a worker's reply with what became of it. */
    private Future<JsonArray> transcript(Worker me, java.util.List<TranscriptEntry> lines) {
        java.util.List<Future<JsonObject>> out = new ArrayList<>();
        for (TranscriptEntry e : lines) {
            // A volunteer sees no number or e-mail address, also not where someone typed one.
            String text = me.role().seesNumbers() || e.text() == null ? e.text() : NumberMask.text(e.text());
            JsonObject line = new JsonObject().put("direction", e.direction()).put("text", text)
                    .put("at", e.at() == null ? null : e.at().toString());
            if (e.by() != null) line.put("by", e.by());
            if (!e.buttons().isEmpty()) line.put("buttons", new JsonArray(e.buttons()));
            out.add(e.ref() == null ? Future.succeededFuture(line)
                    : statuses.of(e.ref()).map(status -> line.put("status", status)).otherwise(line));
        }
        return Future.all(out).map(done -> {
            JsonArray a = new JsonArray();
            for (Future<JsonObject> f : out) a.add(f.result());
            return a;
        });
    }

    /** Whether {@code me} may open the conversation: it waits in or was in one of their queues, or it is theirs. */
    static boolean visible(Worker me, Conversation c) {
        Handoff h = c.handoff();
        if (h != null && me.id().equals(h.owner())) return true;
        if (h != null) return me.serves(h.queue());
        return me.serves(c.session().line());
    }

    private Future<JsonObject> item(Worker me, Conversation c, Map<String, Worker> byId, Instant now) {
        return item(me, c, byId, now, person(c));
    }

    /** The person of a conversation, read once for everything a view shows of them; null when gone. */
    private Future<People.Person> person(Conversation c) {
        return c.address() == null ? Future.succeededFuture(null) : people.ofAddressKey(c.address());
    }

    private Future<JsonObject> item(Worker me, Conversation c, Map<String, Worker> byId, Instant now,
                                    Future<People.Person> person) {
        Handoff h = c.handoff();
        JsonObject o = new JsonObject().put("id", c.id()).put("line", c.session().line()).put("channel", c.channel())
                .put("language", c.session().language());
        // A caller waiting on the line now: taking them over puts the call through (or they hear a call-back comes).
        if (c.session().slots().containsKey(nl.omkijken.engine.Session.HOLD_SLOT)) o.put("onTheLine", true);
        if (h != null) {
            o.put("queue", h.queue()).put("kind", h.kind().name()).put("urgent", h.urgent()).put("reason", h.reason())
                    .put("state", h.state().name()).put("requestedAt", h.requestedAt().toString())
                    .put("changedAt", h.changedAt().toString())
                    .put("waitingSeconds", Math.max(0, Duration.between(h.requestedAt(), now).toSeconds()));
            // Kept for the part's own workers (a stadsdeel's account holder) until then, unless a crisis.
            Instant kept = h.state() == Handoff.State.WAITING && !h.urgent()
                    ? routing.keptForPartUntil(h.queue(), h.requestedAt()) : null;
            if (kept != null && now.isBefore(kept)) o.put("keptForPartUntil", kept.toString());
            if (h.dueAt() != null) o.put("dueAt", h.dueAt().toString()).put("due", h.dueBy(now));
            if (h.attempts() > 0) o.put("attempts", h.attempts());
            if (h.owner() != null) {
                Worker owner = byId.get(h.owner());
                o.put("owner", new JsonObject().put("id", h.owner()).put("name", owner == null ? "?" : owner.name()));
            }
        }
        return person.map(p -> o.put("person", who(me, c, p)));
    }

    /** The person as this worker may see them: a pseudonym always, the number for roles that need it. */
    private JsonObject who(Worker me, Conversation c, People.Person p) {
        JsonObject who = new JsonObject().put("pseudonym", pseudonym(c.id()));
        String replyTo = p == null || c.address() == null ? null : p.addresses().get(c.address());
        String handle = replyTo == null ? null : replyTo.contains("|") ? replyTo.substring(0, replyTo.indexOf('|')) : replyTo;
        if (handle == null) return who;
        // Twilio writes WhatsApp addresses as "whatsapp:+31..."; the channel is shown beside it already.
        if (handle.startsWith("whatsapp:")) handle = handle.substring("whatsapp:".length());
        if (me.role().seesNumbers()) who.put("address", handle);
        else if (handle.length() >= 2 && Character.isDigit(handle.charAt(handle.length() - 1))) {
            who.put("lastDigits", handle.substring(handle.length() - 2));
        }
        return who;
    }

    /** The person's other conversations, newest first: line, channel, when, how it ended. */
    private Future<JsonArray> earlier(Worker me, Conversation c, Future<People.Person> person) {
        return person.compose(p -> {
            if (p == null) return Future.succeededFuture(new JsonArray());
            List<Future<Conversation>> loads = new ArrayList<>();
            for (String other : p.conversations().keySet()) if (!other.equals(c.id())) loads.add(store.load(other));
            return Future.all(loads).map(done -> {
                List<Conversation> found = new ArrayList<>();
                for (Future<Conversation> f : loads) if (f.result() != null) found.add(f.result());
                found.sort((a, b) -> b.session().createdAt().compareTo(a.session().createdAt()));
                JsonArray out = new JsonArray();
                for (Conversation e : found) {
                    if (!me.serves(e.session().line())) continue;
                    out.add(new JsonObject().put("id", e.id()).put("line", e.session().line()).put("channel", e.channel())
                            .put("startedAt", e.session().createdAt().toString()).put("outcome", e.session().outcome()));
                }
                return out;
            });
        });
    }

    /** A short name for a conversation that says nothing about the person: "Gesprek K7QF". */
    static String pseudonym(String conversationId) {
        String clean = conversationId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
        return "Gesprek " + (clean.length() <= 4 ? clean : clean.substring(clean.length() - 4));
    }
}
