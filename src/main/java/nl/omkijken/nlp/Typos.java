package nl.omkijken.nlp;

/** Edit distance of at most one, counting a swap of two neighbouring letters as one edit. */
final class Typos {
    private Typos() {}

    static boolean withinOne(String a, String b) {
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) i++;
        if (i == la && i == lb) return true;
        if (la == lb) {
            // one substitution, or a swap of i and i+1
            if (a.substring(i + 1).equals(b.substring(i + 1))) return true;
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        // one letter more in the longer word
        return la > lb ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }
}
