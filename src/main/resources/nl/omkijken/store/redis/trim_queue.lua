-- Removes the members of a staff queue whose handoff record is gone: the record expires with its
-- conversation (retention) when nothing happened in it for that long, and no commit is there to take
-- the member out. Looks at the first members (the longest waiting, where a forgotten one sits), bounded
-- per call.
-- Also gives a call-back task written before call-backs went after the live waits (Handoff.queueScore)
-- its place behind them, so the place a waiting person hears is right without a layout upgrade.
-- KEYS: 1 the queue
-- ARGV: 1 the conversation key prefix ("omk:conv:{"), 2 max members to look at, 3 the call-back offset
-- Returns how many members left the queue.
local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1, 'WITHSCORES')
local offset = tonumber(ARGV[3])
local removed = 0
for i = 1, #members, 2 do
  local conv = members[i]
  local score = tonumber(members[i + 1])
  local record = redis.call('GET', ARGV[1] .. conv .. '}:handoff')
  if not record then
    redis.call('ZREM', KEYS[1], conv)
    removed = removed + 1
  elseif score >= 0 and score < offset then
    local ok, h = pcall(cjson.decode, record)
    if ok and type(h) == 'table' and h.kind == 'CALLBACK' and h.urgentSince == nil then
      redis.call('ZADD', KEYS[1], score + offset, conv)
    end
  end
end
return removed
