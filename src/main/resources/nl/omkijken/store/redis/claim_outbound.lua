-- One claim of replies from the outbox, in one round trip: first (when asked) entries other senders
-- left unacknowledged for longer than the idle time (XAUTOCLAIM: that sender died mid-send), then new
-- entries (XREADGROUP, never blocking). Makes the consumer group when Redis lost it.
-- KEYS: 1 outbox stream
-- ARGV: 1 group, 2 consumer, 3 max entries, 4 idle millis, 5 '1' to take over idle entries first,
--       6 max takeover rounds (one XAUTOCLAIM call looks at a limited part of the pending list),
--       7 field name of the reply, 8 and 9 the order key's prefix and suffix around a conversation id,
--       10 the address index key prefix, 11 the person key prefix
-- Returns {taken over, id1, reply1, head1, to1, before1, id2, ...}: before is '1' for an entry that was
-- delivered before (taken over from a sender that died, or moved by the layout upgrade while a sender
-- had it: field 'check'), whose outcome may be recorded or whose send may have happened; '0' for new. A reply is '' when its
-- entry was deleted while pending. A head is the first open entry of the reply's conversation (see
-- outbox_head.lua): the reply may be sent only when it is its own head, or '' (no order known). 'to' is
-- where the reply goes, looked up in the person's record (the only place an address is kept) by the key
-- of the conversation's address; '' when the person or the conversation is gone (erased, expired).
local stream, group, consumer, field = KEYS[1], ARGV[1], ARGV[2], ARGV[7]
local max = tonumber(ARGV[3])
local out = {0}
local n = 0

-- The conversation of each entry, by entry id: its 'conv' field (entries written before it had one:
-- read from the reply itself).
local convOf = {}
-- The key of each entry's address, by entry id: its 'to' field (entries written before it had one: the
-- conversation's meta says).
local toOf = {}

local function append(entries, takenOver)
  for _, e in ipairs(entries) do
    local reply = ''
    local before = takenOver
    local body = e[2]
    if body then
      for i = 1, #body, 2 do
        if body[i] == field then reply = body[i + 1]
        elseif body[i] == 'conv' then convOf[e[1]] = body[i + 1]
        elseif body[i] == 'to' then toOf[e[1]] = body[i + 1]
        elseif body[i] == 'check' then before = '1' end
      end
    end
    out[#out + 1] = e[1]
    out[#out + 1] = reply
    out[#out + 1] = ''
    out[#out + 1] = ''
    out[#out + 1] = before
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
    append(r[2], '1')
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
  if r and r[1] then append(r[1][2], '0') end
end

-- The head of each claimed reply's conversation, once per conversation. A head that is one of the
-- entries just claimed exists; only another is checked against the stream (see outbox_head.lua).
local claimedIds = {}
for i = 2, #out, 5 do claimedIds[out[i]] = true end
local heads = {}
local addresses = {}
local convPrefix = ARGV[8]
for i = 2, #out, 5 do
  local reply = out[i + 1]
  if reply ~= '' then
    local conv = convOf[out[i]]
    if not conv then
      local ok, o = pcall(cjson.decode, reply)
      conv = ok and type(o) == 'table' and o.conversationId
    end
    if type(conv) == 'string' then
      if heads[conv] == nil then
        local key = convPrefix .. conv .. ARGV[9]
        local head = ''
        for _ = 1, 100 do
          local id = redis.call('LINDEX', key, 0)
          if not id then break end
          if claimedIds[id] or #redis.call('XRANGE', stream, id, id) > 0 then
            head = id
            break
          end
          redis.call('LPOP', key)
        end
        heads[conv] = head
        local to = ''
        local addrKey = toOf[out[i]]
        if not addrKey or addrKey == '' then
          addrKey = redis.call('HGET', convPrefix .. conv .. '}:meta', 'address')
        end
        if addrKey then
          local person = redis.call('HGET', ARGV[10] .. addrKey, 'person')
          if person then
            to = redis.call('HGET', ARGV[11] .. person .. '}', 'a:' .. addrKey) or ''
          end
        end
        addresses[conv] = to
      end
      out[i + 2] = heads[conv]
      out[i + 3] = addresses[conv]
    end
  end
end
return out
