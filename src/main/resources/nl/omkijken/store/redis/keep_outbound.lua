-- Keeps one pending outbox entry with its consumer: resets its idle time, so the takeover of idle
-- entries (XAUTOCLAIM) leaves it alone while this consumer is alive and will retry it itself.
-- Only when the entry is still pending with this consumer: a plain XCLAIM would take it from another.
-- KEYS: 1 outbox stream
-- ARGV: 1 consumer group, 2 consumer, 3 entry id
-- Returns 1 when kept, 0 when the entry is not (or no longer) this consumer's.
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if not p[1] or p[1][2] ~= ARGV[2] then
  return 0
end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1
