package nl.omkijken.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.omkijken.runner.ClaimedJob;
import nl.omkijken.runner.DueTimer;
import nl.omkijken.runner.Job;
import nl.omkijken.runner.JobStore;
import nl.omkijken.runner.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs in four keys: due, leased, data and fence ({@link RedisKeys}). Each operation is one Lua script,
 * so concurrent pollers (threads or instances) never hold the same claim, and a claim that is no longer
 * the latest changes nothing. Conversation follow-ups are written and removed by the conversation's
 * commit (commit.lua, fenced the same way).
 */
public final class RedisJobStore implements JobStore {
    private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);
    private static final LuaScript CLAIM = LuaScript.load("claim_jobs");
    private static final LuaScript DROP = LuaScript.load("drop_job");
    private static final LuaScript COMPLETE = LuaScript.load("complete_job");
    private static final LuaScript SCHEDULE = LuaScript.load("schedule_job");
    private static final String[] KEYS = {RedisKeys.JOBS_DUE, RedisKeys.JOBS_LEASED, RedisKeys.JOBS_DATA, RedisKeys.JOBS_FENCE,
            RedisKeys.JOBS_FENCE_SEQ};

    private final RedisConnection redis;

    public RedisJobStore(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Future<List<ClaimedJob>> claimDue(Instant now, int max, Duration lease) {
        return RedisConversationStore.guarded(() -> {
            if (now == null) {
                throw new IllegalArgumentException("claim time must be given");
            }
            if (lease == null || lease.toMillis() <= 0) {
                throw new IllegalArgumentException("job lease must be at least 1 ms, was " + lease);
            }
            if (max <= 0) {
                return Future.succeededFuture(List.of());
            }
            long nowMillis = now.toEpochMilli();
            return redis.<List<Object>>toFuture(CLAIM.run(redis.commands(), ScriptOutputType.MULTI, KEYS,
                            Long.toString(nowMillis), Integer.toString(max), Long.toString(nowMillis + lease.toMillis())))
                    .map(RedisJobStore::decodeAll);
        });
    }

    @Override
    public Future<Void> schedule(Job job) {
        return RedisConversationStore.guarded(() -> {
            if (Job.TURN.equals(job.kind())) {
                throw new IllegalArgumentException("a conversation's follow-up is scheduled by its turn, not here");
            }
            return redis.toFuture(SCHEDULE.run(redis.commands(), ScriptOutputType.INTEGER, KEYS, job.id(),
                    Long.toString(job.dueAt().toEpochMilli()), JobCodec.encode(job))).mapEmpty();
        });
    }

    @Override
    public Future<Boolean> complete(ClaimedJob job, List<Task> tasks) {
        return RedisConversationStore.guarded(() -> {
            List<String> args = new ArrayList<>(List.of(job.id(), Long.toString(job.fence()),
                    Integer.toString(RedisKeys.TASKS_MAX)));
            for (Task t : tasks) {
                args.add(t.id());
                args.add(t.kind());
                args.add(t.payload());
            }
            String[] keys = {RedisKeys.JOBS_DUE, RedisKeys.JOBS_LEASED, RedisKeys.JOBS_DATA, RedisKeys.JOBS_FENCE,
                    RedisKeys.TASKS};
            return redis.<Long>toFuture(COMPLETE.run(redis.commands(), ScriptOutputType.INTEGER, keys,
                    args.toArray(new String[0]))).map(n -> n == 1L);
        });
    }

    @Override
    public Future<Boolean> drop(ClaimedJob job) {
        return RedisConversationStore.guarded(() -> redis.<Long>toFuture(DROP.run(redis.commands(),
                ScriptOutputType.INTEGER, KEYS, job.id(), Long.toString(job.fence()))).map(n -> n == 1L));
    }

    private static List<ClaimedJob> decodeAll(List<Object> claimed) {
        List<ClaimedJob> jobs = new ArrayList<>(claimed.size() / 2);
        for (int i = 0; i + 1 < claimed.size(); i += 2) {
            String json = String.valueOf(claimed.get(i));
            long fence = Long.parseLong(String.valueOf(claimed.get(i + 1)));
            try {
                Job job = JobCodec.decode(json);
                DueTimer timer = Job.TURN.equals(job.kind()) ? TimerCodec.decode(json) : null;
                jobs.add(new ClaimedJob(job, fence, timer));
            } catch (StoredDataException | IllegalArgumentException e) {
                // One unreadable job must not block the others; it stays claimed, and so comes back after
                // its lease, where it is reported again rather than lost silently.
                log.error("skipping a claimed job: {}", e.getMessage());
            }
        }
        return jobs;
    }
}
