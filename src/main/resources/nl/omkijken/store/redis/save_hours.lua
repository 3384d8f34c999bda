-- Saves the opening hours coordinators wrote, with a new version, in one step.
-- KEYS: 1 the hours hash; ARGV: 1 the YAML text, 2 who, 3 when (ISO). Returns the new version.
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'yaml', ARGV[1], 'by', ARGV[2], 'at', ARGV[3])
return version
