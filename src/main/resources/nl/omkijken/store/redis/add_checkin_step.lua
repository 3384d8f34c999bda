-- Adds a step to a participant's day, and the participant to the day's index, each with the day's expiry.
-- KEYS: 1 the participant's day (list of JSON steps), 2 the day's index (set of participant ids)
-- ARGV: 1 the step (JSON), 2 the participant id, 3 how long a day is kept (ms)
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
