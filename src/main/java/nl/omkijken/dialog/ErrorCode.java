package nl.omkijken.dialog;

/**
 * The rules the dialog validator checks. The names are stable: tools, tests and people search for them,
 * so rename none and add new ones at the end.
 */
public enum ErrorCode {
    /** The file is not valid YAML (or not UTF-8 text); the message gives line:column. */
    YAML_SYNTAX,
    /** A key that the format does not know, e.g. a typo such as {@code nxt}. */
    UNKNOWN_KEY,
    /** A key the format requires is absent or empty. */
    MISSING_KEY,
    /** A step whose kind cannot be told, or that has two kind keys. */
    AMBIGUOUS_STEP,
    /** A step or dialog name that points at nothing. */
    MISSING_TARGET,
    /** A step that no path from the dialog's start (or from a goto_dialog elsewhere) reaches. */
    UNREACHABLE_STEP,
    /** Two dialogs with one id, two steps with one id, a repeated key, or one digit on two routes. */
    DUPLICATE_ID,
    /** An ask with no routes, or a route with nothing to match on. */
    ASK_WITHOUT_ROUTES,
    /** A {namespace.name} placeholder that cannot be filled. */
    UNKNOWN_PLACEHOLDER,
    /** An intent that dialogs/nlu/intents does not define. */
    UNKNOWN_INTENT,
    /** An end outcome outside the closed set. */
    UNKNOWN_OUTCOME,
    /** A text without its nl or en version, or with a language the service does not speak. */
    MISSING_TRANSLATION,
    /** A value of the wrong shape or outside its allowed set. */
    INVALID_VALUE,
    /** The helpline numbers are missing from the crisis dialog, or quoted in a wrong form anywhere. */
    HELPLINE_NUMBER,
    /** Steps that pass control around in a circle without ever waiting, which would spin the engine. */
    LOOP_WITHOUT_WAIT;

    /** The code as printed and stored, e.g. {@code MISSING_KEY}. */
    public String code() { return name(); }
}
