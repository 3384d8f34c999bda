-- Gives back inbound partition leases, each only if this owner still holds it; on leaving, also ends
-- the owner's membership so the others' fair share grows at their next round.
-- KEYS: 1 members zset, 2.. lease keys to give back
-- ARGV: 1 owner token, 2 '1' when the owner leaves
local released = 0
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    released = released + 1
  end
end
if ARGV[2] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return released
