package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.omkijken.circle.Participant;
import nl.omkijken.circle.Participants;

/**
 * The Telefooncirkel's participants in one hash ({@code omk:participants}: id to JSON), kept until a
 * coordinator removes one. A number is one participant's only: the save checks it in the same script.
 */
public final class RedisParticipants implements Participants {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisParticipants.class);
    private static final LuaScript SAVE = LuaScript.load("save_participant");

    private final RedisConnection redis;

    public RedisParticipants(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<Participant>> all() {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.PARTICIPANTS)).map(all -> {
            List<Participant> out = new ArrayList<>();
            if (all != null) {
                all.forEach((id, json) -> {
                    try {
                        out.add(decode(id, json));
                    } catch (StoredDataException e) {
                        // One unreadable record must not stop everyone's daily call.
                        LOG.error("participant not readable, left out id={} error={}", id, e.getMessage());
                    }
                });
            }
            out.sort(Comparator.comparing((Participant p) -> p.name().toLowerCase(Locale.ROOT)).thenComparing(Participant::id));
            return out;
        });
    }

    @Override
    public Future<Participant> byId(String id) {
        return redis.toFuture(redis.commands().hget(RedisKeys.PARTICIPANTS, id)).map(json -> json == null ? null : decode(id, json));
    }

    @Override
    public Future<Void> save(Participant p) {
        return RedisConversationStore.guarded(() -> redis.<String>toFuture(SAVE.run(redis.commands(), ScriptOutputType.VALUE,
                        new String[] {RedisKeys.PARTICIPANTS}, new String[] {p.id(), encode(p).encode(), p.phone()})))
                .compose(other -> other == null ? Future.succeededFuture() : Future.failedFuture(new Participants.PhoneTaken(other)));
    }

    @Override
    public Future<Boolean> remove(String id) {
        // Their absence goes with them: nothing of a removed participant stays.
        return redis.toFuture(redis.commands().hdel(RedisKeys.ABSENCES, id))
                .compose(x -> redis.toFuture(redis.commands().hdel(RedisKeys.PARTICIPANTS, id))).map(n -> n > 0);
    }

    static JsonObject encode(Participant p) {
        JsonArray days = new JsonArray();
        EnumSet<DayOfWeek> sorted = EnumSet.noneOf(DayOfWeek.class);
        sorted.addAll(p.days());
        for (DayOfWeek d : sorted) days.add(d.getValue());
        JsonObject o = new JsonObject().put("name", p.name()).put("phone", p.phone()).put("language", p.language())
                .put("from", p.callFrom().toString()).put("until", p.callUntil().toString()).put("days", days)
                .put("circle", p.circle()).put("notes", p.notes()).put("active", p.active())
                .put("enrolled", p.enrolledAt().toEpochMilli())
                .put("consent", new JsonObject().put("by", p.consent().by()).put("on", p.consent().on().toString())
                        .put("how", p.consent().how()));
        if (p.contact() != null) o.put("contact", new JsonObject().put("name", p.contact().name()).put("phone", p.contact().phone()));
        if (p.keyHolder() != null) o.put("keyHolder", new JsonObject().put("name", p.keyHolder().name()).put("phone", p.keyHolder().phone()));
        return o;
    }

    static Participant decode(String id, String json) {
        JsonObject o;
        try {
            o = new JsonObject(json);
        } catch (RuntimeException e) {
            throw new StoredDataException("participant " + id, "not readable JSON");
        }
        try {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (Object d : o.getJsonArray("days", new JsonArray())) days.add(DayOfWeek.of(((Number) d).intValue()));
            JsonObject c = o.getJsonObject("consent");
            return new Participant(id, o.getString("name"), o.getString("phone"), o.getString("language", "nl"),
                    LocalTime.parse(o.getString("from")), LocalTime.parse(o.getString("until")), days,
                    person(o.getJsonObject("contact")), person(o.getJsonObject("keyHolder")), o.getString("circle", ""),
                    o.getString("notes", ""), new Participant.Consent(c.getString("by"), LocalDate.parse(c.getString("on")),
                    c.getString("how")), o.getBoolean("active", true), Instant.ofEpochMilli(o.getLong("enrolled", 0L)));
        } catch (RuntimeException e) {
            throw new StoredDataException("participant " + id, "a field is missing or wrong (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Participant.Person person(JsonObject o) {
        return o == null ? null : new Participant.Person(o.getString("name", ""), o.getString("phone"));
    }
}
