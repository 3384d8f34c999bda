-- Takes one counted sign-in attempt back, if the count still exists (never makes a counter without a
-- time to live). KEYS: 1 the counter. Returns the count left.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('DECR', KEYS[1])
end
return 0
