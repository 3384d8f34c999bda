-- Moves a task no handler could carry out to the task dead letters, and off the task stream.
-- KEYS: 1 task stream, 2 task dead letters
-- ARGV: 1 group, 2 entry id, 3 dead letters' max length, 4 reason, 5 id, 6 kind, 7 payload
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'id', ARGV[5], 'kind', ARGV[6], 'payload', ARGV[7],
  'reason', ARGV[4])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
