-- One read of an inbound partition by the owner of its lease (one round trip per batch).
-- KEYS: 1 partition stream, 2 partition lease, 3 dead-letter stream, 4 takeover counts of the partition
-- ARGV: 1 owner (lease token and consumer name), 2 consumer group, 3 max entries, 4 max deliveries,
--       5 claim min idle millis, 6 dead-letter stream max length, 7 '1' on the first read after taking
--       the lease, 8 field name of the message, 9 max takeovers given back per entry,
--       10.. entries of the previous read that were not attempted
-- Returns {held, claimed, {dead-lettered ids}, id1, message1, conversation1, id2, ...}; held 0 = not the
-- owner. A conversation is '' for an entry written before messages had one of their own (layout 2).
--
-- Order: entries earlier owners left pending are taken over first (XAUTOCLAIM), then this owner's
-- pending entries are delivered again, oldest first, and only when nothing older is pending anywhere
-- are new entries read. So a conversation's messages (one partition) never overtake each other.
local stream, lease, dead = KEYS[1], KEYS[2], KEYS[3]
local owner, group = ARGV[1], ARGV[2]
local max = tonumber(ARGV[3])
local maxDeliveries = tonumber(ARGV[4])
local claimIdle = ARGV[5]
local deadMax = ARGV[6]
local takeover = ARGV[7] == '1'
local field = ARGV[8]

if redis.call('GET', lease) ~= owner then
  return {0, 0, {}}
end

local summary = redis.pcall('XPENDING', stream, group)
if summary.err then
  -- No stream or no group yet, or Redis lost its data: make them; nothing is pending.
  redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
  summary = {0}
end

local function pendingOfOthers(s)
  local n = 0
  if tonumber(s[1]) > 0 and s[4] then
    for _, c in ipairs(s[4]) do
      if c[1] ~= owner then
        n = n + tonumber(c[2])
      end
    end
  end
  return n
end

-- Give back the delivery counted for entries that were handed out but not attempted.
for i = 10, #ARGV do
  local p = redis.call('XPENDING', stream, group, ARGV[i], ARGV[i], 1)
  if p[1] and p[1][2] == owner then
    local count = tonumber(p[1][4])
    redis.call('XCLAIM', stream, group, owner, 0, ARGV[i], 'RETRYCOUNT', math.max(0, count - 1), 'JUSTID')
  end
end

local pending = tonumber(summary[1])
local others = pendingOfOthers(summary)
local claimed = 0
if others > 0 then
  -- JUSTID: a takeover is not a delivery; the read below counts it.
  local cursor = '0-0'
  for round = 1, 10 do
    local r = redis.call('XAUTOCLAIM', stream, group, owner, claimIdle, cursor, 'COUNT', 100, 'JUSTID')
    claimed = claimed + #r[2]
    -- The owner it was delivered to died with it: that delivery ended with the owner, not with a failure
    -- of the message, so it is given back (a run of kill -9s had used up messages' deliveries without any
    -- turn failing). Only so often per entry: a message that kills every instance that takes it must
    -- still end in the dead letters.
    for _, id in ipairs(r[2]) do
      if redis.call('HINCRBY', KEYS[4], id, 1) <= tonumber(ARGV[9]) then
        local p = redis.call('XPENDING', stream, group, id, id, 1)
        if p[1] then
          redis.call('XCLAIM', stream, group, owner, 0, id, 'RETRYCOUNT', math.max(0, tonumber(p[1][4]) - 1), 'JUSTID')
        end
      end
    end
    if #r[2] > 0 then
      redis.call('PEXPIRE', KEYS[4], 86400000)
    end
    cursor = r[1]
    if cursor == '0-0' then
      break
    end
  end
  summary = redis.call('XPENDING', stream, group)
  pending = tonumber(summary[1])
  others = pendingOfOthers(summary)
end

if (takeover or claimed > 0) and others == 0 then
  -- Earlier owners with nothing pending are gone for good: forget them.
  for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', stream, group)) do
    local name, count
    for i = 1, #c, 2 do
      if c[i] == 'name' then name = c[i + 1] elseif c[i] == 'pending' then count = c[i + 1] end
    end
    if name ~= owner and count == 0 then
      redis.call('XGROUP', 'DELCONSUMER', stream, group, name)
    end
  end
end

local deadIds = {}
local out = {1, claimed, deadIds}
local function append(entries)
  local n = 0
  for _, e in ipairs(entries) do
    local body = e[2]
    if not body then
      -- Deleted while pending: nothing left to deliver.
      redis.call('XACK', stream, group, e[1])
    else
      local message, conv = '', ''
      for i = 1, #body, 2 do
        if body[i] == field then message = body[i + 1] elseif body[i] == 'conv' then conv = body[i + 1] end
      end
      out[#out + 1] = e[1]
      out[#out + 1] = message
      out[#out + 1] = conv
      n = n + 1
    end
  end
  return n
end

local delivered = 0
local ownDrained = true
if pending > 0 then
  local mine = redis.call('XPENDING', stream, group, '-', '+', max, owner)
  ownDrained = #mine < max
  local keep = 0
  for _, p in ipairs(mine) do
    if tonumber(p[4]) >= maxDeliveries then
      local e = redis.call('XRANGE', stream, p[1], p[1])
      if e[1] then
        redis.call('XADD', dead, 'MAXLEN', '~', deadMax, '*', 'stream', stream, 'entry', p[1],
          'deliveries', p[4], unpack(e[1][2]))
      end
      redis.call('XACK', stream, group, p[1])
      redis.call('XDEL', stream, p[1])
      deadIds[#deadIds + 1] = p[1]
    else
      keep = keep + 1
    end
  end
  if keep > 0 then
    -- Exactly the inspected entries that were kept: they are the oldest of this owner's pending ones.
    local r = redis.call('XREADGROUP', 'GROUP', group, owner, 'COUNT', keep, 'STREAMS', stream, '0')
    if r and r[1] then
      delivered = append(r[1][2])
    end
  end
end

if others == 0 and ownDrained and delivered < max then
  local r = redis.call('XREADGROUP', 'GROUP', group, owner, 'COUNT', max - delivered, 'STREAMS', stream, '>')
  if r and r[1] then
    append(r[1][2])
  end
end
return out
