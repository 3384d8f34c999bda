-- Deletes the lock only while it still holds this token (a lock that expired and was taken by
-- another worker is not ours to delete).
-- KEYS: 1 lock. ARGV: 1 token. Returns 1 when deleted, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
