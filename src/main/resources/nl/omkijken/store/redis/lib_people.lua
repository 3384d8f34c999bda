-- Library (put in front of the scripts that need it, see LuaScript.load): finding the conversation of an
-- address by its key, and making person, index entry and conversation for an address that is new.
--
-- Keys are built here from prefixes the caller passes (RedisKeys), because which person or conversation
-- an address belongs to is only known inside the script.
--
-- a: {index = address index key, personIndex = index key of the person hint or false, addrKey = the
--     address's key, person = fresh person id, conv = fresh conversation id, channel, replyTo,
--     ttl = retention millis, now = epoch millis (string), personPrefix, convPrefix}
-- Returns conversation id, person id, true when made now.
local function resolveAddress(a)
  local known = redis.call('HMGET', a.index, 'person', 'conv')
  if known[2] then
    return known[2], known[1], false
  end
  -- A new address. The same phone number on another channel (SMS, WhatsApp, voice) is the same person:
  -- they get a conversation of their own on this channel, under the person they already are.
  local person = false
  if a.personIndex then
    person = redis.call('HGET', a.personIndex, 'person')
  end
  if not person then
    person = a.person
    if a.personIndex then
      redis.call('HSET', a.personIndex, 'person', person)
      redis.call('PEXPIRE', a.personIndex, a.ttl)
    end
  end
  local personKey = a.personPrefix .. person .. '}'
  redis.call('HSET', a.index, 'person', person, 'conv', a.conv)
  redis.call('PEXPIRE', a.index, a.ttl)
  redis.call('HSET', personKey, 'a:' .. a.addrKey, a.replyTo, 'c:' .. a.conv, a.addrKey)
  redis.call('HSETNX', personKey, 'created', a.now)
  if a.personIndex then
    redis.call('HSET', personKey, 'hint', a.personIndex)
  end
  redis.call('PEXPIRE', personKey, a.ttl)
  local meta = a.convPrefix .. a.conv .. '}:meta'
  redis.call('HSET', meta, 'channel', a.channel, 'address', a.addrKey)
  redis.call('PEXPIRE', meta, a.ttl)
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
