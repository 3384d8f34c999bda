-- One lease round of an instance that reads the inbound partitions.
-- KEYS: 1 members (zset: owner -> alive until, epoch millis), 2.. the lease keys of partitions 0..N-1
-- ARGV: 1 owner token, 2 lease millis
-- Returns {instances, share, code of partition 0, code of partition 1, ...}, where a code is
--   0: not held by this owner, 1: held and renewed, 2: taken in this round.
-- The share is a fair part of the partitions among the instances alive now; an instance takes free
-- partitions only up to it, so a second instance finds partitions to take once the first gives back
-- what it holds beyond its share.
local owner = ARGV[1]
local lease = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + lease, owner)
redis.call('PEXPIRE', KEYS[1], lease * 2)
local instances = redis.call('ZCARD', KEYS[1])
local partitions = #KEYS - 1
local share = math.ceil(partitions / instances)

local result = {instances, share}
local held = 0
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == owner then
    redis.call('PEXPIRE', KEYS[i], lease)
    result[i + 1] = 1
    held = held + 1
  else
    result[i + 1] = 0
  end
end
for i = 2, #KEYS do
  if held >= share then
    break
  end
  if result[i + 1] == 0 and redis.call('SET', KEYS[i], owner, 'NX', 'PX', lease) then
    result[i + 1] = 2
    held = held + 1
  end
end
return result
