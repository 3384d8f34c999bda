-- Removes slots that ended before the cutoff, with their bookings (the intake: names, e-mail, phone), whoever
-- booked them, and bookings cancelled before it. KEYS as book_slot.lua. ARGV: 1 cutoff (epoch s: slots starting
-- before it), 2 at most this many slots a run. Returns how many slots went.
local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, slot in ipairs(gone) do
  local booking = redis.call('HGET', KEYS[3], slot)
  if booking then
    local json = redis.call('HGET', KEYS[4], booking)
    if json then
      local conversation = cjson.decode(json).conversation
      if redis.call('HGET', KEYS[5], conversation) == booking then redis.call('HDEL', KEYS[5], conversation) end
    end
    redis.call('HDEL', KEYS[4], booking)
    redis.call('HDEL', KEYS[6], booking)
  end
  redis.call('HDEL', KEYS[3], slot)
  redis.call('HDEL', KEYS[1], slot)
  redis.call('ZREM', KEYS[2], slot)
end
-- Cancelled bookings of slots still there (moved away from, cancelled): kept until their own cancellation is old.
local cancelled = redis.call('HGETALL', KEYS[6])
for i = 1, #cancelled, 2 do
  if tonumber(cancelled[i + 1]) < tonumber(ARGV[1]) then
    redis.call('HDEL', KEYS[4], cancelled[i])
    redis.call('HDEL', KEYS[6], cancelled[i])
  end
end
if #gone > 0 then redis.call('INCR', KEYS[7]) end
return #gone
