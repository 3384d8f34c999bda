-- Counts one sign-in attempt under a key that lives for the lockout window from its first attempt, in one
-- step (a count that cannot lose its time to live).
-- KEYS: 1 the counter; ARGV: 1 window in millis. Returns the count.
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
