-- Reads one conversation as a consistent snapshot (a commit cannot land between the reads).
-- KEYS: 1 session, 2 contact, 3 meta
-- Returns {session JSON, contact JSON, channel, address}; a missing value is nil.
return {
  redis.call('GET', KEYS[1]),
  redis.call('GET', KEYS[2]),
  redis.call('HGET', KEYS[3], 'channel'),
  redis.call('HGET', KEYS[3], 'address')
}
