-- Finds (or makes) the person and conversation of an address (a channel that runs turns itself: the
-- sandbox, and the service starting a conversation).
-- KEYS: 1 address index, 2 person-hint index (or the address index again)
-- ARGV: 1 '1' when KEYS[2] is a person hint, 2.. the address arguments (lib_people.lua: addressArgs)
-- Returns {conversation id, person id}.
local conv, person = resolveAddress(addressArgs(2, 1, ARGV[1] == '1' and 2 or nil))
return {conv, person}
