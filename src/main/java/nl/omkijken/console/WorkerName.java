package nl.omkijken.console;

/** A worker's display name: what colleagues see and what they sign in with. */
public final class WorkerName {
    public static final int MAX = 60;

    private WorkerName() {}

    /**
     * @return the name, trimmed
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public static String check(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a worker needs a name");
        String n = name.trim().replaceAll("\\s+", " ");
        if (n.length() > MAX) throw new IllegalArgumentException("a name has at most " + MAX + " characters");
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isISOControl(c) || c == '<' || c == '>') {
                throw new IllegalArgumentException("a name may not hold control characters or < >");
            }
        }
        return n;
    }

    /** The form names are compared in: one person, one name, whatever the capitals. */
    public static String key(String name) {
        return check(name).toLowerCase(java.util.Locale.ROOT);
    }
}
