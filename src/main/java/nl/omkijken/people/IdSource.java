package nl.omkijken.people;

import java.security.SecureRandom;

/**
 * Makes the opaque ids of people and conversations: a letter for the kind and 24 characters of
 * [a-z2-7] (120 random bits), e.g. "c5xq2...". Nothing in an id tells who it is about, and an id has no
 * ':' or braces, so it fits in every key name. Injected, so tests can make ids they can predict.
 */
@FunctionalInterface
public interface IdSource {
    /** A new id starting with {@code kind}: 'p' for a person, 'c' for a conversation. */
    String next(char kind);

    /**
     * Random ids from a {@link SecureRandom} per thread: one shared generator would make every webhook
     * thread wait for the others on its lock.
     */
    static IdSource random() {
        ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(SecureRandom::new);
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        return kind -> {
            SecureRandom random = randoms.get();
            char[] id = new char[25];
            id[0] = kind;
            byte[] bytes = new byte[15];
            random.nextBytes(bytes);
            // 15 bytes = 120 bits = 24 groups of 5 bits.
            long acc = 0;
            int bits = 0;
            int at = 1;
            for (byte b : bytes) {
                acc = (acc << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    bits -= 5;
                    id[at++] = alphabet[(int) ((acc >> bits) & 31)];
                }
            }
            return new String(id);
        };
    }
}
