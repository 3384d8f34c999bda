-- Writes a console session with its idle time in one step (a session without a time limit cannot be left).
-- KEYS: 1 the session's key; ARGV: 1 idle millis, 2.. fields and values.
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
