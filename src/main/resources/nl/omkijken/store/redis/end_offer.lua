-- Ends an offer, only when it is still this worker's offer of this conversation.
-- KEYS: 1 the conversation's offer, 2 the worker's offer
-- ARGV: 1 worker id
-- Returns 1 when ended, 0 when it was not (any more) this worker's.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
return 1
