-- Drops a claimed job whose subject is gone (a conversation expired after retention, erased): without
-- this it would come due again after every lease, forever. Only by the latest claim, and only while it
-- is not scheduled again (a new conversation may have set a follow-up of the same name meanwhile).
-- KEYS: 1 jobs:due, 2 jobs:leased, 3 jobs:data, 4 jobs:fence
-- ARGV: 1 job id, 2 fence of the claim
-- Returns 1 when dropped, 0 when it was not.
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[2] or redis.call('ZSCORE', KEYS[1], ARGV[1])
    or not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
return 1
