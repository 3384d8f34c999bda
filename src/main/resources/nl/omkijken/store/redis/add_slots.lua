-- Adds free slots. KEYS as book_slot.lua. ARGV: id, start (epoch s), JSON, for each slot in turn.
for i = 1, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i])
end
redis.call('INCR', KEYS[7])
return 1
