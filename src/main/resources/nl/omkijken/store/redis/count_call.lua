-- Counts a call in its second; the count keeps a few seconds.
-- KEYS: 1 the second's counter
-- ARGV: 1 how long the count is kept (ms)
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
