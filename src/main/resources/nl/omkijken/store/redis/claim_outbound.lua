-- One claim of replies from the outbox, in one round trip: first (when asked) entries other senders
-- left unacknowledged for longer than the idle time (XAUTOCLAIM: that sender died mid-send), then new
-- entries (XREADGROUP, never blocking). Makes the consumer group when Redis lost it.
-- KEYS: 1 outbox stream
-- ARGV: 1 group, 2 consumer, 3 max entries, 4 idle millis, 5 '1' to take over idle entries first,
--       6 max takeover rounds (one XAUTOCLAIM call looks at a limited part of the pending list),
--       7 field name of the reply
-- Returns {taken over, id1, reply1, id2, reply2, ...}: the first <taken over> pairs were delivered
-- before (their outcome may be recorded already), the rest are new. A reply is '' when its entry was
-- deleted while pending.
local stream, group, consumer, field = KEYS[1], ARGV[1], ARGV[2], ARGV[7]
local max = tonumber(ARGV[3])
local out = {0}
local n = 0

local function append(entries)
  for _, e in ipairs(entries) do
    local reply = ''
    local body = e[2]
    if body then
      for i = 1, #body, 2 do
        if body[i] == field then reply = body[i + 1] end
      end
    end
    out[#out + 1] = e[1]
    out[#out + 1] = reply
    n = n + 1
  end
end

local function missingGroup(r)
  return type(r) == 'table' and r.err and string.find(r.err, 'NOGROUP', 1, true)
end

if ARGV[5] == '1' then
  local cursor = '0-0'
  for round = 1, tonumber(ARGV[6]) do
    local r = redis.pcall('XAUTOCLAIM', stream, group, consumer, ARGV[4], cursor, 'COUNT', max - n)
    if missingGroup(r) then
      redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
      break
    elseif r.err then
      return redis.error_reply(r.err)
    end
    append(r[2])
    cursor = r[1]
    if n >= max or cursor == '0-0' then break end
  end
  out[1] = n
end

if n < max then
  local r = redis.pcall('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - n, 'STREAMS', stream, '>')
  if missingGroup(r) then
    redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
    r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - n, 'STREAMS', stream, '>')
  elseif type(r) == 'table' and r.err then
    return redis.error_reply(r.err)
  end
  if r and r[1] then append(r[1][2]) end
end
return out
