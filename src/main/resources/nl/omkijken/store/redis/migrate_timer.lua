-- Layout 2 -> 3: gives one stored timer its conversation's new id, keeping its due time.
-- KEYS: 1 timers:due, 2 timers:claimed, 3 timers:data
-- ARGV: 1 old timer id, 2 new timer id ('' to drop the timer: its conversation is gone), 3 new timer JSON
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[2] ~= '' and score then
  redis.call('ZADD', KEYS[1], score, ARGV[2])
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
  return 1
end
return 0
