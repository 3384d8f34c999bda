-- Claims due jobs for one poller. Atomic, so no job goes to two pollers at once; each claim raises the
-- job's fence, so only the latest claim can complete or drop it (complete_job.lua, drop_job.lua, and a
-- conversation turn's commit.lua).
-- KEYS: 1 jobs:due, 2 jobs:leased, 3 jobs:data, 4 jobs:fence, 5 the fence sequence (fences come from one
--       counter, so a fence is never handed out twice even after a job's fence was deleted)
-- ARGV: 1 now (epoch millis), 2 max count, 3 lease expiry (epoch millis)
-- Returns {job JSON, fence, job JSON, fence, ...}.

-- Claims whose lease ran out (the poller died, or its work hangs) are due again at once.
-- Bounded per call so that a backlog cannot stall Redis; the rest follow on the next calls.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 1000)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], ARGV[1], id)
end

local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local data = redis.call('HGET', KEYS[3], id)
  -- An id without data is a leftover (its data was removed); dropping it from due is the cleanup.
  if data then
    redis.call('ZADD', KEYS[2], ARGV[3], id)
    claimed[#claimed + 1] = data
    local fence = redis.call('INCR', KEYS[5])
    redis.call('HSET', KEYS[4], id, fence)
    claimed[#claimed + 1] = tostring(fence)
  end
end
return claimed
