package nl.omkijken.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Step;

/** Every step and dialog a dialog names exists: start, next, goto, else, on_fail, goto_dialog, interrupts. */
final class TargetCheck {
    private TargetCheck() {}

    static void run(Folder folder, Problems problems) {
        for (DialogFile f : folder.files()) {
            Place in = problems.in(f.file()).dialog(f.id());
            String start = f.dialog().start();
            if (start != null && !f.stepIds().isEmpty() && !f.stepIds().contains(start)) {
                in.error(ErrorCode.MISSING_TARGET, "start names '" + start + "', which is not a step of this dialog"
                        + suggest(start, f.stepIds()));
            }
            for (Map.Entry<String, Step> e : f.dialog().steps().entrySet()) {
                Place at = in.step(e.getKey());
                for (StepLinks.Link link : StepLinks.all(e.getValue())) {
                    if (!f.stepIds().contains(link.target())) {
                        at.error(ErrorCode.MISSING_TARGET, link.key() + " names '" + link.target()
                                + "', which is not a step of this dialog" + suggest(link.target(), f.stepIds()));
                    }
                }
                if (e.getValue() instanceof Step.GotoDialog g) checkGotoDialog(g, folder, at);
            }
        }
        Interrupts in = folder.interrupts();
        if (in != null) {
            Place at = problems.in(folder.interruptsFile());
            checkDialog("crisis dialog", in.crisisDialog(), folder, at);
            in.crisisKinds().forEach((kind, dialog) -> checkDialog("crisis dialog of kind " + kind, dialog, folder, at));
            checkDialog("human dialog", in.humanDialog(), folder, at);
        }
    }

    private static void checkGotoDialog(Step.GotoDialog g, Folder folder, Place at) {
        if (g.dialog() == null) return;
        DialogFile target = folder.dialogs().get(g.dialog());
        if (target == null) {
            at.error(ErrorCode.MISSING_TARGET, "goto_dialog names '" + g.dialog() + "', but no file defines a dialog"
                    + " with that id" + suggest(g.dialog(), folder.dialogs().keySet()) + unparsed(folder));
        } else if (g.step() != null && !target.stepIds().contains(g.step())) {
            at.error(ErrorCode.MISSING_TARGET, "step names '" + g.step() + "', which is not a step of dialog '"
                    + g.dialog() + "' (" + target.file() + ")" + suggest(g.step(), target.stepIds()));
        }
    }

    private static void checkDialog(String what, String id, Folder folder, Place at) {
        if (id != null && !folder.dialogs().containsKey(id)) {
            at.error(ErrorCode.MISSING_TARGET, "the " + what + " is '" + id + "', but no file defines a dialog with"
                    + " that id" + suggest(id, folder.dialogs().keySet()) + unparsed(folder));
        }
    }

    /** A dialog may be missing only because its file has a syntax error; say so, as that is the fix. */
    private static String unparsed(Folder folder) {
        if (folder.unparsed().isEmpty()) return "";
        return " (" + String.join(", ", folder.unparsed()) + " could not be parsed and may define it)";
    }

    /** "; did you mean 'x'?" or the list of what exists, so the fix is obvious. */
    static String suggest(String name, Set<String> existing) {
        List<String> names = new ArrayList<>(existing);
        names.sort(null);
        String near = YamlMap.closest(name, names);
        if (near != null) return "; did you mean '" + near + "'?";
        if (names.isEmpty()) return "";
        if (names.size() > 12) return "; check the spelling";
        return "; it must be one of " + String.join(", ", names);
    }
}
