-- Layout 1 to 2, one queue member: gives a conversation that waits in a staff queue its handoff record,
-- or takes it out of the queue when its conversation is gone. Leaves a conversation that already has a
-- record alone (a turn of the new release wrote it, or an earlier run of the upgrade did).
-- KEYS: 1 queue, 2 the conversation's session, 3 its handoff record
-- ARGV: 1 member (conversation id), 2 handoff JSON to write ('' when the session is gone)
-- Returns 'removed', 'recorded' or 'kept'.
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 'removed'
end
if redis.call('EXISTS', KEYS[3]) == 1 or ARGV[2] == '' then
  return 'kept'
end
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then
  redis.call('SET', KEYS[3], ARGV[2], 'PX', ttl)
else
  redis.call('SET', KEYS[3], ARGV[2])
end
return 'recorded'
