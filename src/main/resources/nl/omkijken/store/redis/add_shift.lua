-- Adds a planned shift, unless its worker has another one at the same time (two coordinators planning at
-- once cannot give one volunteer two overlapping shifts).
-- KEYS: 1 the shifts index (sorted set: id by start), 2 the new shift's record
-- ARGV: 1 id, 2 worker, 3 line, 4 start (ms), 5 end (ms), 6 longest shift (ms), 7 the record's expiry (ms),
--       8 the records' key prefix
-- Returns the id of the overlapping shift, or false when added.
local start, finish = tonumber(ARGV[4]), tonumber(ARGV[5])
local near = redis.call('ZRANGEBYSCORE', KEYS[1], start - tonumber(ARGV[6]), '(' .. finish)
for _, other in ipairs(near) do
  local f = redis.call('HMGET', ARGV[8] .. other, 'worker', 'end')
  if f[1] == ARGV[2] and f[2] and tonumber(f[2]) > start then
    return other
  end
end
redis.call('HSET', KEYS[2], 'worker', ARGV[2], 'line', ARGV[3], 'start', ARGV[4], 'end', ARGV[5])
redis.call('PEXPIREAT', KEYS[2], ARGV[7])
redis.call('ZADD', KEYS[1], start, ARGV[1])
return false
