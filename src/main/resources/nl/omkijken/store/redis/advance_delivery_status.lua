-- Moves one message's delivery status forward, never back (DeliveryStatus.advances): callbacks
-- arrive out of order, and two may race. A final status (failed, undelivered, canceled) is kept
-- for good; any other status only gives way to a higher rank or to a final one.
-- KEYS: 1 delivery hash, 2 (with an outbound id) the set of provider ids of that outbound reply: any
--       callback, even a stale one, proves that the provider took the message (the outbox asks before
--       sending again a reply a dead instance may have sent)
-- ARGV: 1 status, 2 rank, 3 final ('1' or '0'), 4 error code or '', 5 outbound id or '',
--       6 at (ISO instant), 7 TTL millis, 8 the provider's message id, 9 the live deliveries channel
-- Returns 1 when the status changed, 0 when the callback was stale or a repeat.
if KEYS[2] and ARGV[5] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[8])
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
end
local state = redis.call('HMGET', KEYS[1], 'final', 'rank')
if state[1] == '1' then
  return 0
end
local current = tonumber(state[2] or '0')
if ARGV[3] ~= '1' and tonumber(ARGV[2]) <= current then
  return 0
end
local fields = {'status', ARGV[1], 'rank', ARGV[2], 'final', ARGV[3], 'at', ARGV[6]}
if ARGV[4] ~= '' then
  fields[#fields + 1] = 'errorCode'
  fields[#fields + 1] = ARGV[4]
end
if ARGV[5] ~= '' then
  fields[#fields + 1] = 'outbound'
  fields[#fields + 1] = ARGV[5]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[7])
-- For consoles on every instance (pub/sub: one that is not listening misses it, and reads the status
-- when it shows the reply): outbound id and its new status.
if ARGV[5] ~= '' then
  redis.call('PUBLISH', ARGV[9], 'delivery ' .. ARGV[5] .. ' ' .. ARGV[1])
end
return 1
