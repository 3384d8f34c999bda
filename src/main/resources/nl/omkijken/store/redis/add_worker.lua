-- Adds a worker: the name (in its compared form) is taken in the same step as the record is written, so
-- two admins adding the same name at once get one worker, and the other a refusal.
-- KEYS: 1 the name index (hash: name key -> worker id), 2 the worker's record
-- ARGV: 1 name key, 2 worker id, 3.. the record's fields and values
-- Returns 1 when added, 0 when the name is taken.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
return 1
