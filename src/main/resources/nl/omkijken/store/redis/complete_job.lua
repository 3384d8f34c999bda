-- Completes a claimed job: removes it and appends its tasks to the task stream, in one step, only for
-- the latest claim (a poller whose lease ran out while it worked, and whose job another took, writes
-- nothing, so a job's tasks are written once).
-- KEYS: 1 jobs:due, 2 jobs:leased, 3 jobs:data, 4 jobs:fence, 5 task stream
-- ARGV: 1 job id, 2 fence of the claim, 3 max length of the task stream, then per task: id, kind, payload
-- Returns 1 when completed, 0 when the claim is not the latest (nothing written).
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[2] or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
for i = 4, #ARGV, 3 do
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[3], '*', 'id', ARGV[i], 'kind', ARGV[i + 1], 'payload', ARGV[i + 2])
end
return 1
