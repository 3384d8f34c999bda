-- Claims due timers for one caller. Atomic, so no timer goes to two callers.
-- KEYS: 1 timers:due, 2 timers:claimed, 3 timers:data
-- ARGV: 1 now (epoch millis), 2 max count, 3 lease expiry (epoch millis)
-- Returns the timer JSON of each claimed timer.

-- Claims whose lease ran out (the claimer died before its commit) are due again at once.
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
  end
end
return claimed
