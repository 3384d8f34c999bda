-- Counts a call in its second; the count is kept until a little after that second (which may lie ahead).
-- KEYS: 1 the second's counter
-- ARGV: 1 when the count may go (epoch ms)
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return n
