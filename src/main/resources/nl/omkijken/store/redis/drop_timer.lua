-- Drops a claimed timer whose conversation is gone (expired after retention, erased): without this it
-- would come due again after every lease, forever. Only while it is still claimed and not scheduled
-- again: a new conversation with the same id may have set a timer of the same name meanwhile.
-- KEYS: 1 timers:due, 2 timers:claimed, 3 timers:data
-- ARGV: 1 timer id
-- Returns 1 when dropped, 0 when it was not (scheduled again, or not claimed).
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
