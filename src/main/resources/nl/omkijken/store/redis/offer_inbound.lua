-- Takes one verified inbound message: dedupe on the provider's id, then append it to its partition
-- stream, in one atomic step (a duplicate is never written; a written message is always marked seen).
-- KEYS: 1 partition stream, 2 dedupe key (absent when the message has no provider id)
-- ARGV: 1 dedupe TTL seconds, 2 field name, 3 message JSON
-- Returns the new stream entry id, or false (a null reply) for a duplicate.
if KEYS[2] then
  if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then
    return false
  end
end
return redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[3])
