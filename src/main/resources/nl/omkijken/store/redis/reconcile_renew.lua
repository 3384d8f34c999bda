-- Extends a reconciliation lease, only for the owner that holds it.
-- KEYS: 1 lease key
-- ARGV: 1 owner token, 2 TTL millis
-- Returns 1 when extended, 0 when the owner no longer holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
