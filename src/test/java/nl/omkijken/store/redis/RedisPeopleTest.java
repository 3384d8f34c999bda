package nl.omkijken.store.redis;

import static nl.omkijken.testing.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import nl.omkijken.people.Address;
import nl.omkijken.people.IdSource;
import nl.omkijken.people.People;
import nl.omkijken.testing.MutableClock;
import nl.omkijken.testing.TestPeople;
import org.junit.jupiter.api.Test;

/** A person and their index entry live for the retention time after their last day of messages. */
class RedisPeopleTest extends RedisTestBase {
    private static final Duration RETENTION = Duration.ofDays(180);

    @Test
    void theFirstMessageOfADayRenewsThePersonTheRestOfTheDayCostsNoWrite() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
        RedisPeople people = new RedisPeople(redis, TestPeople.KEYS, IdSource.random(), clock, RETENTION);
        Address anna = new Address("sms", "+31600000009", "+31600000009|+3197010200300");
        People.Known known = result(people.resolve(anna));
        String person = RedisKeys.person(known.personId());
        String index = RedisKeys.address(known.addressKey());
        // Shorten the TTLs, as if months had passed since the last renewal.
        for (String key : new String[] {person, index}) sync(raw().pexpire(key, 60_000));

        clock.advance(Duration.ofHours(10)); // the same day
        assertEquals(known, result(people.resolve(anna)));
        assertTrue(sync(raw().pttl(person)) <= 60_000, "not renewed again the same day");
        assertTrue(sync(raw().pttl(index)) <= 60_000);

        clock.advance(Duration.ofHours(14)); // the next day
        assertEquals(known, result(people.resolve(anna)));
        assertTrue(sync(raw().pttl(person)) > RETENTION.toMillis() - 60_000, "renewed by the day's first message");
        assertTrue(sync(raw().pttl(index)) > RETENTION.toMillis() - 60_000);
        String hint = sync(raw().hget(person, "hint"));
        assertTrue(sync(raw().pttl(hint)) > RETENTION.toMillis() - 60_000, "and the phone link with them");
    }
}
