-- Library (put in front of the scripts that need it, see LuaScript.load): finding the conversation of an
-- address by its key, and making person and index entry (and the conversation's id) for an address that
-- is new. The first message of a day from an address renews its person and index entry (retention).
--
-- Keys are built here from prefixes the caller passes (RedisKeys), because which person or conversation
-- an address belongs to is only known inside the script.
--
-- a: {index = address index key, personIndex = index key of the person hint or false, addrKey = the
--     address's key, person = fresh person id, conv = fresh conversation id, channel, replyTo,
--     ttl = retention millis, now = epoch millis (string), personPrefix, convPrefix}
-- Returns conversation id, person id, true when made now.
local function resolveAddress(a)
  local known = redis.call('HMGET', a.index, 'person', 'conv', 'day')
  -- The day of a.now (epoch millis as a string: math on it stays below Lua's 2^53).
  local day = tostring(math.floor(tonumber(a.now) / 86400000))
  if known[2] then
    -- The person and the index entry that finds them live as long as the person keeps writing: renewed
    -- on the first message of a day (retention is counted in days; every message would cost 3 writes).
    if known[3] ~= day then
      local personKey = a.personPrefix .. known[1] .. '}'
      redis.call('PEXPIRE', personKey, a.ttl)
      redis.call('HSET', a.index, 'day', day)
      redis.call('PEXPIRE', a.index, a.ttl)
      local hint = redis.call('HGET', personKey, 'hint')
      if hint then redis.call('PEXPIRE', hint, a.ttl) end
    end
    return known[2], known[1], false
  end
  -- A new address. The same phone number on another channel (SMS, WhatsApp, voice) is the same person:
  -- they get a conversation of their own on this channel, under the person they already are.
  local person = a.personIndex and redis.call('HGET', a.personIndex, 'person')
  local personKey
  if person then
    personKey = a.personPrefix .. person .. '}'
    redis.call('HSET', personKey, 'a:' .. a.addrKey, a.replyTo, 'c:' .. a.conv, a.addrKey)
    redis.call('PEXPIRE', a.personIndex, a.ttl)
  else
    person = a.person
    personKey = a.personPrefix .. person .. '}'
    if a.personIndex then
      redis.call('HSET', personKey, 'created', a.now, 'hint', a.personIndex, 'a:' .. a.addrKey, a.replyTo,
        'c:' .. a.conv, a.addrKey)
      redis.call('HSET', a.personIndex, 'person', person)
      redis.call('PEXPIRE', a.personIndex, a.ttl)
    else
      redis.call('HSET', personKey, 'created', a.now, 'a:' .. a.addrKey, a.replyTo, 'c:' .. a.conv, a.addrKey)
    end
  end
  redis.call('PEXPIRE', personKey, a.ttl)
  redis.call('HSET', a.index, 'person', person, 'conv', a.conv, 'day', day)
  redis.call('PEXPIRE', a.index, a.ttl)
  -- The conversation's own keys (meta with channel and address key, session, ...) are written by its
  -- first turn's commit.
  return a.conv, person, true
end

-- The address arguments of a script, from ARGV[from] on (see RedisPeople.addressArgs):
-- addrKey, fresh person, fresh conv, channel, replyTo, ttl, now, personPrefix, convPrefix; the index
-- keys are KEYS[index] and, when hinted, KEYS[personIndex].
local function addressArgs(from, index, personIndex)
  return {index = KEYS[index], personIndex = personIndex and KEYS[personIndex] or false,
          addrKey = ARGV[from], person = ARGV[from + 1], conv = ARGV[from + 2], channel = ARGV[from + 3],
          replyTo = ARGV[from + 4], ttl = ARGV[from + 5], now = ARGV[from + 6], personPrefix = ARGV[from + 7],
          convPrefix = ARGV[from + 8]}
end
