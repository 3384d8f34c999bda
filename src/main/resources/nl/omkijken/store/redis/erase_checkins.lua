-- Erases a participant's check-in days: each day's steps, and their id from each day's index.
-- KEYS: pairs of (the participant's day, the day's index), one pair per day kept
-- ARGV: 1 the participant id
-- Returns how many of their days there were.
local n = 0
for i = 1, #KEYS, 2 do
  n = n + redis.call('DEL', KEYS[i])
  redis.call('SREM', KEYS[i + 1], ARGV[1])
end
return n
