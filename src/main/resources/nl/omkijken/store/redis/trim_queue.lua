-- Removes the members of a staff queue whose handoff record is gone: the record expires with its
-- conversation (retention) when nothing happened in it for that long, and no commit is there to take
-- the member out. Looks at the first members (the longest waiting, where a forgotten one sits), bounded
-- per call.
-- KEYS: 1 the queue
-- ARGV: 1 the conversation key prefix ("omk:conv:{"), 2 max members to look at
-- Returns how many members left the queue.
local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local removed = 0
for _, conv in ipairs(members) do
  if redis.call('EXISTS', ARGV[1] .. conv .. '}:handoff') == 0 then
    redis.call('ZREM', KEYS[1], conv)
    removed = removed + 1
  end
end
return removed
