-- Records the outcome of one send and takes the reply off the outbox, in one step: a reply whose
-- status is recorded is never left pending (and so never sent twice by a reclaim). The reply leaves
-- its conversation's order list too, and the next open reply of the conversation is returned.
-- KEYS: 1 status hash, 2 outbox stream, 3 the conversation's outbox order list, 4 the event stream
-- ARGV: 1 status, 2 provider id or '', 3 at (ISO instant), 4 status TTL millis, 5 consumer group,
--       6 stream entry id or '' (unknown: the entry is settled when it is next claimed),
--       7 conversation id, 8 outbound id, 9 event stream cap, 10 key prefix of the provider-id-to-reply
--       records (each provider id of a sent reply, comma-separated in ARGV[2], is recorded as ours)
-- Returns the conversation's next open entry id, '' when none is left (ids whose entries are gone
-- are popped on the way, as in outbox_head.lua).
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3], 'providerId', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[1] == 'sent' and ARGV[2] ~= '' then
  for sid in string.gmatch(ARGV[2], '[^,]+') do
    redis.call('SET', ARGV[10] .. sid, ARGV[8], 'PX', ARGV[4])
  end
end
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[9], '*', 'type', 'delivery', 'conversation', ARGV[7],
  'outbound', ARGV[8], 'status', ARGV[1])
if ARGV[6] ~= '' then
  redis.call('XACK', KEYS[2], ARGV[5], ARGV[6])
  redis.call('XDEL', KEYS[2], ARGV[6])
  redis.call('LREM', KEYS[3], 1, ARGV[6])
end
for _ = 1, 100 do
  local id = redis.call('LINDEX', KEYS[3], 0)
  if not id then break end
  if #redis.call('XRANGE', KEYS[2], id, id) > 0 then
    return id
  end
  redis.call('LPOP', KEYS[3])
end
return ''
