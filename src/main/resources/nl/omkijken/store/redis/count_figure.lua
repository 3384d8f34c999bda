-- Counts one thing of a line's day, and for a person taken over their wait, each with the day's expiry.
-- KEYS: 1 the day's counts (hash), 2 the day's waits (list of seconds)
-- ARGV: 1 what, 2 how long the day is kept (ms), 3 the wait in seconds or "", 4 the most waits kept a day
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if ARGV[3] ~= '' and redis.call('LLEN', KEYS[2]) < tonumber(ARGV[4]) then
  redis.call('RPUSH', KEYS[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return 1
