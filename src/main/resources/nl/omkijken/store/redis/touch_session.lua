-- A console session's record, its idle time renewed in the same step (a session that is read is in use).
-- KEYS: 1 the session's key
-- ARGV: 1 idle time in millis
-- Returns the record's fields and values, or an empty list when there is no session.
if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then
  return {}
end
return redis.call('HGETALL', KEYS[1])
