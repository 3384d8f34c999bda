-- Records the outcome of one send and takes the reply off the outbox, in one step: a reply whose
-- status is recorded is never left pending (and so never sent twice by a reclaim).
-- KEYS: 1 status hash, 2 outbox stream
-- ARGV: 1 status, 2 provider id or '', 3 at (ISO instant), 4 status TTL millis, 5 consumer group,
--       6 stream entry id or '' (unknown: the entry is settled when it is next claimed)
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3], 'providerId', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ARGV[6] ~= '' then
  redis.call('XACK', KEYS[2], ARGV[5], ARGV[6])
  redis.call('XDEL', KEYS[2], ARGV[6])
end
return 1
