package nl.omkijken.dialog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Step;

/**
 * Every step can be reached: from the dialog's start, or from a goto_dialog in any dialog that names it.
 * A dialog with a step whose kind could not be told is skipped, as that step's links are unknown.
 */
final class ReachabilityCheck {
    private ReachabilityCheck() {}

    static void run(Folder folder, Problems problems) {
        Map<String, Set<String>> entries = new HashMap<>();
        for (DialogFile f : folder.files()) {
            for (Step s : f.dialog().steps().values()) {
                if (s instanceof Step.GotoDialog g && g.dialog() != null && g.step() != null) {
                    entries.computeIfAbsent(g.dialog(), k -> new HashSet<>()).add(g.step());
                }
            }
        }
        for (DialogFile f : folder.files()) {
            String start = f.dialog().start();
            if (!f.allStepsRead() || start == null || !f.stepIds().contains(start)) continue;
            Set<String> reached = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(start);
            // The menu is an entry too: a worker hands back there, and a person who writes again soon lands there.
            if (f.dialog().menu() != null && f.stepIds().contains(f.dialog().menu())) todo.add(f.dialog().menu());
            if (f.id() != null && folder.dialogs().get(f.id()) == f) todo.addAll(entries.getOrDefault(f.id(), Set.of()));
            while (!todo.isEmpty()) {
                String id = todo.poll();
                if (!reached.add(id)) continue;
                Step s = f.dialog().step(id);
                if (s == null) continue;
                for (StepLinks.Link link : StepLinks.all(s)) {
                    if (!reached.contains(link.target())) todo.add(link.target());
                }
            }
            for (String id : f.dialog().steps().keySet()) {
                if (!reached.contains(id)) {
                    problems.in(f.file()).dialog(f.id()).step(id).error(ErrorCode.UNREACHABLE_STEP,
                            "no path from the start ('" + start + "') leads to this step, so it never runs; link to it"
                                    + " with next or goto from another step, or remove it");
                }
            }
        }
    }
}
