-- Saves a Telefooncirkel participant, unless another participant has the same phone number (one daily call
-- per number; two coordinators enrolling at once cannot both add it).
-- KEYS: 1 the participants hash (id -> JSON)
-- ARGV: 1 id, 2 the record (JSON), 3 its phone number (E.164)
-- Returns the id of the participant who has the number, or false when saved.
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if all[i] ~= ARGV[1] then
    local ok, other = pcall(cjson.decode, all[i + 1])
    if ok and type(other) == 'table' and other['phone'] == ARGV[3] then
      return all[i]
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return false
