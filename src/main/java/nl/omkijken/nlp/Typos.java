package nl.omkijken.nlp;

/**
 * Edit distance of at most one, counting a swap of two neighbouring letters as one edit.
 * Allocation-free: it runs for every long word of every message.
 */
final class Typos {
    private Typos() {}

    /** Whether {@code a} (its first {@code la} characters) is within one edit of {@code b}. */
    static boolean withinOne(String a, int la, String b) {
        int lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) i++;
        if (i == la && i == lb) return true;
        if (la == lb) {
            if (same(a, i + 1, b, i + 1, la - i - 1)) return true; // one letter wrong
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && same(a, i + 2, b, i + 2, la - i - 2); // two letters swapped
        }
        return la > lb ? same(a, i + 1, b, i, lb - i) : same(a, i, b, i + 1, la - i); // one letter more or less
    }

    static boolean withinOne(String a, String b) {
        return withinOne(a, a.length(), b);
    }

    private static boolean same(String a, int ai, String b, int bi, int n) {
        return n <= 0 || a.regionMatches(ai, b, bi, n);
    }
}
