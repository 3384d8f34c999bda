package nl.omkijken.bench.resilience;

/**
 * One line of a scenario's report: a measured value and, when there is one, its target.
 *
 * @param target what it should be, as printed ("0", "all", "measured"); null: information only
 * @param met    false when a target is missed (always true without a target)
 */
record Figure(String name, String value, String target, boolean met) {
    static Figure info(String name, Object value) {
        return new Figure(name, String.valueOf(value), null, true);
    }

    static Figure zero(String name, long value) {
        return new Figure(name, String.valueOf(value), "0", value == 0);
    }

    static Figure measured(String name, Object value) {
        return new Figure(name, String.valueOf(value), "measured", true);
    }

    static Figure check(String name, Object value, String target, boolean met) {
        return new Figure(name, String.valueOf(value), target, met);
    }
}
