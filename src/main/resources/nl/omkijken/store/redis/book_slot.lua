-- Books a slot for a booking, atomically: never two bookings on one slot, also from two instances.
-- KEYS: 1 slots (id -> JSON), 2 slots by start (zset, epoch s), 3 slot -> booking, 4 bookings (id -> JSON),
--       5 conversation -> standing booking, 6 booking -> cancelled at (epoch s), 7 version,
--       8 the inbound stream of the message the turn answers (when ARGV 7 is given)
-- ARGV: 1 booking id, 2 slot id, 3 conversation id, 4 booking JSON, 5 now (epoch s),
--       6 the inbound group and 7 the message's entry id, or empty: a message no longer pending had its turn saved
--       already (it was handled twice), so nothing is booked for it (HANDLED)
-- The same booking id again (a turn run twice) is BOOKED without a change. The conversation's standing booking, if
-- another and still to come, is cancelled in the same step: booking again moves the talk.
if ARGV[7] and ARGV[7] ~= '' then
  -- No stream or group (NOGROUP): nothing can be pending, as the commit's XACK would say too.
  local pending = redis.pcall('XPENDING', KEYS[8], ARGV[6], ARGV[7], ARGV[7], 1)
  if type(pending) ~= 'table' or pending.err or #pending == 0 then return 'HANDLED' end
end
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then return 'GONE' end
local holder = redis.call('HGET', KEYS[3], ARGV[2])
if holder then
  if holder == ARGV[1] then return 'BOOKED' end
  return 'TAKEN'
end
local start = redis.call('ZSCORE', KEYS[2], ARGV[2])
if (not start) or tonumber(start) <= tonumber(ARGV[5]) then return 'PAST' end
local old = redis.call('HGET', KEYS[5], ARGV[3])
if old and old ~= ARGV[1] then
  -- Moved only while the earlier talk is still to come; one that took place stays as it was.
  local oldJson = redis.call('HGET', KEYS[4], old)
  if oldJson then
    local oldSlot = cjson.decode(oldJson).slot
    local oldStart = redis.call('ZSCORE', KEYS[2], oldSlot)
    if oldStart and tonumber(oldStart) > tonumber(ARGV[5]) then
      if redis.call('HGET', KEYS[3], oldSlot) == old then redis.call('HDEL', KEYS[3], oldSlot) end
      redis.call('HSET', KEYS[6], old, ARGV[5])
    end
  end
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
redis.call('HDEL', KEYS[6], ARGV[1])
redis.call('HSET', KEYS[5], ARGV[3], ARGV[1])
redis.call('INCR', KEYS[7])
return 'BOOKED'
