-- Takes a conversation's lock and, when it was free, reads the conversation in the same step (one
-- round trip instead of two; the read is a consistent snapshot, as in load.lua).
-- KEYS: 1 lock, 2 session, 3 contact, 4 meta, 5 handoff
-- ARGV: 1 lock token, 2 lease millis
-- Returns {0} when another holder has the lock (nothing read), else
--         {1, session JSON, contact JSON, channel, address, handoff JSON}; a missing value is nil.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {0}
end
local meta = redis.call('HMGET', KEYS[4], 'channel', 'address')
return {1, redis.call('GET', KEYS[2]), redis.call('GET', KEYS[3]), meta[1], meta[2], redis.call('GET', KEYS[5])}
