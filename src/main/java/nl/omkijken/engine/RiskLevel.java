package nl.omkijken.engine;

/**
 * How much a message says about danger to the person or someone else. {@code HIGH}: automation stops,
 * the fixed safety reply goes out and the conversation goes first in the staff queue. {@code POSSIBLE}:
 * the assistant asks directly whether the person thinks of ending their life, as crisis lines train
 * their volunteers to do; yes, an unclear answer or silence leads to {@code HIGH}. {@code NONE}: nothing.
 */
public enum RiskLevel {
    NONE, POSSIBLE, HIGH;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The higher of the two: a risk is only ever raised by combining. */
    public RiskLevel atLeast(RiskLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
