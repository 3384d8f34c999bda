package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.failure;
import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.omkijken.people.Address;
import nl.omkijken.people.AddressKeys;
import org.junit.jupiter.api.Test;

/**
 * The address secret is the same for every instance and for the life of the data: kept in Redis when
 * none is configured, and a configured one that is not the one the data was written with stops the start.
 */
class AddressSecretTest extends RedisTestBase {
    private static final Address ANNA = Address.of("sms", "+31612345678");
    private static final String ONE = "configured-secret-0123456789abcdef-one";
    private static final String TWO = "configured-secret-0123456789abcdef-two";

    @Test
    void withoutAConfiguredSecretEveryInstanceUsesTheOneKeptInRedis() {
        AddressKeys first = result(AddressSecret.load(redis, null));
        AddressKeys second = result(AddressSecret.load(redis, null));
        assertEquals(first.keyOf(ANNA), second.keyOf(ANNA));
        assertEquals(64, sync(raw().get(RedisKeys.ADDRESS_KEY_SECRET)).length(), "32 random bytes, hex");
        // Once data is written with the kept secret, a configured one is refused rather than finding nobody.
        Throwable refused = failure(AddressSecret.load(redis, ONE));
        assertTrue(refused.getMessage().contains("leave ADDRESS_KEY unset"), refused.getMessage());
    }

    @Test
    void aConfiguredSecretIsRememberedByItsFingerprintAndAnotherIsRefused() {
        AddressKeys keys = result(AddressSecret.load(redis, ONE));
        assertEquals(keys.keyOf(ANNA), result(AddressSecret.load(redis, ONE)).keyOf(ANNA));
        assertEquals(0L, sync(raw().exists(RedisKeys.ADDRESS_KEY_SECRET)), "a configured secret is not stored");
        assertTrue(!sync(raw().get(RedisKeys.ADDRESS_KEY_FINGERPRINT)).contains(ONE));
        Throwable refused = failure(AddressSecret.load(redis, TWO));
        assertTrue(refused.getMessage().contains("another ADDRESS_KEY"), refused.getMessage());
        Throwable unset = failure(AddressSecret.load(redis, null));
        assertTrue(unset.getMessage().contains("set ADDRESS_KEY to the one it was written with"), unset.getMessage());
        assertEquals(0L, sync(raw().exists(RedisKeys.ADDRESS_KEY_SECRET)), "no new secret was made for that data");
    }

    @Test
    void keysAreOpaqueAndDependOnTheSecret() {
        AddressKeys one = new AddressKeys(ONE.getBytes());
        AddressKeys two = new AddressKeys(TWO.getBytes());
        String key = one.keyOf(ANNA);
        assertEquals(22, key.length());
        assertTrue(key.matches("[A-Za-z0-9_-]+"), key);
        assertNotEquals(key, two.keyOf(ANNA));
        assertNotEquals(key, one.keyOf(Address.of("whatsapp", "+31612345678")), "another channel, another address");
        assertEquals(key, one.keyOf("sms:+31612345678"), "the key of an address is the key of its identity");
        assertThrows(IllegalArgumentException.class, () -> new AddressKeys("too-short".getBytes()));
    }
}
