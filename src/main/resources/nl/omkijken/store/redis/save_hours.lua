-- Saves the opening hours coordinators wrote, with a new version, in one step, only over the version the
-- coordinator started from: two coordinators saving at once do not silently undo each other's change.
-- KEYS: 1 the hours hash; ARGV: 1 the YAML text, 2 who, 3 when (ISO), 4 the version they read (0: none saved)
-- Returns the new version, or -1 when someone saved in between.
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if current ~= tonumber(ARGV[4]) then
  return -1
end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'yaml', ARGV[1], 'by', ARGV[2], 'at', ARGV[3])
return version
