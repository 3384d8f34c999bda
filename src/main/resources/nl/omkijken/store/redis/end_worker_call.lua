-- A worker's call ended: the on-call mark goes, but only when it is this call's (a late report of an earlier call
-- must not free a worker who is on another one now).
-- KEYS: 1 the worker's on-call mark. ARGV: 1 the call's id.
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or v == 'ringing' then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
