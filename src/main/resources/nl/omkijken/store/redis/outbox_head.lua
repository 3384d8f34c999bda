-- The first open reply of each named conversation: the entry id at the front of its outbox order
-- list. An id whose entry is gone from the stream (settled without the list being told: completed by
-- an instance that did not claim it, dropped as unreadable) is popped first, so a lost id can never
-- hold a conversation back for good.
-- KEYS: 1 outbox stream
-- ARGV: 1 order key prefix, 2 order key suffix, 3.. conversation ids
-- Returns one entry id per conversation, '' when it has no open reply (or none with an order).
local out = {}
for i = 3, #ARGV do
  local key = ARGV[1] .. ARGV[i] .. ARGV[2]
  local head = ''
  for _ = 1, 100 do
    local id = redis.call('LINDEX', key, 0)
    if not id then break end
    if #redis.call('XRANGE', KEYS[1], id, id) > 0 then
      head = id
      break
    end
    redis.call('LPOP', key)
  end
  out[#out + 1] = head
end
return out
