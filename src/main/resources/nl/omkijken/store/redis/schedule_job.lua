-- Schedules a job, replacing one with the same id: its data and due time are set, and its fence is
-- raised, so a poller that holds a claim of the replaced job can no longer complete or drop it.
-- KEYS: 1 jobs:due, 2 jobs:leased, 3 jobs:data, 4 jobs:fence, 5 the fence sequence
-- ARGV: 1 job id, 2 due (epoch millis), 3 job JSON
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], redis.call('INCR', KEYS[5]))
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
