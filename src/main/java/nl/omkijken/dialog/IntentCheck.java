package nl.omkijken.dialog;

import java.util.List;
import java.util.Map;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Step;
import nl.omkijken.engine.Understanding;

/**
 * Every intent a route or interrupt listens for is defined in dialogs/nlu/intents. out_of_scope is what the
 * language layer says when it understands nothing, so listening for it is reported too: on a route it never
 * matches, and in an interrupt it would fire on every message that is not understood.
 */
final class IntentCheck {
    private IntentCheck() {}

    static void run(Folder folder, Problems problems) {
        for (DialogFile f : folder.files()) {
            for (Map.Entry<String, Step> e : f.dialog().steps().entrySet()) {
                if (!(e.getValue() instanceof Step.Ask ask)) continue;
                Place at = problems.in(f.file()).dialog(f.id()).step(e.getKey());
                for (int i = 0; i < ask.routes().size(); i++) {
                    for (String intent : ask.routes().get(i).intents()) {
                        if (Understanding.OUT_OF_SCOPE.equals(intent)) {
                            at.error(ErrorCode.INVALID_VALUE, "route " + (i + 1) + " listens for out_of_scope, which"
                                    + " never matches a route; use no_match for answers that match nothing");
                        } else {
                            check(intent, "route " + (i + 1), folder, at);
                        }
                    }
                }
            }
        }
        Interrupts in = folder.interrupts();
        if (in == null) return;
        Place at = problems.in(folder.interruptsFile());
        checkInterrupt("stop", in.stopIntents(), folder, at);
        checkInterrupt("human", in.humanIntents(), folder, at);
        if (in.closing() != null) checkInterrupt("closing", in.closing().intents(), folder, at);
        if (in.status() != null) checkInterrupt("status", in.status().intents(), folder, at);
    }

    private static void checkInterrupt(String name, List<String> intents, Folder folder, Place at) {
        for (String intent : intents) {
            if (Understanding.OUT_OF_SCOPE.equals(intent)) {
                at.error(ErrorCode.INVALID_VALUE, "the " + name + " interrupt listens for out_of_scope, so it would fire"
                        + " on every message that is not understood; remove it");
            } else {
                check(intent, "the " + name + " interrupt", folder, at);
            }
        }
    }

    private static void check(String intent, String where, Folder folder, Place at) {
        if (!folder.intents().contains(intent)) {
            at.error(ErrorCode.UNKNOWN_INTENT, where + " listens for the intent '" + intent + "', which no file in"
                    + " nlu/intents defines; add nlu/intents/" + intent + ".yaml or fix the name"
                    + TargetCheck.suggest(intent, folder.intents()));
        }
    }
}
