-- Layout 2 -> 3: moves one conversation timer of layout 2 to the jobs (kind turn), under its
-- conversation's new id, keeping its due time; a claimed one is due again at once (its claimer is gone
-- with the old release).
-- KEYS: 1 layout-2 timers:due, 2 timers:claimed, 3 timers:data, 4 jobs:due, 5 jobs:data, 6 jobs:fence,
--       7 the fence sequence
-- ARGV: 1 old timer id, 2 new job id ('' to drop the timer: its conversation is gone), 3 job JSON,
--       4 now (epoch millis)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
local claimed = redis.call('ZSCORE', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[2] ~= '' and (score or claimed) then
  redis.call('ZADD', KEYS[4], score or ARGV[4], ARGV[2])
  redis.call('HSET', KEYS[5], ARGV[2], ARGV[3])
  redis.call('HSET', KEYS[6], ARGV[2], redis.call('INCR', KEYS[7]))
  return 1
end
return 0
