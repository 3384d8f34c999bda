-- Saves a worker's profile fields, only while the worker exists: a coordinator's change that crosses an
-- admin's removal does not bring the removed worker back as a record without a name.
-- KEYS: 1 the worker's record
-- ARGV: field, value pairs
-- Returns 1 when saved, 0 when the worker is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
