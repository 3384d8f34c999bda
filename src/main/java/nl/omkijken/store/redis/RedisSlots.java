package nl.omkijken.store.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.omkijken.booking.Booking;
import nl.omkijken.booking.Slot;
import nl.omkijken.booking.Slots;

/**
 * The helpdesk's slots and bookings ({@link RedisKeys#SLOTS} and beside it). A slot's and a booking's record never
 * change once written; who holds a slot and which bookings were cancelled are kept apart, so the scripts that book,
 * move and cancel change single fields and never rewrite a record.
 */
public final class RedisSlots implements Slots {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisSlots.class);
    private static final LuaScript BOOK = LuaScript.load("book_slot");
    private static final LuaScript CANCEL = LuaScript.load("cancel_booking");
    private static final LuaScript REMOVE = LuaScript.load("remove_slot");
    private static final LuaScript ADD = LuaScript.load("add_slots");
    static final String[] KEYS = {RedisKeys.SLOTS, RedisKeys.SLOTS_BY_START, RedisKeys.SLOTS_BOOKED, RedisKeys.BOOKINGS,
            RedisKeys.BOOKINGS_STANDING, RedisKeys.BOOKINGS_CANCELLED, RedisKeys.SLOTS_VERSION};

    private final RedisConnection redis;

    public RedisSlots(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> add(List<Slot> slots) {
        if (slots.isEmpty()) return Future.succeededFuture();
        List<String> args = new ArrayList<>();
        for (Slot s : slots) {
            args.add(s.id());
            args.add(String.valueOf(s.start().getEpochSecond()));
            args.add(encode(s));
        }
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(ADD.run(redis.commands(), ScriptOutputType.INTEGER, KEYS,
                args.toArray(String[]::new)))).mapEmpty();
    }

    @Override
    public Future<Boolean> remove(String slotId) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(REMOVE.run(redis.commands(), ScriptOutputType.INTEGER, KEYS, slotId)))
                .map(n -> n == 1);
    }

    @Override
    public Future<Slot> slot(String id) {
        return redis.toFuture(redis.commands().hget(RedisKeys.SLOTS, id)).compose(json -> json == null ? Future.succeededFuture(null)
                : redis.toFuture(redis.commands().hget(RedisKeys.SLOTS_BOOKED, id)).map(booking -> decodeSlot(id, json, booking)));
    }

    @Override
    public Future<List<Slot>> from(Instant from) {
        // A slot of at most a day that ends at or after from started at most a day before it.
        Range<Double> range = Range.create((double) from.minusSeconds(86_400).getEpochSecond(), Double.POSITIVE_INFINITY);
        return redis.toFuture(redis.commands().zrangebyscore(RedisKeys.SLOTS_BY_START, range)).compose(ids -> {
            if (ids.isEmpty()) return Future.succeededFuture(List.<Slot>of());
            String[] keys = ids.toArray(String[]::new);
            return redis.toFuture(redis.commands().hmget(RedisKeys.SLOTS, keys))
                    .compose(records -> redis.toFuture(redis.commands().hmget(RedisKeys.SLOTS_BOOKED, keys)).map(holders -> {
                        Map<String, String> held = new HashMap<>();
                        holders.forEach(kv -> {
                            if (kv.hasValue()) held.put(kv.getKey(), kv.getValue());
                        });
                        List<Slot> out = new ArrayList<>();
                        records.forEach(kv -> {
                            if (!kv.hasValue()) return;
                            Slot s = decodeSlot(kv.getKey(), kv.getValue(), held.get(kv.getKey()));
                            if (s != null && !s.end().isBefore(from)) out.add(s);
                        });
                        out.sort(java.util.Comparator.comparing(Slot::start).thenComparing(Slot::id));
                        return out;
                    }));
        });
    }

    @Override
    public Future<Map<String, String>> standing() {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.BOOKINGS_STANDING)).map(m -> m == null ? Map.<String, String>of() : m);
    }

    @Override
    public Future<Long> version() {
        return redis.toFuture(redis.commands().get(RedisKeys.SLOTS_VERSION)).map(v -> v == null ? 0L : Long.parseLong(v));
    }

    @Override
    public Future<Outcome> book(Booking b, Instant now) {
        return book(b, now, null);
    }

    @Override
    public Future<Outcome> book(Booking b, Instant now, nl.omkijken.runner.InboundReceipt receipt) {
        String[] keys = java.util.Arrays.copyOf(KEYS, KEYS.length + 1);
        // Without a message to check, the inbound key is one of the keys already named (never read then).
        keys[KEYS.length] = receipt == null ? RedisKeys.SLOTS : RedisKeys.inbound(receipt.partition());
        return RedisConversationStore.guarded(() -> redis.<String>toFuture(BOOK.run(redis.commands(), ScriptOutputType.VALUE, keys,
                b.id(), b.slotId(), b.conversationId(), encode(b), String.valueOf(now.getEpochSecond()),
                receipt == null ? "" : RedisKeys.INBOUND_GROUP, receipt == null ? "" : receipt.entryId()))).map(Outcome::valueOf);
    }

    @Override
    public Future<Booking> booking(String id) {
        return redis.toFuture(redis.commands().hget(RedisKeys.BOOKINGS, id)).compose(json -> json == null ? Future.succeededFuture(null)
                : redis.toFuture(redis.commands().hget(RedisKeys.BOOKINGS_CANCELLED, id)).map(cancelled -> decodeBooking(id, json, cancelled)));
    }

    @Override
    public Future<Booking> standingOf(String conversationId) {
        return redis.toFuture(redis.commands().hget(RedisKeys.BOOKINGS_STANDING, conversationId))
                .compose(id -> id == null ? Future.succeededFuture(null) : booking(id));
    }

    @Override
    public Future<Boolean> cancel(String bookingId, Instant at) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(CANCEL.run(redis.commands(), ScriptOutputType.INTEGER, KEYS,
                bookingId, String.valueOf(at.getEpochSecond())))).map(n -> n == 1);
    }

    static String encode(Slot s) {
        return new JsonObject().put("district", s.district()).put("kind", s.kind().name()).put("start", s.start().getEpochSecond())
                .put("minutes", s.minutes()).put("place", s.place()).put("holder", s.holder()).encode();
    }

    private static Slot decodeSlot(String id, String json, String bookingId) {
        try {
            JsonObject o = new JsonObject(json);
            return new Slot(id, o.getString("district"), Slot.Kind.valueOf(o.getString("kind")), Instant.ofEpochSecond(o.getLong("start")),
                    o.getInteger("minutes"), o.getString("place"), o.getString("holder"), bookingId);
        } catch (RuntimeException e) {
            // One unreadable record must not hide every other time.
            LOG.error("slot not readable, left out id={} error={}", id, e.getClass().getSimpleName());
            return null;
        }
    }

    static String encode(Booking b) {
        return new JsonObject().put("slot", b.slotId()).put("conversation", b.conversationId()).put("channel", b.channel())
                .put("address", b.addressKey()).put("language", b.language()).put("intake", new JsonObject(new HashMap<>(b.intake())))
                .put("bookedAt", b.bookedAt().getEpochSecond()).encode();
    }

    private static Booking decodeBooking(String id, String json, String cancelled) {
        try {
            JsonObject o = new JsonObject(json);
            Map<String, String> intake = new HashMap<>();
            o.getJsonObject("intake", new JsonObject()).forEach(e -> intake.put(e.getKey(), String.valueOf(e.getValue())));
            return new Booking(id, o.getString("slot"), o.getString("conversation"), o.getString("channel"), o.getString("address"),
                    o.getString("language"), intake, Instant.ofEpochSecond(o.getLong("bookedAt")),
                    cancelled == null ? null : Instant.ofEpochSecond(Long.parseLong(cancelled)));
        } catch (RuntimeException e) {
            throw new StoredDataException("booking " + id, e.getClass().getSimpleName(), e);
        }
    }
}
