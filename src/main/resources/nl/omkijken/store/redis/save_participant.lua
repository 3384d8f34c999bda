-- Saves a Telefooncirkel participant, unless another participant has the same phone number (one daily call
-- per number; two coordinators enrolling at once cannot both add it).
-- KEYS: 1 the participants hash (id -> JSON)
-- ARGV: 1 id, 2 the record (JSON), 3 its phone number (E.164)
-- Returns the id of the participant who has the number, or false when saved.
-- The participant's own number is the record's first "phone" (the record starts with the name, then the phone;
-- a contact's number comes later): found by plain string search, without decoding every record.
local needle = '"phone":"' .. ARGV[3] .. '"'
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if all[i] ~= ARGV[1] then
    local json = all[i + 1]
    local at = string.find(json, '"phone":"', 1, true)
    if at and string.sub(json, at, at + #needle - 1) == needle then
      return all[i]
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return false
