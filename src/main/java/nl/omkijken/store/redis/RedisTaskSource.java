package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.Task;
import nl.omkijken.runner.TaskSource;

/**
 * The task stream ({@link RedisKeys#TASKS}) read by the consumer group {@link RedisKeys#TASKS_GROUP}:
 * tasks come in the order they were written; one a dead worker left is taken over after the idle time.
 */
public final class RedisTaskSource implements TaskSource {
    private static final LuaScript CLAIM = LuaScript.load("claim_tasks");
    private static final LuaScript GIVE_UP = LuaScript.load("give_up_task");
    /** Dead letters kept at most (XADD MAXLEN ~); they are also trimmed after the retention time. */
    static final int DEAD_MAX = 10_000;

    private final RedisConnection redis;

    public RedisTaskSource(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<Claimed>> claim(String consumer, int max, Duration idle) {
        return RedisConversationStore.guarded(() -> {
            if (consumer == null || consumer.isBlank()) throw new IllegalArgumentException("task consumer must be named");
            if (max <= 0) return Future.succeededFuture(List.of());
            return redis.<List<Object>>toFuture(CLAIM.run(redis.commands(), ScriptOutputType.MULTI,
                            new String[] {RedisKeys.TASKS}, RedisKeys.TASKS_GROUP, consumer, Integer.toString(max),
                            Long.toString(Math.max(1, idle.toMillis()))))
                    .map(values -> {
                        List<Claimed> tasks = new ArrayList<>(values.size() / 5);
                        for (int i = 0; i + 4 < values.size(); i += 5) {
                            String entry = String.valueOf(values.get(i));
                            long deliveries = ((Number) values.get(i + 1)).longValue();
                            String id = String.valueOf(values.get(i + 2));
                            String kind = String.valueOf(values.get(i + 3));
                            Task task;
                            try {
                                task = new Task(id.isEmpty() ? "entry-" + entry : id, kind, String.valueOf(values.get(i + 4)));
                            } catch (IllegalArgumentException e) {
                                // An entry that is no task (a bad kind): handed out as one no handler knows.
                                task = new Task("entry-" + entry, "unreadable", "");
                            }
                            tasks.add(new Claimed(task, entry, deliveries));
                        }
                        return tasks;
                    });
        });
    }

    @Override
    public Future<Void> done(Claimed task) {
        return redis.toFuture(redis.commands().xack(RedisKeys.TASKS, RedisKeys.TASKS_GROUP, task.entryId()))
                .compose(n -> redis.toFuture(redis.commands().xdel(RedisKeys.TASKS, task.entryId())))
                .mapEmpty();
    }

    @Override
    public Future<Void> giveUp(Claimed task, String reason) {
        return redis.toFuture(GIVE_UP.run(redis.commands(), ScriptOutputType.INTEGER,
                new String[] {RedisKeys.TASKS, RedisKeys.TASKS_DEAD}, RedisKeys.TASKS_GROUP, task.entryId(),
                Integer.toString(DEAD_MAX), reason, task.task().id(), task.task().kind(), task.task().payload())).mapEmpty();
    }
}
