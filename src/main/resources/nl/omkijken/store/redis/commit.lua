-- Writes one conversation turn atomically, fenced by the conversation lock.
-- KEYS: 1 lock, 2 session, 3 contact, 4 transcript, 5 meta, 6 jobs:due, 7 jobs:leased,
--       8 jobs:data, 9 outbox stream, 10 the conversation's outbox order list, 11 its handoff record,
--       12 the event stream, 13 jobs:fence, 14 the task stream, 15 the jobs' fence sequence, 16.. staff
--       queues (referenced by index from the payload),
--       last: the inbound partition stream when the turn carries a receipt (index in the payload)
-- ARGV: 1 lock token, 2 payload JSON (see CommitPayload.java); numbers travel as strings so that
--       no epoch millis pass through Lua's 14-digit number formatting; 3 '1' to release the lock with
--       the write (the turn is over), anything else to keep it.
-- Returns 1 when written, 0 when the lock is no longer held by this token (nothing written),
--         2 when the turn's inbound entry is no longer pending: it was handled before (nothing written),
--         3 when the follow-up job that caused the turn was claimed again since (its lease ran out) or
--           replaced: another turn runs it, this one writes nothing.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end

local p = cjson.decode(ARGV[2])
local ttl = p.retentionMs

-- A follow-up runs its turn once: only the latest claim of its job may write.
if p.fired and redis.call('HGET', KEYS[13], p.fired) ~= p.firedFence then
  return 3
end

-- Exactly one turn per queued message: the entry is acknowledged in the same atomic step that writes
-- the turn. XACK is the first write, so a turn whose message was already acknowledged writes nothing.
if p.receipt then
  if redis.call('XACK', KEYS[p.receipt.key], p.receipt.group, p.receipt.id) == 0 then
    return 2
  end
  redis.call('XDEL', KEYS[p.receipt.key], p.receipt.id)
end

redis.call('SET', KEYS[2], p.session, 'PX', ttl)
if p.contact then
  redis.call('SET', KEYS[3], p.contact, 'PX', ttl)
else
  redis.call('PEXPIRE', KEYS[3], ttl)
end
if p.channel and p.address then
  redis.call('HSET', KEYS[5], 'channel', p.channel, 'address', p.address)
elseif p.channel then
  redis.call('HSET', KEYS[5], 'channel', p.channel)
elseif p.address then
  redis.call('HSET', KEYS[5], 'address', p.address)
end
redis.call('PEXPIRE', KEYS[5], ttl)

-- One RPUSH for the turn's entries; unpack is bounded by Lua's stack, so very long turns go in slices.
local entries = p.transcript
for i = 1, #entries, 200 do
  redis.call('RPUSH', KEYS[4], unpack(entries, i, math.min(i + 199, #entries)))
end
redis.call('PEXPIRE', KEYS[4], ttl)

-- The timer that caused this turn goes first: the turn may schedule a new timer with the same id.
if p.fired then
  redis.call('ZREM', KEYS[6], p.fired)
  redis.call('ZREM', KEYS[7], p.fired)
  redis.call('HDEL', KEYS[8], p.fired)
  redis.call('HDEL', KEYS[13], p.fired)
end

for _, t in ipairs(p.timers) do
  -- A claim of an older follow-up with this id must not come back when its lease runs out, nor run.
  redis.call('ZREM', KEYS[7], t.id)
  if t.due then
    redis.call('ZADD', KEYS[6], t.due, t.id)
    redis.call('HSET', KEYS[8], t.id, t.data)
    redis.call('HSET', KEYS[13], t.id, redis.call('INCR', KEYS[15]))
  else
    redis.call('ZREM', KEYS[6], t.id)
    redis.call('HDEL', KEYS[8], t.id)
    redis.call('HDEL', KEYS[13], t.id)
  end
end

-- Each reply also joins its conversation's order list: the outbox sends a reply only when it is the
-- first of that list, so a later reply never overtakes an earlier one (parked, taken over, restarted).
for _, out in ipairs(p.outbound) do
  -- The conversation id and its address's key ride along as fields of their own: the claim needs them
  -- without decoding the reply.
  redis.call('RPUSH', KEYS[10], redis.call('XADD', KEYS[9], '*', 'outbound', out, 'conv', p.conversation,
    'to', p.address or ''))
end
if #p.outbound > 0 then
  redis.call('PEXPIRE', KEYS[10], p.orderTtlMs)
end

-- Effects beyond this conversation, carried out by the task workers once this turn is saved.
for i = 1, #p.tasks, 3 do
  redis.call('XADD', KEYS[14], 'MAXLEN', '~', p.tasksMax, '*', 'id', p.tasks[i], 'kind', p.tasks[i + 1],
    'payload', p.tasks[i + 2])
end

-- The handoff record and its queue membership change together: a handoff is in its queue while, and
-- only while, it waits (HandoffTransitions and QueueChange decided which change this is).
if p.handoff then
  redis.call('SET', KEYS[11], p.handoff.record, 'PX', ttl)
  if p.handoff.leave then
    redis.call('ZREM', KEYS[p.handoff.leave], p.handoff.member)
  end
  if p.handoff.join then
    redis.call('ZADD', KEYS[p.handoff.join], p.handoff.score, p.handoff.member)
    if p.handoff.queues then
      redis.call('SADD', KEYS[p.handoff.queues], KEYS[p.handoff.join])
    end
  end
  if p.handoff.open then
    redis.call('ZADD', KEYS[p.handoff.openIndex], p.handoff.openScore, p.handoff.member)
  else
    redis.call('ZREM', KEYS[p.handoff.openIndex], p.handoff.member)
  end
end

-- One event for every instance to follow: type turn, then the payload's fields (all strings).
local fields = {'type', 'turn'}
for k, v in pairs(p.event) do
  fields[#fields + 1] = k
  fields[#fields + 1] = v
end
redis.call('XADD', KEYS[12], 'MAXLEN', '~', p.eventsMax, '*', unpack(fields))

if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1])
end
return 1
