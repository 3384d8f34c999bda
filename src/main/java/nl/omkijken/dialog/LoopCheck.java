package nl.omkijken.dialog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Step;

/**
 * No circle of steps that the engine would run within one turn: a loop must pass a step that waits
 * (ask, collect), ends, or hands over without next. Looks across dialogs, since goto_dialog runs on at once.
 * The steps are a graph; each strongly connected part with a circle in it is reported once.
 */
final class LoopCheck {
    private LoopCheck() {}

    /** One step in the graph. */
    private record Node(DialogFile file, String step) {
        String name(DialogFile from) {
            return file == from ? step : file.id() + "/" + step;
        }
    }

    static void run(Folder folder, Problems problems) {
        List<Node> nodes = new ArrayList<>();
        // By identity: a record's hash would walk every step of the dialog on each lookup.
        Map<DialogFile, Map<String, Integer>> index = new IdentityHashMap<>();
        for (DialogFile f : folder.files()) {
            Map<String, Integer> ids = new HashMap<>();
            for (String step : f.dialog().steps().keySet()) {
                ids.put(step, nodes.size());
                nodes.add(new Node(f, step));
            }
            index.put(f, ids);
        }
        List<List<Integer>> edges = new ArrayList<>();
        for (Node n : nodes) {
            List<Integer> out = new ArrayList<>();
            Step step = n.file().dialog().step(n.step());
            for (StepLinks.Link link : StepLinks.immediate(step)) {
                Integer to = index.get(n.file()).get(link.target());
                if (to != null) out.add(to);
            }
            if (step instanceof Step.GotoDialog g && g.dialog() != null) {
                DialogFile target = folder.dialogs().get(g.dialog());
                if (target != null) {
                    String at = g.step() != null ? g.step() : target.dialog().start();
                    Integer to = at == null ? null : index.get(target).get(at);
                    if (to != null) out.add(to);
                }
            }
            edges.add(out);
        }
        List<List<Integer>> parts = stronglyConnected(edges);
        parts.sort(Comparator.comparingInt(Collections::min)); // report in file order
        for (List<Integer> part : parts) {
            int first = Collections.min(part);
            if (part.size() == 1 && !edges.get(first).contains(first)) continue;
            Node start = nodes.get(first);
            List<String> names = new ArrayList<>();
            for (int i : circle(first, new HashSet<>(part), edges)) names.add(nodes.get(i).name(start.file()));
            problems.in(start.file().file()).dialog(start.file().id()).step(start.step()).error(
                    ErrorCode.LOOP_WITHOUT_WAIT, "the steps " + String.join(" -> ", names) + " run on into each other"
                            + " without waiting for an answer, so the engine would go round in circles; put an ask,"
                            + " collect, end or a handoff without next in the loop");
        }
    }

    /** A circle from {@code first} back to itself within one part, as node indexes (first at both ends). */
    private static List<Integer> circle(int first, Set<Integer> part, List<List<Integer>> edges) {
        Map<Integer, Integer> parent = new HashMap<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(first));
        parent.put(first, -1);
        while (!todo.isEmpty()) {
            int u = todo.poll();
            for (int w : edges.get(u)) {
                if (w == first) {
                    List<Integer> path = new ArrayList<>();
                    for (int x = u; x != -1; x = parent.get(x)) path.add(x);
                    Collections.reverse(path);
                    path.add(first);
                    return path;
                }
                if (part.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, u);
                    todo.add(w);
                }
            }
        }
        return List.of(first, first);
    }

    /** Tarjan's algorithm without recursion, so a file with thousands of chained steps cannot overflow the stack. */
    private static List<List<Integer>> stronglyConnected(List<List<Integer>> edges) {
        int n = edges.size();
        int[] order = new int[n];
        int[] low = new int[n];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[n];
        Deque<Integer> stack = new ArrayDeque<>();
        List<List<Integer>> parts = new ArrayList<>();
        int counter = 0;
        for (int v = 0; v < n; v++) {
            if (order[v] != -1) continue;
            Deque<int[]> calls = new ArrayDeque<>();
            order[v] = low[v] = counter++;
            stack.push(v);
            onStack[v] = true;
            calls.push(new int[] {v, 0});
            while (!calls.isEmpty()) {
                int[] frame = calls.peek();
                int u = frame[0];
                if (frame[1] < edges.get(u).size()) {
                    int w = edges.get(u).get(frame[1]++);
                    if (order[w] == -1) {
                        order[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        calls.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[u] = Math.min(low[u], order[w]);
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    int p = calls.peek()[0];
                    low[p] = Math.min(low[p], low[u]);
                }
                if (low[u] == order[u]) {
                    List<Integer> part = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        part.add(w);
                    } while (w != u);
                    parts.add(part);
                }
            }
        }
        return parts;
    }
}
