-- Offers a conversation to a worker: only when the conversation is offered to nobody and the worker holds
-- no offer, so two instances' rounds never offer one conversation twice or give one worker two.
-- KEYS: 1 the conversation's offer, 2 the worker's offer, 3 who was offered the conversation lately
-- ARGV: 1 worker id, 2 conversation id, 3 the offer's time (ms), 4 how long "tried" is remembered (ms),
--       5 until (epoch ms)
-- Returns 1 when offered, 0 when not.
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
-- Not again to someone who had it lately (another instance's round may have read "tried" before).
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2] .. '|' .. ARGV[5], 'PX', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return 1
