package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.Step;

/** Reads one dialog file (id, line, start, steps) from its parsed YAML. */
final class DialogFileReader {
    private static final List<String> TOP = List.of("id", "line", "calls", "register", "start", "menu", "welcome_again_after", "handles_danger", "human", "steps");
    /** The kinds of danger a dialog's own routes may handle (handles_danger). */
    static final List<String> DANGER_KINDS = List.of("acute_danger", "domestic_violence", "harm_others");

    private DialogFileReader() {}

    /** The dialog in the file, or null when the file holds nothing usable (reported). */
    static DialogFile read(String file, YamlTree.Parsed parsed, Place at) {
        JsonNode root = parsed.root();
        if (root == null) {
            if (parsed.syntaxOk()) {
                at.error(ErrorCode.MISSING_KEY, "the file is empty; a dialog file needs id, start and steps"
                        + " (see docs/DIALOGS.md)");
            }
            return null;
        }
        // The id first, so that every error in the file, even at its top, names the dialog.
        JsonNode written = root.isObject() ? root.get("id") : null;
        YamlMap top = YamlMap.open(root, written != null && written.isValueNode() && !written.isNull()
                ? at.dialog(written.asText()) : at, "a dialog file", TOP);
        if (top == null) return null;
        String id = top.id("id", true, "the dialog's id, unique over all files, e.g. id: luisterlijn_intake");
        Place in = at.dialog(id);
        reportDuplicates(parsed.duplicates(), in);
        String line = top.string("line");
        if (line != null) YamlMap.checkId(line, "the line", in);
        // The dialog that answers a line's phone calls (its callers wait on the line for a worker).
        String calls = top.string("calls");
        if (calls != null) YamlMap.checkId(calls, "the line whose calls this dialog answers", in);
        if (calls != null && line != null) {
            in.error(ErrorCode.INVALID_VALUE, "a dialog has line: (it opens the line's messages) or calls: (it answers the line's"
                    + " phone calls), not both; make the phone's dialog a file of its own");
        }
        Map<String, Step> steps = new LinkedHashMap<>();
        Set<String> stepIds = new LinkedHashSet<>();
        boolean allRead = true;
        JsonNode stepsNode = top.get("steps");
        if (stepsNode == null) {
            in.error(ErrorCode.MISSING_KEY, "the dialog has no steps; add steps: with at least one step");
        } else if (!stepsNode.isObject()) {
            in.error(ErrorCode.INVALID_VALUE, "steps must be a map of step id: step, not " + YamlMap.shape(stepsNode));
        } else if (stepsNode.isEmpty()) {
            in.error(ErrorCode.MISSING_KEY, "the dialog's steps are empty; add at least one step");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = stepsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String stepId = e.getKey();
                Place stepAt = in.step(stepId);
                stepIds.add(stepId);
                YamlMap.checkId(stepId, "the step id", stepAt);
                Step step = StepReader.read(stepId, e.getValue(), stepAt);
                if (step == null) allRead = false;
                else steps.put(stepId, step);
            }
        }
        // The start is read after the steps, so its place can name the step when the id is set.
        String start = top.required("start", "the id of the first step, e.g. start: " + (stepIds.isEmpty()
                ? "welkom" : stepIds.iterator().next()));
        String menu = top.string("menu");
        if (menu != null && !stepIds.isEmpty() && !stepIds.contains(menu)) {
            in.error(ErrorCode.INVALID_VALUE, "menu: '" + menu + "' is not a step of this dialog; name the step a worker hands"
                    + " the conversation back to, one of " + stepIds);
        }
        String registerWritten = top.string("register");
        Dialog.Register register = Dialog.Register.of(registerWritten);
        if (registerWritten != null && register == null) {
            in.error(ErrorCode.INVALID_VALUE, "register: '" + registerWritten + "' is not a register; write register: je or register: u"
                    + " (how the dialog addresses the person in Dutch)");
        }
        // A person who writes again soon after the conversation ended gets the line's menu, not the welcome.
        java.time.Duration again = top.has("welcome_again_after")
                ? top.duration("welcome_again_after", "how long after an ended conversation the welcome is said again, e.g. PT6H")
                : null;
        if (again != null && menu == null) {
            in.error(ErrorCode.MISSING_KEY, "welcome_again_after needs menu: the step a person who writes again sooner goes to");
        }
        java.util.Map<String, String> handles = new java.util.LinkedHashMap<>();
        YamlMap danger = top.has("handles_danger") ? top.map("handles_danger", "handles_danger: {acute_danger: the step that handles it}", DANGER_KINDS) : null;
        if (danger != null) {
            for (String kind : danger.keys()) {
                if (!DANGER_KINDS.contains(kind)) continue; // named by map() with the kinds there are
                String step = danger.string(kind);
                if (step == null || !stepIds.contains(step)) {
                    in.error(ErrorCode.INVALID_VALUE, "handles_danger." + kind + ": '" + step + "' is not a step of this dialog; name the"
                            + " urgent handoff step that gives 112, one of " + stepIds);
                } else if (!reachesHandoff(steps, step, true)) {
                    in.error(ErrorCode.INVALID_VALUE, "handles_danger." + kind + ": step '" + step + "' must be (or lead by set and say"
                            + " steps to) a handoff with priority urgent, so the person is first in the queue as on the crisis path");
                } else {
                    handles.put(kind, step);
                }
            }
        }
        // "Ik wil iemand spreken" in a dialog that has a way to a person of its own (the phone's queue) takes that way.
        String human = top.string("human");
        if (human != null && !stepIds.isEmpty() && !reachesHandoff(steps, human, false)) {
            in.error(ErrorCode.INVALID_VALUE, "human: '" + human + "' must be a step of this dialog that is (or leads by set and"
                    + " say steps to) a handoff, where a request for a person goes; one of " + stepIds);
            human = null;
        }
        return new DialogFile(file, new Dialog(id, line, start, menu, steps, file, register, again, handles, calls, human),
                Set.copyOf(stepIds), allRead);
    }

    /** Whether the step is a handoff (urgent: an urgent one), or leads to one through set and say steps (a few at most). */
    private static boolean reachesHandoff(java.util.Map<String, nl.omkijken.engine.Step> steps, String from, boolean urgent) {
        String at = from;
        for (int hops = 0; hops < 5 && at != null; hops++) {
            nl.omkijken.engine.Step step = steps.get(at);
            if (step instanceof nl.omkijken.engine.Step.Handoff h) return !urgent || h.priority() == nl.omkijken.engine.Step.Priority.URGENT;
            at = step instanceof nl.omkijken.engine.Step.SetValues v ? v.next() : step instanceof nl.omkijken.engine.Step.Say say ? say.next() : null;
        }
        return false;
    }

    private static void reportDuplicates(List<YamlTree.DuplicateKey> duplicates, Place in) {
        for (YamlTree.DuplicateKey d : duplicates) {
            String lines = " (lines " + d.firstLine() + " and " + d.line() + ")";
            List<String> path = d.path();
            if (path.size() == 1 && path.get(0).equals("steps")) {
                in.step(d.key()).error(ErrorCode.DUPLICATE_ID, "the step id '" + d.key() + "' is used twice in this"
                        + " dialog" + lines + "; only the first is kept, so give each step its own id");
            } else if (path.isEmpty()) {
                in.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice at the top of the file"
                        + lines + "; keep one");
            } else if (path.size() >= 2 && path.get(0).equals("steps")) {
                in.step(path.get(1)).error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice in "
                        + dotted(path.subList(1, path.size())) + lines + "; keep one");
            } else {
                in.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice in "
                        + dotted(path) + lines + "; keep one");
            }
        }
    }

    /** steps, vraag, routes, [0] -> steps.vraag.routes[0] */
    static String dotted(List<String> path) {
        return String.join(".", path).replace(".[", "[");
    }
}
