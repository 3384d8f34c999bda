-- Reads one conversation as a consistent snapshot (a commit cannot land between the reads).
-- KEYS: 1 session, 2 contact, 3 meta, 4 handoff
-- Returns {session JSON, contact JSON, channel, address, handoff JSON}; a missing value is nil.
local meta = redis.call('HMGET', KEYS[3], 'channel', 'address')
return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]), meta[1], meta[2], redis.call('GET', KEYS[4])}
