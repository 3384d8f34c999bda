-- Layout 2 -> 3: moves one conversation from its old id ("sms:+316...") to its opaque id, in one step.
-- KEYS: 1-6 old session, contact, transcript, meta, handoff, outbox order; 7-12 the same of the new id;
--       13 old lock, 14 the staff queue of its handoff (or the old meta again when it has none)
-- ARGV: 1 new session JSON, 2 new contact JSON ('' for none), 3 new handoff JSON ('' for none),
--       4 channel, 5 the address's key, 6 old id, 7 new id, 8 '1' when KEYS[14] is a queue
-- Returns 1 when moved, 0 when there was nothing left to move (moved before).
if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[4]) == 0 then
  return 0
end

-- A value rewritten with the new id keeps the time it had left to live.
local function rewrite(old, new, value)
  local ttl = redis.call('PTTL', old)
  if value ~= '' then
    if ttl > 0 then
      redis.call('SET', new, value, 'PX', ttl)
    else
      redis.call('SET', new, value)
    end
  end
  redis.call('DEL', old)
end

rewrite(KEYS[1], KEYS[7], ARGV[1])
rewrite(KEYS[2], KEYS[8], ARGV[2])
rewrite(KEYS[5], KEYS[11], ARGV[3])
-- Lists move whole (RENAME keeps their TTL).
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('RENAME', KEYS[3], KEYS[9]) end
if redis.call('EXISTS', KEYS[6]) == 1 then redis.call('RENAME', KEYS[6], KEYS[12]) end

-- The meta names the address by its key now; the address itself is in the person's record.
local metaTtl = redis.call('PTTL', KEYS[4])
redis.call('HSET', KEYS[10], 'channel', ARGV[4], 'address', ARGV[5])
if metaTtl > 0 then redis.call('PEXPIRE', KEYS[10], metaTtl) end
redis.call('DEL', KEYS[4])
redis.call('DEL', KEYS[13])

if ARGV[8] == '1' then
  local score = redis.call('ZSCORE', KEYS[14], ARGV[6])
  if score then
    redis.call('ZREM', KEYS[14], ARGV[6])
    redis.call('ZADD', KEYS[14], score, ARGV[7])
  end
end
return 1
