-- One claim of tasks from the task stream: first entries other workers left unacknowledged for longer
-- than the idle time (their instance died), then new ones. Makes the consumer group when missing.
-- KEYS: 1 task stream
-- ARGV: 1 group, 2 consumer, 3 max entries, 4 idle millis
-- Returns {entry id, deliveries, id, kind, payload, ...} (five per task).
local stream, group, consumer = KEYS[1], ARGV[1], ARGV[2]
local max = tonumber(ARGV[3])
local out = {}
local n = 0

local function missingGroup(r)
  return type(r) == 'table' and r.err and string.find(r.err, 'NOGROUP', 1, true)
end

local function add(e, deliveries)
  local body = e[2]
  if not body then
    -- Deleted while pending: nothing to do.
    redis.call('XACK', stream, group, e[1])
    return
  end
  local f = {}
  for i = 1, #body, 2 do f[body[i]] = body[i + 1] end
  out[#out + 1] = e[1]
  out[#out + 1] = deliveries
  out[#out + 1] = f.id or ''
  out[#out + 1] = f.kind or ''
  out[#out + 1] = f.payload or ''
  n = n + 1
end

local r = redis.pcall('XAUTOCLAIM', stream, group, consumer, ARGV[4], '0-0', 'COUNT', max)
if missingGroup(r) then
  redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
elseif type(r) == 'table' and r.err then
  return redis.error_reply(r.err)
else
  for _, e in ipairs(r[2]) do
    local p = redis.call('XPENDING', stream, group, e[1], e[1], 1)
    add(e, p[1] and p[1][4] or 1)
  end
end

if n < max then
  local fresh = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', max - n, 'STREAMS', stream, '>')
  if fresh and fresh[1] then
    for _, e in ipairs(fresh[1][2]) do add(e, 1) end
  end
end
return out
