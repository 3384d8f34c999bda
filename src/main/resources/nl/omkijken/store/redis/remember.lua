-- Keeps facts on a person (fields m:NAME of the person's hash), only while the person's record exists:
-- a record that expired is not made again (it would have no TTL, and hold nothing but these).
-- KEYS: 1 the person's record
-- ARGV: NAME, VALUE pairs
-- Returns 1 when kept, 0 when the person is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 2 do
  redis.call('HSET', KEYS[1], 'm:' .. ARGV[i], ARGV[i + 1])
end
return 1
