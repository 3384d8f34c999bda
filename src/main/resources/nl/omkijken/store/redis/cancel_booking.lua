-- Cancels a standing booking and frees its slot. KEYS as book_slot.lua. ARGV: 1 booking id, 2 now (epoch s).
-- 0 when unknown or cancelled already.
local json = redis.call('HGET', KEYS[4], ARGV[1])
if not json then return 0 end
if redis.call('HEXISTS', KEYS[6], ARGV[1]) == 1 then return 0 end
local b = cjson.decode(json)
if redis.call('HGET', KEYS[3], b.slot) == ARGV[1] then redis.call('HDEL', KEYS[3], b.slot) end
redis.call('HSET', KEYS[6], ARGV[1], ARGV[2])
if redis.call('HGET', KEYS[5], b.conversation) == ARGV[1] then redis.call('HDEL', KEYS[5], b.conversation) end
redis.call('INCR', KEYS[7])
return 1
