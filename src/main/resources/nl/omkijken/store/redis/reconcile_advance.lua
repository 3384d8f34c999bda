-- Moves one source's reconciliation checkpoint forward, only while the owner holds the job's lease
-- (fencing: a round whose lease ran out writes nothing) and never backward.
-- KEYS: 1 lease key, 2 checkpoints hash
-- ARGV: 1 owner token, 2 source, 3 new checkpoint (epoch millis)
-- Returns 1 when the lease holds (moved, or already further), 0 when the lease was lost.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local current = redis.call('HGET', KEYS[2], ARGV[2])
if (not current) or tonumber(ARGV[3]) > tonumber(current) then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
end
return 1
