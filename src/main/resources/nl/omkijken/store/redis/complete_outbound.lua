-- Records the outcome of one send and takes the reply off the outbox, in one step: a reply whose
-- status is recorded is never left pending (and so never sent twice by a reclaim). The reply leaves
-- its conversation's order list too, and the next open reply of the conversation is returned.
-- KEYS: 1 status hash, 2 outbox stream, 3 the conversation's outbox order list
-- ARGV: 1 status, 2 provider id or '', 3 at (ISO instant), 4 status TTL millis, 5 consumer group,
--       6 stream entry id or '' (unknown: the entry is settled when it is next claimed),
--       7 outbound id, 8 key prefix of the provider-id-to-reply records (each provider id of a sent
--       reply, comma-separated in ARGV[2], is recorded as this reply's), 9 the live deliveries channel,
--       10 the reply's conversation id
-- Returns the conversation's next open entry id, '' when none is left. Not checked against the stream
-- (that costs a read per reply): nearly always it is the sender's own next reply; a stale id (its entry
-- gone) holds the conversation until the sender's next head look-up (outbox_head.lua) pops it.
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3], 'providerId', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[1] == 'sent' and ARGV[2] ~= '' then
  for sid in string.gmatch(ARGV[2], '[^,]+') do
    redis.call('SET', ARGV[8] .. sid, ARGV[7], 'PX', ARGV[4])
  end
end
-- For consoles on every instance (pub/sub, loss is harmless: the status is also in KEYS[1]): a reply
-- that did not go out. One that did is reported by the provider's delivery report (delivered, read).
if ARGV[1] ~= 'sent' then
  redis.call('PUBLISH', ARGV[9], 'send ' .. ARGV[7] .. ' ' .. ARGV[1] .. ' ' .. ARGV[10])
end
if ARGV[6] ~= '' then
  redis.call('XACK', KEYS[2], ARGV[5], ARGV[6])
  redis.call('XDEL', KEYS[2], ARGV[6])
  redis.call('LREM', KEYS[3], 1, ARGV[6])
end
return redis.call('LINDEX', KEYS[3], 0) or ''
