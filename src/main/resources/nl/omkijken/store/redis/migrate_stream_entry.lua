-- Layout 2 -> 3: replaces one stream entry by its rewritten copy (appended to a stream, possibly
-- another), in one step, so a crash leaves either the old entry or the new one, never both or neither.
-- KEYS: 1 old stream, 2 new stream, 3 an order list naming the old entry (or the old stream again)
-- ARGV: 1 old entry id, 2 consumer group of the old stream, 3 '1' when KEYS[3] is an order list,
--       4.. field, value, ... of the new entry (none: the entry is only removed)
-- Returns the new entry id, or '' when only removed.
local new = ''
if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then
  return new
end
if #ARGV >= 5 then
  new = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))
  if ARGV[3] == '1' then
    local at = redis.call('LPOS', KEYS[3], ARGV[1])
    if at then redis.call('LSET', KEYS[3], at, new) end
  end
end
redis.pcall('XACK', KEYS[1], ARGV[2], ARGV[1])
redis.call('XDEL', KEYS[1], ARGV[1])
return new
