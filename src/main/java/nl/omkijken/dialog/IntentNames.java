package nl.omkijken.dialog;

import java.util.List;

/**
 * Reads the intent name from one file in dialogs/nlu/intents. The examples belong to the language layer,
 * which reads and checks them itself; here only the name matters.
 */
final class IntentNames {
    private static final List<String> TOP = List.of("intent", "examples", "risk_training");

    private IntentNames() {}

    /** The intent's name, or null (reported) when the file does not give a usable one. */
    static String read(YamlTree.Parsed parsed, Place at) {
        for (YamlTree.DuplicateKey d : parsed.duplicates()) {
            if (d.path().isEmpty()) {
                at.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice (lines " + d.firstLine()
                        + " and " + d.line() + "); keep one");
            }
        }
        if (parsed.root() == null) {
            if (parsed.syntaxOk()) at.error(ErrorCode.MISSING_KEY, "the intent file is empty; it needs intent: NAME and examples");
            return null;
        }
        YamlMap top = YamlMap.open(parsed.root(), at, "an intent file", TOP);
        if (top == null) return null;
        String name = top.id("intent", true, "the intent's name, e.g. intent: callback_request");
        return name != null && YamlMap.ID.matcher(name).matches() ? name : null;
    }
}
