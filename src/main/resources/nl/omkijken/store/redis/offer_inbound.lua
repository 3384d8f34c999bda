-- Takes one verified inbound message: dedupe on the provider's id, find (or make) the conversation of
-- the sender's address, then append the message to its partition stream, in one atomic step (a duplicate
-- is never written; a written message is always marked seen, and always has its conversation).
-- KEYS: 1 partition stream, 2 address index, 3 person-hint index (or the address index again when there
--       is no hint), 4 dedupe key (absent when the message has no provider id)
-- ARGV: 1 dedupe TTL seconds, 2 field name, 3 message JSON, 4 '1' when KEYS[3] is a person hint,
--       5.. the address arguments (lib_people.lua: addressArgs)
-- Returns {entry id, conversation id}, or {} for a duplicate.
if KEYS[4] then
  if not redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[1]) then
    return {}
  end
end
local conv = resolveAddress(addressArgs(5, 2, ARGV[4] == '1' and 3 or nil))
-- The conversation id is a field of its own: the message JSON was made before it was known.
return {redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[3], 'conv', conv), conv}
