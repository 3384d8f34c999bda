-- Appends one entry to the outbox unless one was already appended under the same key, in one atomic
-- step: a callback delivered twice, or two racing callbacks, give exactly one entry. The entry joins
-- its conversation's order list, as a turn's replies do.
-- KEYS: 1 once key, 2 outbox stream, 3 the conversation's outbox order list
-- ARGV: 1 once-key TTL millis, 2 field name, 3 reply JSON, 4 order list TTL millis, 5 conversation id
-- Returns the new stream entry id, or false (a null reply) when the key was already set.
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return false
end
local id = redis.call('XADD', KEYS[2], '*', ARGV[2], ARGV[3], 'conv', ARGV[5])
redis.call('RPUSH', KEYS[3], id)
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return id
