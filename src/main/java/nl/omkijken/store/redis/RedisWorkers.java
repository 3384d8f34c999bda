package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import nl.omkijken.console.Role;
import nl.omkijken.console.Worker;
import nl.omkijken.console.WorkerName;
import nl.omkijken.console.Workers;

/**
 * Workers in Redis: a record per worker ({@code omk:worker:ID}) and the index of names
 * ({@code omk:workers}). Workers are kept until removed: they are staff, not the people who write in.
 */
public final class RedisWorkers implements Workers {
    private static final LuaScript ADD = LuaScript.load("add_worker");
    private static final LuaScript UPDATE = LuaScript.load("update_worker");

    private final RedisConnection redis;

    public RedisWorkers(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<Void> add(Worker w) {
        return RedisConversationStore.guarded(() -> {
            String[] keys = {RedisKeys.WORKERS, RedisKeys.worker(w.id())};
            List<String> args = new ArrayList<>(List.of(WorkerName.key(w.name()), w.id(), "name", w.name(),
                    "hash", w.passwordHash(), "created", w.createdAt().toString()));
            args.addAll(profile(w));
            return redis.<Long>toFuture(ADD.run(redis.commands(), ScriptOutputType.INTEGER, keys, args.toArray(String[]::new))).compose(added ->
                    added == 1 ? Future.<Void>succeededFuture() : Future.failedFuture(new NameTaken(w.name())));
        });
    }

    @Override
    public Future<Boolean> update(Worker w) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(UPDATE.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.worker(w.id())}, profile(w).toArray(String[]::new))).map(n -> n == 1));
    }

    /** The fields a coordinator may change, as stored. */
    private static List<String> profile(Worker w) {
        return List.of("role", w.role().id(), "lines", String.join(",", w.lines()), "capacity", String.valueOf(w.capacity()),
                "languages", String.join(",", w.languages()), "active", w.active() ? "1" : "0");
    }

    @Override
    public Future<Worker> byName(String name) {
        return RedisConversationStore.guarded(() -> redis.toFuture(redis.commands().hget(RedisKeys.WORKERS, WorkerName.key(name)))
                .compose(id -> id == null ? Future.succeededFuture(null) : byId(id)));
    }

    @Override
    public Future<Worker> byId(String id) {
        return redis.toFuture(redis.commands().hgetall(RedisKeys.worker(id))).map(f -> f == null || f.isEmpty() ? null : decode(id, f));
    }

    @Override
    public Future<Boolean> remove(String id) {
        return byId(id).compose(w -> {
            if (w == null) return Future.succeededFuture(false);
            return redis.toFuture(redis.commands().del(RedisKeys.worker(id)))
                    .compose(n -> redis.toFuture(redis.commands().hdel(RedisKeys.WORKERS, WorkerName.key(w.name()))))
                    .map(n -> true);
        });
    }

    @Override
    public Future<List<Worker>> all() {
        return redis.toFuture(redis.commands().hvals(RedisKeys.WORKERS)).compose(ids -> {
            List<Future<Worker>> each = new ArrayList<>();
            for (String id : ids) each.add(byId(id));
            return Future.all(each).map(done -> {
                List<Worker> found = new ArrayList<>();
                for (Future<Worker> f : each) if (f.result() != null) found.add(f.result());
                found.sort(Comparator.comparing(w -> w.name().toLowerCase(java.util.Locale.ROOT)));
                return found;
            });
        });
    }

    private static Worker decode(String id, Map<String, String> f) {
        Role role = Role.fromId(f.get("role"));
        if (role == null) throw new StoredDataException("worker", "unknown role '" + f.get("role") + "'");
        // Workers saved before capacity, languages and the active switch existed get the defaults.
        int capacity;
        try {
            capacity = Integer.parseInt(f.getOrDefault("capacity", String.valueOf(Worker.DEFAULT_CAPACITY)));
        } catch (NumberFormatException e) {
            throw new StoredDataException("worker", "capacity is not a number");
        }
        try {
            return new Worker(id, f.get("name"), role, list(f.getOrDefault("lines", "")), f.get("hash"),
                    Instant.parse(f.getOrDefault("created", "1970-01-01T00:00:00Z")), capacity,
                    list(f.getOrDefault("languages", "nl")), !"0".equals(f.get("active")));
        } catch (IllegalArgumentException e) {
            throw new StoredDataException("worker", e.getMessage());
        }
    }

    private static java.util.Set<String> list(String joined) {
        return joined.isBlank() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(joined.split(",")));
    }
}
