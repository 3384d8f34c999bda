-- Appends one entry to the outbox unless one was already appended under the same key, in one atomic
-- step: a callback delivered twice, or two racing callbacks, give exactly one entry.
-- KEYS: 1 once key, 2 outbox stream
-- ARGV: 1 once-key TTL millis, 2 field name, 3 reply JSON
-- Returns the new stream entry id, or false (a null reply) when the key was already set.
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return false
end
return redis.call('XADD', KEYS[2], '*', ARGV[2], ARGV[3])
